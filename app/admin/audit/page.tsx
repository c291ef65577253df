import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { inputBase } from "@/components/admin/styles";
import { AuditTable } from "@/components/admin/audit-table";
import { Pagination } from "@/components/shop/pagination";
import { canSeeCustomer, managerScope } from "@/lib/admin/access";
import { nextIsoDay, startOfBusinessDay } from "@/lib/admin/list-status";
import { parseDateInput } from "@/lib/admin/price-input";
import { pageParam, parseSearchParams, queryParam, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { getProductBySku } from "@/lib/data/catalog";
import { listCustomerOptions } from "@/lib/data/customers";
import { listPriceAudit } from "@/lib/data/price-audit";
import { listPriceListOptions } from "@/lib/data/price-lists";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.priceHistory");
const PAGE_SIZE = 50;

const optionalId = z.coerce.number().int().positive().optional().catch(undefined);
const paramsSchema = z.object({
  page: pageParam,
  list: optionalId,
  customer: optionalId,
  sku: queryParam,
  source: z.enum(["editor", "csv", "api"]).optional().catch(undefined),
  from: queryParam,
  to: queryParam,
});

/** Every price change the staff member may see, filterable by list, customer, product, channel and period. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/audit");
  const params = parseSearchParams(paramsSchema, await searchParams);
  const scope = managerScope(staff);
  const from = params.from ? parseDateInput(params.from) : null;
  const to = params.to ? parseDateInput(params.to) : null;
  const product = params.sku ? await getProductBySku(params.sku) : null;
  const customerAllowed = params.customer === undefined || (await canSeeCustomer(staff, params.customer));
  const [t, tSecurity, locale, lists, customers] = await Promise.all([
    getTranslations("admin.audit"),
    getTranslations("twoStep.audit"),
    getLocale().then(toLocale),
    listPriceListOptions(scope),
    listCustomerOptions(scope),
  ]);
  const audit =
    (params.sku && !product) || !customerAllowed
      ? { items: [], total: 0 }
      : await listPriceAudit(
          {
            managerId: scope,
            priceListId: params.list,
            companyId: params.customer,
            productId: product?.id,
            source: params.source,
            from: from?.ok && from.value ? startOfBusinessDay(from.value) : undefined,
            to: to?.ok && to.value ? startOfBusinessDay(nextIsoDay(to.value)) : undefined,
          },
          { offset: (params.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
        );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">
        {t("intro")}{" "}
        <Link href="/admin/audit/security" className="text-brand-700 underline">
          {tSecurity("link")}
        </Link>
      </p>
      <form action="/admin/audit" className="flex flex-wrap items-end gap-2 text-sm">
        <label className="font-medium">
          {t("list")}
          <select name="list" defaultValue={params.list ?? ""} className={`${inputBase} mt-1 w-56`}>
            <option value="">{t("any")}</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.code}
              </option>
            ))}
          </select>
        </label>
        <label className="font-medium">
          {t("customer")}
          <select name="customer" defaultValue={params.customer ?? ""} className={`${inputBase} mt-1 w-56`}>
            <option value="">{t("any")}</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="font-medium">
          SKU
          <input name="sku" defaultValue={params.sku} className={`${inputBase} mt-1 w-40`} />
        </label>
        <label className="font-medium">
          {t("source")}
          <select name="source" defaultValue={params.source ?? ""} className={`${inputBase} mt-1 w-36`}>
            <option value="">{t("any")}</option>
            {(["editor", "csv", "api"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`sources.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="font-medium">
          {t("from")}
          <input type="date" name="from" defaultValue={params.from} className={`${inputBase} mt-1 w-40`} />
        </label>
        <label className="font-medium">
          {t("to")}
          <input type="date" name="to" defaultValue={params.to} className={`${inputBase} mt-1 w-40`} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          {t("filter")}
        </button>
      </form>
      <p className="text-sm text-slate-600">{t("count", { count: audit.total })}</p>
      <AuditTable rows={audit.items} locale={locale} customers={new Map(customers.map((c) => [c.id, c.name]))} />
      <Pagination
        page={params.page}
        pages={Math.max(1, Math.ceil(audit.total / PAGE_SIZE))}
        hrefFor={(page) => `/admin/audit${toQueryString({ ...params, page })}`}
      />
    </div>
  );
}
