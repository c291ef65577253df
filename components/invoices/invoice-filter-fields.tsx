import { getTranslations } from "next-intl/server";
import { INVOICE_KIND_FILTERS, INVOICE_STATES, type InvoiceKindFilter, type InvoiceState } from "@/lib/invoices/invoice-status";

/** The status and kind selects of the invoice lists (my account and /admin), in each area's own style. */
export async function InvoiceFilterFields({
  status,
  kind,
  labelClassName,
  selectClassName,
}: {
  status: InvoiceState | undefined;
  kind: InvoiceKindFilter | undefined;
  labelClassName?: string;
  selectClassName: string;
}) {
  const t = await getTranslations("invoices");
  const fields = [
    // "Open" finds credit notes still to settle too (their badge says "Te verrekenen"): the filter says both.
    { name: "status", value: status, options: INVOICE_STATES.map((value) => ({ value, label: t(`statusFilter.${value}`) })) },
    { name: "kind", value: kind, options: INVOICE_KIND_FILTERS.map((value) => ({ value, label: t(`kind.${value}`) })) },
  ] as const;
  return fields.map((field) => (
    <label key={field.name} className={labelClassName}>
      <span className="font-medium">{t(`filter.${field.name}`)}</span>
      <select name={field.name} defaultValue={field.value ?? ""} className={selectClassName}>
        <option value="">{t("filter.any")}</option>
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  ));
}
