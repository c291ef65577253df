import type { Metadata } from "next";
import { connection } from "next/server";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";
import punchoutEn from "@/lib/i18n/messages/punchout.en.json";
import punchoutNl from "@/lib/i18n/messages/punchout.nl.json";
import { shopLocaleOf } from "@/lib/punchout/buyer-language";
import { getEndedBrowserPunchoutSession } from "@/lib/punchout/browser-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("punchout.ended"))("title") };
}

const ENDED = { nl: punchoutNl.punchout.ended, en: punchoutEn.punchout.ended } as const;

/**
 * Where a page sends a browser whose punchout session is over (transfer, cancel, expiry) instead
 * of to sign in (lib/auth/guards.ts signInRedirectPath): that buyer has no password — their
 * procurement system signed them in, and only it can start a new session. So no sign-in form and no
 * account request, and no link out: often this is the procurement system's frame.
 */
export default async function PunchoutEndedPage() {
  await connection(); // reads the browser's cookies and the database: never prerendered
  const [user, locale, ended] = await Promise.all([getCurrentUser(), getLocale().then(toLocale), getEndedBrowserPunchoutSession(new Date())]);
  // An open punchout session or a sign-in has nothing that ended: the shop.
  if (user) redirect("/");
  // The text in the shop's language; also in the one the buyer system asked for, when the language
  // cookie of the session went with it (it lasts as long as the session).
  const asked = shopLocaleOf(ended?.language);
  const languages = asked && asked !== locale ? [locale, asked] : [locale];
  return (
    <main id="main" className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm" data-testid="punchout-ended">
      {languages.map((language, index) => (
        <section key={language} lang={language} className={index > 0 ? "mt-6 border-t border-slate-200 pt-6" : undefined}>
          {index === 0 ? <h1 className="text-2xl font-semibold">{ENDED[language].title}</h1> : <h2 className="text-xl font-semibold">{ENDED[language].title}</h2>}
          <p className="mt-3 text-slate-700">{ENDED[language].text}</p>
        </section>
      ))}
    </main>
  );
}
