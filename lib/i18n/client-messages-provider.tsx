import "server-only";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Locale } from "./locales";
import { pickMessages } from "./client-messages";

/**
 * NextIntlClientProvider with only the namespaces the client components below it use (see
 * client-messages.ts); locale, time zone and formats come from the request config as before, unless
 * a page speaks another language than the browser's choice (`locale`: the set-password page speaks
 * the invited person's language in a browser that never chose one).
 */
export async function ClientMessages({ namespaces, locale, children }: { namespaces: readonly string[]; locale?: Locale; children: React.ReactNode }) {
  const messages = await getMessages(locale ? { locale } : undefined);
  return (
    <NextIntlClientProvider messages={pickMessages(messages, namespaces)} {...(locale ? { locale } : {})}>
      {children}
    </NextIntlClientProvider>
  );
}
