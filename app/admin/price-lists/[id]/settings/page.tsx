import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { PriceListForm } from "@/components/admin/price-list-form";
import { Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { priceListForPage } from "@/lib/admin/route-params";
import { requireStaff } from "@/lib/auth/guards";
import { deletePriceListAction, updatePriceListAction } from "../../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.priceListSettings");

export default async function PriceListSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/price-lists/${id}/settings`);
  const { list, canEdit } = await priceListForPage(staff, id);
  const t = await getTranslations("admin.priceList");
  return (
    <div className="space-y-6">
      <Card title={t("settings")}>
        <PriceListForm action={updatePriceListAction} submitLabel={t("save")} values={list} disabled={!canEdit} />
      </Card>
      <Card title={t("customers")}>
        {list.customers.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noCustomers")}</p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t("customer")}</th>
                <th className={thClass}>{t("priority")}</th>
              </tr>
            </thead>
            <tbody>
              {list.customers.map((c) => (
                <tr key={c.id}>
                  <td className={tdClass}>
                    {c.mine ? (
                      <Link href={`/admin/customers/${c.id}/pricing`} className="text-brand-700 hover:underline">
                        {c.name}
                      </Link>
                    ) : (
                      <span className="text-slate-500">{c.name}</span>
                    )}
                  </td>
                  <td className={tdClass}>{c.priority}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-2 text-xs text-slate-600">{t("assignHint")}</p>
      </Card>
      {canEdit && (
        <Card title={t("deleteHeading")}>
          {list.customers.length > 0 ? (
            <p className="text-sm text-slate-600">{t("deleteBlocked")}</p>
          ) : (
            <ActionForm action={deletePriceListAction} submitLabel={t("delete")} variant="danger" confirm={t("confirmDelete", { name: list.name })}>
              <input type="hidden" name="priceListId" value={list.id} />
              <p className="text-sm text-slate-600">{t("deleteIntro", { count: list.entryCount })}</p>
            </ActionForm>
          )}
        </Card>
      )}
    </div>
  );
}
