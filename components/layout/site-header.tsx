import Link from "next/link";
import { Suspense } from "react";
import { CartBadgeUnits } from "@/components/shop/cart-badge";
import type { CartBadgeReading } from "@/lib/cart/cart-badge";
import { HeaderMenu } from "./header-menu";
import { HeaderSearchInput, SearchField } from "./header-search-input";
import { LanguageSwitch } from "./language-switch";
import { SkipLink } from "./skip-link";
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
  const links = (
    <>
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
        </>
      )}
      {user?.punchout ? (
        <span className="text-slate-600">
          {user.name}
          {user.companyName ? ` · ${user.companyName}` : ""}
        </span>
      ) : user ? (
        <form action={signOutAction} className="flex flex-wrap items-center gap-2">
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
    </>
  );
  // Its copies differ only in when they show (see below); the one at the phone's width gets a test id of its own.
  const searchForm = (className: string, testId: string) => (
    <form action="/search" method="get" role="search" className={className} data-testid={testId}>
      <Suspense fallback={<SearchField value={query} label={t("search")} placeholder={t("searchPlaceholder")} />}>
        <HeaderSearchInput label={t("search")} placeholder={t("searchPlaceholder")} />
      </Suspense>
      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {t("search")}
      </button>
    </form>
  );
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* On focus it lies over the header's corner, readable and framed, instead of pushing the header down. */}
      <SkipLink
        label={t("skipToContent")}
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-md"
      />
      {/* On a phone: logo, catalog, cart and "Menu" in one row, the opened menu below it, then the search
          field; from 640 px up the cart next to the search field and the links below them. The DOM follows
          what the eye sees at each width, so Tab does too (WCAG 2.4.3): the search field comes before the
          cart on a wide screen and after the menu on a phone, and no single place serves both — so the
          form is there twice, each shown at one width only. `display: none` takes the other copy out of
          the Tab order and out of what a screen reader reads; reordering by CSS `order` would not. */}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-tight text-brand-700">
          {t("appName")}
        </Link>
        {!user?.restricted && (
          <>
            <Link href="/catalog" className="text-sm font-medium text-slate-700 hover:text-brand-700">
              {t("catalog")}
            </Link>
            {searchForm("hidden gap-2 sm:flex sm:min-w-64 sm:flex-1 sm:basis-auto", "header-search")}
          </>
        )}
        <div className={`flex-1 ${user?.restricted ? "" : "sm:hidden"}`} />
        {user?.isBuyer && (
          <Link href="/cart" className="relative flex items-center text-sm font-medium hover:text-brand-700" aria-label={t("cart")} aria-describedby="cart-count" data-testid="cart-link">
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 sm:hidden" fill="currentColor">
              <path d="M1 2.5a1 1 0 0 1 1-1h1.4a1 1 0 0 1 1 .8L4.7 4H17a1 1 0 0 1 1 1.2l-1.2 6a1 1 0 0 1-1 .8H6.6l.3 1.5H15a1 1 0 1 1 0 2H6.1a1 1 0 0 1-1-.8L2.6 3.5H2a1 1 0 0 1-1-1ZM7 17.5a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm9 0a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Z" />
            </svg>
            <span className="hidden sm:inline">{t("cart")}</span>
            {/* The count is the link's description, so a screen reader hears "Winkelwagen, 3". */}
            <span id="cart-count" className="ml-1 rounded-full bg-brand-600 px-2 py-0.5 text-xs text-white" data-testid="cart-count">
              <CartBadgeUnits reading={cart} />
            </span>
          </Link>
        )}
        {user ? (
          <HeaderMenu label={t("menu")} navLabel={t("menu")}>
            {links}
          </HeaderMenu>
        ) : (
          // Signed out there is little to hide, and "Sign in" is what the visitor came for.
          <nav aria-label={t("menu")} className="flex items-center gap-x-4 text-sm">
            {links}
          </nav>
        )}
        {!user?.restricted && searchForm("flex basis-full gap-2 sm:hidden", "header-search-phone")}
      </div>
    </header>
  );
}
