import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { inputBase } from "@/components/admin/styles";
import { Pagination } from "@/components/shop/pagination";
import { isAdmin, managerScope } from "@/lib/admin/access";
import { pageParam, parseSearchParams, queryParam, toQueryString, type RawSearchParams } from "@/lib/admin/search-params";
import { listVatAttention, VAT_CHECK_VALID_DAYS, type VatAttentionItem } from "@/lib/admin/vat-checks";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomers, listStaffMembers } from "@/lib/data/customers";
import { dateText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.customers");

const PAGE_SIZE = 25;
const paramsSchema = z.object({
  q: queryParam,
  page: pageParam,
  manager: z.coerce.number().int().min(0).optional().catch(undefined),
  /** "attention": customers whose VAT id needs attention (VIES said invalid, or 0 % without current evidence). */
  vat: z.enum(["attention"]).optional().catch(undefined),
});

export default async function CustomersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/customers");
  const params = parseSearchParams(paramsSchema, await searchParams);
  const admin = isAdmin(staff);
  const attention = params.vat === "attention" ? new Map((await listVatAttention(staff, new Date())).map((item) => [item.companyId, item])) : null;
  const [t, tv, locale, result, staffMembers] = await Promise.all([
    getTranslations("admin.customers"),
    getTranslations("vatChecks"),
    getLocale().then(toLocale),
    listCustomers({
      managerId: managerScope(staff),
      query: params.q,
      assignedTo: admin ? params.manager : undefined,
      onlyIds: attention ? [...attention.keys()] : undefined,
      offset: (params.page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    }),
    admin ? listStaffMembers() : Promise.resolve([]),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{admin ? t("titleAll") : t("titleMine")}</h1>
          <p className="text-sm text-slate-600">{t("count", { count: result.total })}</p>
        </div>
        <Link href="/admin/customers/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("new")}
        </Link>
      </div>
      <form role="search" className="flex flex-wrap items-end gap-2" action="/admin/customers">
        <label className="text-sm font-medium">
          {t("search")}
          <input type="search" name="q" defaultValue={params.q} placeholder={t("searchPlaceholder")} className={`${inputBase} mt-1 w-80`} />
        </label>
        {admin && (
          <label className="text-sm font-medium">
            {t("manager")}
            <select name="manager" defaultValue={params.manager ?? ""} className={`${inputBase} mt-1 w-56`}>
              <option value="">{t("allManagers")}</option>
              <option value="0">{t("unassigned")}</option>
              {staffMembers
                .filter((s) => s.active)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label className="text-sm font-medium">
          {tv("filter.label")}
          <select name="vat" defaultValue={params.vat ?? ""} className={`${inputBase} mt-1 w-48`} data-testid="vat-filter">
            <option value="">{tv("filter.all")}</option>
            <option value="attention">{tv("filter.attention")}</option>
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          {t("searchButton")}
        </button>
      </form>
      {attention && <p className="max-w-3xl text-sm text-slate-600">{tv("attentionIntro", { days: VAT_CHECK_VALID_DAYS })}</p>}
      {result.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} data-testid="customer-table">
            <thead>
              <tr>
                <th className={thClass}>{t("name")}</th>
                <th className={thClass}>{t("city")}</th>
                <th className={thClass}>{t("kvk")}</th>
                <th className={thClass}>{t("vat")}</th>
                <th className={`${thClass} text-right`}>{t("users")}</th>
                <th className={`${thClass} text-right`}>{t("priceLists")}</th>
                <th className={thClass}>{t("managers")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((c) => (
                <tr key={c.id} data-testid="customer-row">
                  <td className={tdClass}>
                    <Link href={`/admin/customers/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>{" "}
                    {!c.active && <Badge tone="red">{t("inactive")}</Badge>}
                  </td>
                  <td className={tdClass}>
                    {c.city ?? "–"} <span className="text-xs text-slate-500">{c.countryCode}</span>
                  </td>
                  <td className={tdClass}>{c.kvkNumber ?? "–"}</td>
                  <td className={tdClass}>
                    {c.vatId ?? "–"}
                    {attention?.get(c.id) && <VatAttentionBadge item={attention.get(c.id)!} label={tv} locale={locale} />}
                  </td>
                  <td className={`${tdClass} text-right`}>{c.userCount}</td>
                  <td className={`${tdClass} text-right`}>{c.priceListCount}</td>
                  <td className={tdClass}>{c.managers.length ? c.managers.join(", ") : <span className="text-slate-400">{t("unassigned")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={params.page} pages={pages} hrefFor={(page) => `/admin/customers${toQueryString({ q: params.q, manager: params.manager, vat: params.vat, page })}`} />
    </div>
  );
}

/** Why the customer's VAT id needs attention, when it was last found valid, and whether Koppel has a check queued. */
function VatAttentionBadge({ item, label, locale }: { item: VatAttentionItem; label: (key: string, values?: Record<string, string>) => string; locale: "nl" | "en" }) {
  return (
    <div className="mt-1 space-x-1 text-xs" data-testid="vat-attention" data-attention={item.attention}>
      <Badge tone={item.attention === "invalid" ? "red" : "amber"}>{label(`attention.${item.attention}`)}</Badge>
      {item.latestValidAt && <span className="text-slate-500">{label("lastValid", { date: dateText(item.latestValidAt, locale) })}</span>}
      {item.queued && <span className="text-slate-500">· {label("queuedShort")}</span>}
    </div>
  );
}
