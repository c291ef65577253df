import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { listConnectionsForStaff } from "@/lib/admin/punchout-connections";
import { requireStaff } from "@/lib/auth/guards";

export const metadata = { title: "Punchout" };

export default async function ConnectionsPage() {
  await connection();
  const staff = await requireStaff("/admin/connections");
  const [t, rows] = await Promise.all([getTranslations("punchout.admin"), listConnectionsForStaff(staff)]);
  return (
    <div className="space-y-4">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link href="/admin/connections/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("new")}
        </Link>
      </div>
      <table className={tableClass}>
        <thead>
          <tr>
            <th className={thClass}>{t("customer")}</th>
            <th className={thClass}>{t("name")}</th>
            <th className={thClass}>{t("protocol")}</th>
            <th className={thClass}>{t("preset")}</th>
            <th className={thClass}>{t("environment")}</th>
            <th className={thClass}>{t("status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="connection-row">
              <td className={tdClass}>{row.companyName}</td>
              <td className={tdClass}>
                <Link href={`/admin/connections/${row.id}`} className="font-medium text-brand-700 underline">
                  {row.name}
                </Link>
                {row.username && <div className="text-xs text-slate-500">USERNAME {row.username}</div>}
              </td>
              <td className={tdClass}>{row.protocol.toUpperCase()}</td>
              <td className={tdClass}>{row.presetId}</td>
              <td className={tdClass}>{t(row.environment)}</td>
              <td className={tdClass}>{row.enabled ? <Badge tone="green">{t("enabled")}</Badge> : <Badge tone="red">{t("disabled")}</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
    </div>
  );
}
