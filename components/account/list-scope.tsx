import { getTranslations } from "next-intl/server";

/**
 * Whose orders, quotes or returns a My-account list shows: the whole company's (approvers and company
 * admins), the punchout connection's (its shared technical account: not "your own", and its orders are
 * the procurement system's to follow), or the buyer's own. Each list's namespace words it.
 */
export async function ListScope({
  namespace,
  wholeCompany,
  companyName,
  punchout,
  testId,
}: {
  namespace: "account.orders" | "account.quotes" | "account.returns";
  wholeCompany: boolean;
  companyName: string;
  punchout: { technicalUser?: boolean; connectionName: string } | null;
  testId: string;
}) {
  const t = await getTranslations(namespace);
  return (
    <p className="text-sm text-slate-600" data-testid={testId}>
      {wholeCompany
        ? t("scopeCompany", { company: companyName })
        : punchout?.technicalUser
          ? t("scopePunchout", { system: punchout.connectionName })
          : t("scopeOwn")}
    </p>
  );
}
