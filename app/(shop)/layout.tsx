import { connection } from "next/server";
import { Suspense } from "react";
import { getLocale } from "next-intl/server";
import { ViewAsBanner } from "@/components/admin/view-as-banner";
import { SiteHeader } from "@/components/layout/site-header";
import { PunchoutBanner } from "@/components/punchout/punchout-banner";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import { NO_CART } from "@/lib/cart/cart-badge";
import { readCartBadge } from "@/lib/cart/cart-service";
import { SHOP_CLIENT_MESSAGES, VIEW_AS_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";
import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { toLocale } from "@/lib/i18n/locales";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";
import { exitViewAsAction, recordViewAsPageViewAction } from "../admin/view-as/actions";
import { setLocaleAction, signOutAction } from "./actions";

export default async function ShopLayout({ children }: { children: React.ReactNode }) {
  await connection(); // DB-backed: never prerendered at build time
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  // Until the two-step verification their company requires is on, the buyer reaches only their
  // profile (each page checks it): the header shows no shop links and no cart.
  const shopping = isBuyer(user) && !buyerMustSetUpTwoStep(user);
  const cart = shopping ? await readCartBadge(user) : NO_CART;
  // Client components of the shop get only the texts they use (lib/i18n/client-messages.ts).
  return (
    <ClientMessages namespaces={SHOP_CLIENT_MESSAGES}>
      {user?.impersonatedBy && (
        <ClientMessages namespaces={VIEW_AS_CLIENT_MESSAGES}>
          <Suspense>
            <ViewAsBanner
              customerUser={user.name}
              companyName={user.companyName ?? ""}
              staffName={user.impersonatedBy.name}
              expiresAt={user.impersonatedBy.expiresAt.toISOString()}
              exitAction={exitViewAsAction}
              recordPageViewAction={recordViewAsPageViewAction}
            />
          </Suspense>
        </ClientMessages>
      )}
      <SiteHeader
        user={user ? { name: user.name, companyName: user.companyName, isBuyer: shopping, restricted: isBuyer(user) && !shopping, punchout: !!user.punchout } : null}
        cart={cart}
        locale={toLocale(locale)}
        setLocaleAction={setLocaleAction}
        signOutAction={signOutAction}
      />
      {user?.punchout && <PunchoutBanner system={user.punchout.connectionName} operation={user.punchout.operation} connectionTest={user.punchout.connectionTest} cart={cart} />}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </ClientMessages>
  );
}
