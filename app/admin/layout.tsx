import type { Metadata } from "next";
import { connection } from "next/server";
import Link from "next/link";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { AdminNav, type AdminNavItem } from "@/components/admin/admin-nav";
import { ActionForm } from "@/components/admin/action-form";
import { OutlivingNoticeProvider } from "@/components/admin/outliving-notice";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { isAdmin, managerScope } from "@/lib/admin/access";
import { getCurrentUser, requireStaff, staffMustSetUpTwoStep } from "@/lib/auth/guards";
import { countPendingAccountRequests } from "@/lib/data/account-requests";
import { countOrdersToReview } from "@/lib/data/credit";
import { countOpenQuoteRequests } from "@/lib/data/quotes";
import { countReturnsToDecide } from "@/lib/data/returns";
import { ADMIN_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";
import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { toLocale } from "@/lib/i18n/locales";
import { layoutTitle } from "@/lib/i18n/page-title";
import { setLocaleAction, signOutAction } from "../(shop)/actions";
import { exitViewAsAction } from "./view-as/actions";

// " · Koppel Beheer" / " · Koppel Admin" after each admin page's title (/admin itself sets its own in full).
export async function generateMetadata(): Promise<Metadata> {
  return { title: await layoutTitle("admin") };
}

/**
 * The staff area's shell. Every page, action and route below checks staff access itself; this
 * layout only renders navigation once it knows the visitor is staff (signed-in non-staff get the
 * 404 here already, anonymous visitors are sent to sign in by the page with its own return path).
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await connection(); // DB-backed: never prerendered at build time
  const current = await getCurrentUser();
  if (!current) return <ClientMessages namespaces={ADMIN_CLIENT_MESSAGES}>{children}</ClientMessages>;
  // The page checks (and redirects) for itself; the shell of a staff member who must set up two-step
  // verification first shows no navigation and no counts, only the way to their profile.
  const [staff, t, locale] = await Promise.all([requireStaff("/admin", { twoStepSetup: true }), getTranslations("admin"), getLocale()]);
  const settingUp = await staffMustSetUpTwoStep(staff);
  // Quote requests of the staff member's own customers (admins: all) waiting for an answer; account
  // requests are everybody's queue (admins and account managers both decide them).
  const none = Promise.resolve(0);
  const [openQuotes, pendingAccountRequests, ordersToReview, returnsToDecide, ar, po] = await Promise.all([
    settingUp ? none : countOpenQuoteRequests(managerScope(staff)),
    settingUp ? none : countPendingAccountRequests(),
    // Orders held for review (credit limit, purchase orders with doubts) of the staff member's customers.
    settingUp ? none : countOrdersToReview(managerScope(staff)),
    // Return requests of the staff member's customers waiting for approval or rejection.
    settingUp ? none : countReturnsToDecide(managerScope(staff)),
    getTranslations("accountRequests.admin"),
    getTranslations("purchaseOrders"),
  ]);
  const profileItem = { href: "/admin/profile", label: (await getTranslations("twoStep.admin"))("navProfile") };
  const items: AdminNavItem[] = settingUp ? [profileItem] : [
    { href: "/admin", label: t("nav.dashboard") },
    { href: "/admin/customers", label: t("nav.customers") },
    { href: "/admin/price-lists", label: t("nav.priceLists") },
    { href: "/admin/products", label: t("nav.products") },
    // The category tree is the whole shop's: admins only (account managers get a 404 there).
    ...(isAdmin(staff) ? [{ href: "/admin/categories", label: (await getTranslations("categoriesAdmin"))("nav") }] : []),
    ...(isAdmin(staff) ? [{ href: "/admin/attributes", label: (await getTranslations("attributesAdmin"))("nav") }] : []),
    { href: "/admin/audit", label: t("nav.audit") },
    { href: "/admin/view-as", label: t("nav.viewAs") },
    { href: "/admin/connections", label: t("nav.connections") },
    { href: "/admin/messages", label: t("nav.messages") },
    { href: "/admin/quotes", label: t("nav.quotes"), badge: { count: openQuotes, label: t("nav.quotesOpen", { count: openQuotes }) } },
    {
      href: "/admin/account-requests",
      label: ar("nav"),
      badge: { count: pendingAccountRequests, label: ar("navPending", { count: pendingAccountRequests }) },
    },
    { href: "/admin/orders", label: po("nav"), badge: { count: ordersToReview, label: po("navToReview", { count: ordersToReview }) } },
    { href: "/admin/returns", label: t("nav.returns"), badge: { count: returnsToDecide, label: t("nav.returnsToDecide", { count: returnsToDecide }) } },
    { href: "/admin/invoices", label: (await getTranslations("invoices"))("nav") },
    { href: "/admin/api-keys", label: t("nav.apiKeys") },
    { href: "/admin/settings/invoicing", label: (await getTranslations("invoicing"))("nav") },
    // Supplier-wide integrations: admins only (account managers get a 404 there).
    ...(isAdmin(staff) ? [{ href: "/admin/settings/webhooks", label: t("nav.webhooks") }] : []),
    ...(isAdmin(staff) ? [{ href: "/admin/settings/security", label: t("nav.security") }] : []),
    // Inviting, changing and deactivating staff: admins only.
    ...(isAdmin(staff) ? [{ href: "/admin/staff", label: (await getTranslations("staff"))("nav") }] : []),
    // The staff member's own sign-in security (two-step verification).
    profileItem,
  ];
  // The admin area's client texts only (lib/i18n/client-messages.ts), not the shop's.
  return (
    <ClientMessages namespaces={ADMIN_CLIENT_MESSAGES}>
      <div className="min-h-screen bg-slate-50">
        <header className="bg-slate-900 text-white">
          <a href="#main" className="sr-only focus:not-sr-only">
            {t("nav.skip")}
          </a>
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
            <Link href="/admin" className="text-lg font-bold tracking-tight">
              {t("nav.title")}
            </Link>
            <Link href="/" className="text-sm text-slate-300 underline hover:text-white">
              {t("nav.shop")}
            </Link>
            <div className="ml-auto flex items-center gap-4 text-sm">
              <span data-testid="staff-identity">
                {staff.name} <span className="rounded bg-slate-700 px-1.5 py-0.5 text-xs">{t(`roles.${staff.role}`)}</span>
              </span>
              <div className="rounded bg-white px-1 py-0.5">
                <Suspense>
                  <LanguageSwitch locale={toLocale(locale)} label={t("nav.language")} action={setLocaleAction} />
                </Suspense>
              </div>
              <form action={signOutAction}>
                <button type="submit" className="text-slate-300 underline hover:text-white">
                  {t("nav.signOut")}
                </button>
              </form>
            </div>
          </div>
          <AdminNav items={items} label={t("nav.label")} />
        </header>
        {current.impersonatedBy && (
          <div className="border-b border-amber-300 bg-amber-50" data-testid="admin-view-as-notice">
            <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-2 text-sm text-amber-950">
              <span>{t("viewAs.adminNotice", { user: current.name, company: current.companyName ?? "" })}</span>
              <Link href="/" className="underline">
                {t("viewAs.openShop")}
              </Link>
              <ActionForm action={exitViewAsAction} submitLabel={t("viewAs.exit")} variant="secondary" inline className="inline-flex" />
            </div>
          </div>
        )}
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          <OutlivingNoticeProvider>{children}</OutlivingNoticeProvider>
        </main>
      </div>
    </ClientMessages>
  );
}
