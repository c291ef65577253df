import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ActionForm, Field } from "@/components/admin/action-form";
import { AssortmentForm } from "@/components/admin/assortment-form";
import { inputBase } from "@/components/admin/styles";
import { validity } from "@/components/admin/audit-table";
import { PriceExplanationPanel } from "@/components/admin/price-explanation";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { managerScope } from "@/lib/admin/access";
import { assortmentCard } from "@/lib/admin/assortment";
import { windowStatus } from "@/lib/admin/list-status";
import { explainCustomerPrice } from "@/lib/admin/pricing";
import { customerForPage } from "@/lib/admin/route-params";
import { parseSearchParams, queryParam, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { listCompanyPriceLists, listPriceListOptions } from "@/lib/data/price-lists";
import { toLocale } from "@/lib/i18n/locales";
import { assignPriceListAction, setAssortmentAction, unassignPriceListAction } from "../../actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = pageTitle("admin.customerPricing");

const paramsSchema = z.object({ sku: queryParam, qty: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined) });

export default async function CustomerPricingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/customers/${id}/pricing`);
  const company = await customerForPage(staff, id);
  const query = parseSearchParams(paramsSchema, await searchParams);
  const now = new Date();
  const [t, ta, tas, locale, assigned, visible, check, assortment] = await Promise.all([
    getTranslations("admin.customerPricing"),
    getTranslations("admin.audit"),
    getTranslations("admin.assortment"),
    getLocale().then(toLocale),
    listCompanyPriceLists(company.id),
    listPriceListOptions(managerScope(staff)),
    query.sku ? explainCustomerPrice(staff, company.id, query.sku, query.qty ?? null, now) : Promise.resolve(null),
    assortmentCard(company, now),
  ]);
  const available = visible.filter((list) => !assigned.some((a) => a.id === list.id));
  const priorities = assigned.map((a) => a.priority);
  // Equal priorities only matter when the windows overlap (then the older list wins).
  const overlaps = (a: (typeof assigned)[number], b: (typeof assigned)[number]) =>
    (a.validFrom === null || b.validTo === null || a.validFrom <= b.validTo) && (b.validFrom === null || a.validTo === null || b.validFrom <= a.validTo);
  const duplicatePriority = assigned.some((a, i) => assigned.some((b, j) => j > i && a.priority === b.priority && overlaps(a, b)));
  return (
    <div className="space-y-6">
      <Card title={t("heading")}>
        <p className="mb-3 text-sm text-slate-600">{t("rule")}</p>
        {duplicatePriority && <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("samePriority")}</p>}
        {assigned.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass} data-testid="assigned-lists">
              <thead>
                <tr>
                  <th className={thClass}>{t("priority")}</th>
                  <th className={thClass}>{t("list")}</th>
                  <th className={thClass}>{t("validity")}</th>
                  <th className={`${thClass} text-right`}>{t("entries")}</th>
                  <th className={thClass}>{t("shared")}</th>
                  <th className={thClass}>
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {assigned.map((list) => {
                  const status = windowStatus(list.validFrom, list.validTo, now);
                  return (
                    <tr key={list.id} data-testid="assigned-list" data-code={list.code}>
                      <td className={tdClass}>
                        <ActionForm action={assignPriceListAction} submitLabel={t("savePriority")} variant="secondary" inline className="flex items-center gap-2">
                          <input type="hidden" name="companyId" value={company.id} />
                          <input type="hidden" name="priceListId" value={list.id} />
                          <input name="priority" type="number" min={1} max={9999} defaultValue={list.priority} aria-label={t("priorityOf", { list: list.name })} className={`${inputBase} w-20`} />
                        </ActionForm>
                      </td>
                      <td className={tdClass}>
                        <Link href={`/admin/price-lists/${list.id}`} className="font-medium text-brand-700 hover:underline">
                          {list.name}
                        </Link>
                        <div className="text-xs text-slate-500">
                          {list.code} · {list.currency}
                        </div>
                      </td>
                      <td className={tdClass}>
                        <Badge tone={status === "active" ? "green" : status === "upcoming" ? "blue" : "slate"}>{t(`status.${status}`)}</Badge>
                        <div className="text-xs text-slate-600">{validity(list.validFrom, list.validTo, ta, locale) || ta("alwaysValid")}</div>
                      </td>
                      <td className={`${tdClass} text-right`}>{list.entryCount}</td>
                      <td className={tdClass}>{list.sharedWith > 0 ? t("sharedWith", { count: list.sharedWith }) : t("onlyThisCustomer")}</td>
                      <td className={tdClass}>
                        <ActionForm action={unassignPriceListAction} submitLabel={t("unassign")} variant="link" inline confirm={t("confirmUnassign", { list: list.name })}>
                          <input type="hidden" name="companyId" value={company.id} />
                          <input type="hidden" name="priceListId" value={list.id} />
                        </ActionForm>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {available.length > 0 && (
          <ActionForm action={assignPriceListAction} submitLabel={t("assign")} successMessage={t("assigned")} className="mt-4 flex flex-wrap items-end gap-3">
            <input type="hidden" name="companyId" value={company.id} />
            <Field label={t("addList")}>
              <select name="priceListId" required className={`${inputBase} w-80`}>
                {available.map((list) => (
                  <option key={list.id} value={list.id}>
                    {list.code} · {list.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("priority")}>
              <input name="priority" type="number" min={1} max={9999} required defaultValue={Math.max(10, ...priorities.map((p) => p + 10))} className={`${inputBase} w-24`} />
            </Field>
          </ActionForm>
        )}
      </Card>

      {/* Below the lists: what they price today is the contract assortment. */}
      <Card title={tas("title")}>
        <div className="space-y-3" data-testid="customer-assortment-setting" data-assortment={assortment.assortment} data-count={assortment.contractProducts}>
          <p className="max-w-3xl text-sm text-slate-600">{tas("intro")}</p>
          <p className="text-sm" data-testid="assortment-count">
            {tas("count", { count: assortment.contractProducts })}
          </p>
          <AssortmentForm action={setAssortmentAction} companyId={company.id} current={assortment.assortment} contractProducts={assortment.contractProducts} />
          {assortment.assortment === "all" && assortment.contractOnlyConnections.length > 0 && (
            // Set in the connection's mapping settings ("assortment": "contract"): narrower than the customer's.
            <p className="text-sm text-slate-700" data-testid="assortment-contract-connections">
              {tas("contractOnlyConnections")}{" "}
              {assortment.contractOnlyConnections.map((connection, index) => (
                <span key={connection.id}>
                  {index > 0 && ", "}
                  <Link href={`/admin/connections/${connection.id}`} className="text-brand-700 underline">
                    {connection.name}
                  </Link>
                </span>
              ))}
            </p>
          )}
        </div>
      </Card>

      <Card title={t("checkHeading")}>
        <p className="mb-3 text-sm text-slate-600">{t("checkIntro")}</p>
        <form className="flex flex-wrap items-end gap-3" action={`/admin/customers/${company.id}/pricing`}>
          <Field label={t("sku")}>
            <input name="sku" required defaultValue={query.sku} className={`${inputBase} w-56`} />
          </Field>
          <Field label={t("quantity")}>
            <input name="qty" type="number" min={1} defaultValue={query.qty} placeholder={t("quantityPlaceholder")} className={`${inputBase} w-28`} />
          </Field>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("check")}
          </button>
        </form>
        {query.sku && (
          <div className="mt-4">
            {check ? (
              <>
                <p className="mb-2 text-sm">
                  <Link href={`/admin/products/${encodeURIComponent(check.product.sku)}`} className="font-medium text-brand-700 hover:underline">
                    {check.product.sku}
                  </Link>{" "}
                  · {productName(check.product, locale)}
                </p>
                <PriceExplanationPanel explanation={check.explanation} product={check.product} customerName={company.name} locale={locale} />
              </>
            ) : (
              <p role="status" className="text-sm text-red-700">
                {t("productNotFound", { sku: query.sku })}
              </p>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
