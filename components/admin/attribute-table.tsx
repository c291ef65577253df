import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AttributeAdminRow } from "@/lib/admin/attributes";
import type { FormAction } from "./action-form";
import { MoveButtons } from "./move-buttons";
import { Badge, tableClass, tdClass, thClass } from "./tabs";

/** The edit (or define) page of a key: in the query, as keys may hold spaces, "/" and "%". */
export const attributeHref = (key: string) => `/admin/attributes/edit?key=${encodeURIComponent(key)}`;

/**
 * Every attribute key: the definitions in the product page's order (with up/down), then the keys
 * products use that nobody defined ("not defined", with "Define"). Per key its names, whether the
 * shop filters on it, how many products hold it and its most common values, so an admin sees what
 * is worth naming and translating.
 */
export async function AttributeTable({ rows, moveAction, highlight }: { rows: AttributeAdminRow[]; moveAction: FormAction; highlight?: string }) {
  const t = await getTranslations("attributesAdmin");
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={tableClass} data-testid="attribute-table">
        <thead>
          <tr>
            <th className={thClass}>{t("columns.key")}</th>
            <th className={thClass}>{t("columns.name")}</th>
            <th className={thClass}>{t("columns.filterable")}</th>
            <th className={thClass}>{t("columns.products")}</th>
            <th className={thClass}>{t("columns.values")}</th>
            <th className={thClass}>{t("columns.labels")}</th>
            <th className={thClass}>{t("columns.order")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, definition, usage, first, last }) => (
            <tr key={key} data-testid="attribute-row" data-key={key} className={key === highlight ? "bg-emerald-50" : undefined}>
              <td className={`${tdClass} font-mono`}>
                <Link href={attributeHref(key)} className="text-brand-700 hover:underline">
                  {key}
                </Link>
              </td>
              <td className={tdClass}>
                {definition ? (
                  <>
                    <span className="font-medium">{definition.nameNl}</span>
                    {definition.nameEn !== definition.nameNl && <span className="block text-xs text-slate-500">{definition.nameEn}</span>}
                  </>
                ) : (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <Badge tone="amber">{t("notDefined")}</Badge>
                    <Link href={attributeHref(key)} className="text-sm text-brand-700 underline hover:text-brand-900" data-testid="attribute-define">
                      {t("define")}
                    </Link>
                  </span>
                )}
              </td>
              <td className={tdClass}>{definition ? (definition.filterable ? <Badge tone="green">{t("yes")}</Badge> : t("no")) : "–"}</td>
              <td className={`${tdClass} whitespace-nowrap`} data-testid="attribute-products">
                {t("productCount", { total: usage.activeProducts + usage.inactiveProducts, inactive: usage.inactiveProducts })}
              </td>
              <td className={tdClass}>
                {usage.examples.length > 0 && (
                  <>
                    <span className="text-slate-700">
                      {usage.examples.map((example) => t("example", { value: example.value || t("emptyValue"), count: example.products })).join(", ")}
                    </span>
                    {usage.distinctValues > usage.examples.length && <span className="block text-xs text-slate-500">{t("valueCount", { count: usage.distinctValues })}</span>}
                  </>
                )}
              </td>
              <td className={tdClass}>{definition ? t("labelCount", { count: Object.keys(definition.valueLabelsEn).length }) : "–"}</td>
              <td className={`${tdClass} whitespace-nowrap`}>
                {definition && (
                  <MoveButtons action={moveAction} field="key" value={key} first={first} last={last} labels={{ up: t("up"), down: t("down") }} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
