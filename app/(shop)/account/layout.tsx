import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AccountNav } from "@/components/account/account-nav";
import { listJoinRequests } from "@/lib/account/join-requests";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import { countAwaitingApproval } from "@/lib/data/order-history";
import { ACCOUNT_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";
import { ClientMessages } from "@/lib/i18n/client-messages-provider";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";

/**
 * "Mijn account": a section navigation around every account page (each page checks access itself),
 * and the account area's client texts (lib/i18n/client-messages.ts).
 */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  await connection(); // DB-backed: never prerendered at build time
  const user = await getCurrentUser();
  if (!isBuyer(user)) return <ClientMessages namespaces={ACCOUNT_CLIENT_MESSAGES}>{children}</ClientMessages>;
  const t = await getTranslations("account.nav");
  // Two-step verification required by their company and not on yet: the profile is all there is
  // (the pages redirect there themselves), so no other link and no counts.
  if (buyerMustSetUpTwoStep(user)) {
    return (
      <AccountShell label={t("label")} items={[{ href: "/account/profile", label: t("profile") }]}>
        {children}
      </AccountShell>
    );
  }
  const approver = seesWholeCompany(user);
  // User administration (and its join requests) is not for a punchout session (lib/account/company-users.ts).
  const companyAdmin = user.role === "company_admin" && !user.impersonatedBy && !user.punchout;
  const [awaiting, joinRequests] = await Promise.all([
    approver ? countAwaitingApproval(user.companyId, user.id) : 0,
    companyAdmin ? listJoinRequests(user).then((requests) => requests.length) : 0,
  ]);
  const items = [
    { href: "/account", label: t("overview") },
    { href: "/account/orders", label: t("orders") },
    { href: "/account/quotes", label: t("quotes") },
    { href: "/account/invoices", label: (await getTranslations("invoices"))("nav") },
    { href: "/account/returns", label: t("returns") },
    ...(approver ? [{ href: "/account/approvals", label: t("approvals"), badge: awaiting }] : []),
    ...(approver ? [{ href: "/account/cost-centers", label: (await getTranslations("costCenters"))("nav") }] : []),
    { href: "/favorites", label: t("favorites") },
    { href: "/quick-order", label: t("quickOrder") },
    { href: "/account/addresses", label: t("addresses") },
    { href: "/account/article-numbers", label: t("articleNumbers") },
    ...(user.role === "company_admin" && !user.punchout ? [{ href: "/account/users", label: t("users"), badge: joinRequests }] : []),
    { href: "/account/profile", label: t("profile") },
  ];
  return (
    <AccountShell label={t("label")} items={items}>
      {children}
    </AccountShell>
  );
}

function AccountShell({ label, items, children }: { label: string; items: React.ComponentProps<typeof AccountNav>["items"]; children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={ACCOUNT_CLIENT_MESSAGES}>
      <div className="grid gap-6 md:grid-cols-[13rem_1fr]">
        <aside>
          <AccountNav label={label} items={items} />
        </aside>
        {/* Where "Naar inhoud" lands (components/layout/skip-link.tsx): the page itself, past the menu. */}
        <div className="min-w-0 focus:outline-none" tabIndex={-1} data-skip-target>
          {children}
        </div>
      </div>
    </ClientMessages>
  );
}
