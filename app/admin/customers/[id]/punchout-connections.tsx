import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { listCustomerConnectionsForStaff } from "@/lib/admin/punchout-connections";
import type { StaffUser } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";
import { presetName, protocolName } from "@/lib/punchout/preset-names";

/** The customer's punchout connections on its page, each linked, and a new one for this customer. */
export async function CustomerPunchoutConnections({ staff, companyId }: { staff: StaffUser; companyId: number }) {
  const [t, locale, connections] = await Promise.all([getTranslations("punchout.admin"), getLocale().then(toLocale), listCustomerConnectionsForStaff(staff, companyId)]);
  return (
    <Card
      title={t("title")}
      actions={
        <Link href={`/admin/connections/new?customer=${companyId}`} className="text-sm text-brand-700 underline">
          {t("new")}
        </Link>
      }
    >
      {connections.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noneForCustomer")}</p>
      ) : (
        <table className={tableClass} data-testid="customer-connections">
          <thead>
            <tr>
              <th className={thClass}>{t("name")}</th>
              <th className={thClass}>{t("protocol")}</th>
              <th className={thClass}>{t("preset")}</th>
              <th className={thClass}>{t("environment")}</th>
              <th className={thClass}>{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {connections.map((c) => (
              <tr key={c.id}>
                <td className={tdClass}>
                  <Link href={`/admin/connections/${c.id}`} className="font-medium text-brand-700 underline">
                    {c.name}
                  </Link>
                </td>
                <td className={tdClass}>{protocolName(c.protocol)}</td>
                <td className={tdClass}>{presetName(c.protocol, c.presetId, locale)}</td>
                <td className={tdClass}>{t(c.environment)}</td>
                <td className={tdClass}>{c.enabled ? <Badge tone="green">{t("enabled")}</Badge> : <Badge tone="red">{t("disabled")}</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
