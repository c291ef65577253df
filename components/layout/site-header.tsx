import Link from "next/link";
import { Suspense } from "react";
import { CartBadgeUnits } from "@/components/shop/cart-badge";
import type { CartBadgeReading } from "@/lib/cart/cart-badge";
import { HeaderSearchInput, SearchField } from "./header-search-input";
import { LanguageSwitch } from "./language-switch";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";

export interface HeaderUser {
  name: string;
  companyName: string | null;
  isBuyer: boolean;
  /** A buyer who must first set up the two-step verification their company requires: no catalogue, no search. */
  restricted?: boolean;
  /**
   * Shopping in a procurement system's punchout session: nothing to sign out of (the procurement
   * system signed them in); the banner's "Transfer cart" and "Cancel punchout" are the ways out.
   */
  punchout?: boolean;
}

export async function SiteHeader({
  user,
  cart,
  locale,
  query,
  setLocaleAction,
  signOutAction,
}: {
  user: HeaderUser | null;
  cart: CartBadgeReading;
  locale: Locale;
  query?: string;
  setLocaleAction: (formData: FormData) => Promise<void>;
  signOutAction: () => Promise<void>;
}) {
  const t = await getTranslations("common");
  const ta = await getTranslations("account.header");
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-brand-700">
          {t("appName")}
        </Link>
        {!user?.restricted && (
          <>
            <Link href="/catalog" className="text-sm font-medium text-slate-700 hover:text-brand-700">
              {t("catalog")}
            </Link>
            <form action="/search" method="get" role="search" className="flex min-w-64 flex-1 gap-2">
              <Suspense fallback={<SearchField value={query} label={t("search")} placeholder={t("searchPlaceholder")} />}>
                <HeaderSearchInput label={t("search")} placeholder={t("searchPlaceholder")} />
              </Suspense>
              <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                {t("search")}
              </button>
            </form>
          </>
        )}
        {user?.restricted && <div className="flex-1" />}
        <nav className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          {user?.isBuyer && (
            <>
              <Link href="/quick-order" className="hover:text-brand-700">
                {ta("quickOrder")}
              </Link>
              <Link href="/favorites" className="hover:text-brand-700">
                {ta("favorites")}
              </Link>
              <Link href="/account/orders" className="hover:text-brand-700">
                {t("myOrders")}
              </Link>
              <Link href="/account" className="hover:text-brand-700">
                {ta("myAccount")}
              </Link>
              <Link href="/cart" className="relative font-medium hover:text-brand-700" aria-label={t("cart")} data-testid="cart-link">
                {t("cart")}
                <span className="ml-1 rounded-full bg-brand-600 px-2 py-0.5 text-xs text-white" aria-hidden="true" data-testid="cart-count">
                  <CartBadgeUnits reading={cart} />
                </span>
              </Link>
            </>
          )}
          {user?.punchout ? (
            <span className="text-slate-600">
              {user.name}
              {user.companyName ? ` · ${user.companyName}` : ""}
            </span>
          ) : user ? (
            <form action={signOutAction} className="flex items-center gap-2">
              <span className="text-slate-600">
                {user.name}
                {user.companyName ? ` · ${user.companyName}` : ""}
              </span>
              <button type="submit" className="text-slate-700 underline hover:text-brand-700">
                {t("signOut")}
              </button>
            </form>
          ) : (
            <Link href="/login" className="rounded-md border border-brand-600 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">
              {t("signIn")}
            </Link>
          )}
          <Suspense>
            <LanguageSwitch locale={locale} label={t("language")} action={setLocaleAction} />
          </Suspense>
        </nav>
      </div>
    </header>
  );
}
