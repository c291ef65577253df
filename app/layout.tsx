import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { DetailsEscape } from "@/components/details-escape";
import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { ROOT_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";
import { layoutTitle, titleText } from "@/lib/i18n/page-title";
import { releaseRenderOnCompletion } from "@/lib/release-render-on-completion";
import "./globals.css";

// Every page's title in the request's language, with " · Koppel" (the admin layout: " · Koppel Beheer").
export async function generateMetadata(): Promise<Metadata> {
  const [title, description] = await Promise.all([layoutTitle("shop"), titleText("description")]);
  return { title, description };
}

// Client components get only the texts they use: each area's layout wraps its pages in a provider
// with its own namespaces (lib/i18n/client-messages.ts); this one serves app/error.tsx.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  releaseRenderOnCompletion();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ClientMessages namespaces={ROOT_CLIENT_MESSAGES}>{children}</ClientMessages>
        {/* Escape closes an open <details> fold-out, on every page (components/details-escape.tsx). */}
        <DetailsEscape />
      </body>
    </html>
  );
}
