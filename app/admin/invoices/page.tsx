import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { managerScope } from "@/lib/admin/access";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomerOptions } from "@/lib/data/customers";
import { dateText, money } from "@/lib/format";
import { InvoiceFilterFields } from "@/components/invoices/invoice-filter-fields";
import { listInvoicesForStaff } from "@/lib/invoices/invoice-access";
import { INVOICE_KIND_FILTERS, INVOICE_STATES, signedAmount } from "@/lib/invoices/invoice-status";
import { getShopContext } from "@/lib/shop-context";
import { AdminInvoiceStatus } from "./status-badge";
import { pageTitle } from "@/lib/i18n/page-title";
import { GetForm } from "@/components/get-form";

export const generateMetadata = pageTitle("admin.invoices");

const filterSchema = z.object({
  company: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  kind: z.enum(INVOICE_KIND_FILTERS).optional().catch(undefined),
  status: z.enum(INVOICE_STATES).optional().catch(undefined),
});

export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection(); // DB-backed: never prerendered at build time
  const staff = await requireStaff("/admin/invoices");
  const filter = parseSearchParams(filterSchema, await searchParams);
  const [t, { locale, now }, customers] = await Promise.all([getTranslations("invoices"), getShopContext(), listCustomerOptions(managerScope(staff))]);
  // Admins see every customer's documents, account managers those of their own customers.
  const rows = await listInvoicesForStaff(staff, { companyId: filter.company, kind: filter.kind, status: filter.status }, now);
  const select = "block rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("admin.intro")}</p>
      <GetForm action="/admin/invoices" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <label>
          {t("filter.customer")}
          <select name="company" defaultValue={filter.company ?? ""} className={select}>
            <option value="">{t("filter.any")}</option>
            {customers.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </select>
        </label>
        <InvoiceFilterFields status={filter.status} kind={filter.kind} selectClassName={select} />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
          {t("filter.submit")}
        </button>
        <Link href="/admin/invoices" className="px-2 py-1.5 underline">
          {t("filter.reset")}
        </Link>
      </GetForm>
      <p className="text-sm text-slate-600" data-testid="invoice-count">
        {t("filter.results", { count: rows.length })}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("admin.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} data-testid="admin-invoices">
            <thead>
              <tr>
                <th className={thClass}>{t("columns.number")}</th>
                <th className={thClass}>{t("columns.kind")}</th>
                <th className={thClass}>{t("columns.customer")}</th>
                <th className={thClass}>{t("columns.order")}</th>
                <th className={thClass}>{t("columns.issueDate")}</th>
                <th className={thClass}>{t("columns.dueDate")}</th>
                <th className={`${thClass} text-right`}>{t("columns.amount")}</th>
                <th className={thClass}>{t("columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="invoice-row" data-number={row.number} data-kind={row.kind}>
                  <td className={tdClass}>
                    <Link href={`/admin/invoices/${row.id}`} className="text-brand-700 underline">
                      {row.number}
                    </Link>
                  </td>
                  <td className={tdClass}>{t(`kind.${row.kind}`)}</td>
                  <td className={tdClass}>{row.companyName}</td>
                  <td className={tdClass}>
                    {row.orderId !== null ? (
                      <Link href={`/admin/orders/${row.orderId}`} className="text-brand-700 underline">
                        {row.orderNumber ?? row.orderId}
                      </Link>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td className={tdClass}>{dateText(row.issueDate, locale)}</td>
                  <td className={tdClass}>{row.dueDate ? dateText(row.dueDate, locale) : "–"}</td>
                  <td className={`${tdClass} text-right tabular-nums`} data-testid="invoice-amount">
                    {money(signedAmount(row), locale, row.currency)}
                  </td>
                  <td className={tdClass}>
                    <AdminInvoiceStatus status={row.status} kind={row.kind} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
