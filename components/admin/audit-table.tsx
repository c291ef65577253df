import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { dateText, dateTimeText, money, percent } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { Badge, tableClass, tdClass, thClass } from "./tabs";

type T = Awaited<ReturnType<typeof getTranslations>>;

/** What the audit log stores as old/new value: a price-list entry, or a list header / assignment. */
export interface PriceEntrySnapshot {
  kind: "fixed" | "discount";
  priceMinor: number | null;
  discountBasisPoints: number | null;
  tiers: { minQuantity: number; priceMinor?: number; discountBasisPoints?: number }[];
  validFrom: string | null;
  validTo: string | null;
}
export interface PriceListSnapshot {
  name?: string;
  currency?: string;
  validFrom?: string | null;
  validTo?: string | null;
  priority?: number;
  entries?: number;
  assortment?: "all" | "contract";
  products?: number;
}
export type PriceAuditValue = PriceEntrySnapshot | PriceListSnapshot;

export interface PriceAuditRow {
  id: number;
  createdAt: Date;
  actorName: string;
  source: "editor" | "csv" | "api";
  action: string;
  priceListId: number | null;
  priceListCode: string;
  sku: string | null;
  companyId: number | null;
  oldValue: PriceAuditValue | null;
  newValue: PriceAuditValue | null;
}

function isEntry(value: PriceAuditValue): value is PriceEntrySnapshot {
  return "kind" in value;
}

/** A price-list entry or list change in one line ("€ 4,50 · from 10: € 4,20 · until 31 Dec 2026"). */
export function describeValue(value: PriceAuditValue | null, t: T, locale: Locale, currency = "EUR"): string {
  if (!value) return "–";
  if (isEntry(value)) {
    const main = value.kind === "fixed" ? money(value.priceMinor ?? 0, locale, currency) : t("discount", { percent: percent(value.discountBasisPoints ?? 0, locale) });
    const tiers = value.tiers.map((tier) =>
      t("tier", {
        quantity: tier.minQuantity,
        value: value.kind === "fixed" ? money(tier.priceMinor ?? 0, locale, currency) : percent(tier.discountBasisPoints ?? 0, locale),
      }),
    );
    return [main, ...tiers, validity(value.validFrom, value.validTo, t, locale)].filter(Boolean).join(" · ");
  }
  const list = value as PriceListSnapshot;
  return [
    list.name,
    list.currency,
    list.validFrom !== undefined || list.validTo !== undefined ? validity(list.validFrom ?? null, list.validTo ?? null, t, locale) || t("alwaysValid") : null,
    list.priority !== undefined ? t("priority", { priority: list.priority }) : null,
    list.entries !== undefined ? t("entries", { count: list.entries }) : null,
    list.assortment !== undefined ? t(`assortments.${list.assortment}`) : null,
    list.products !== undefined ? t("products", { count: list.products }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function validity(from: string | null, to: string | null, t: T, locale: Locale): string {
  if (from && to) return t("validBetween", { from: dateText(from, locale), to: dateText(to, locale) });
  if (from) return t("validFrom", { from: dateText(from, locale) });
  if (to) return t("validUntil", { to: dateText(to, locale) });
  return "";
}

export async function AuditTable({
  rows,
  locale,
  customers = new Map(),
  showList = true,
  showProduct = true,
}: {
  rows: PriceAuditRow[];
  locale: Locale;
  customers?: Map<number, string>;
  showList?: boolean;
  showProduct?: boolean;
}) {
  const t = await getTranslations("admin.audit");
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className={tableClass} data-testid="audit-table">
        <thead>
          <tr>
            <th className={thClass}>{t("when")}</th>
            <th className={thClass}>{t("who")}</th>
            <th className={thClass}>{t("what")}</th>
            {showList && <th className={thClass}>{t("list")}</th>}
            {showProduct && <th className={thClass}>{t("subject")}</th>}
            <th className={thClass}>{t("old")}</th>
            <th className={thClass}>{t("new")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="audit-row" data-sku={row.sku ?? undefined}>
              <td className={`${tdClass} whitespace-nowrap`}>{dateTimeText(row.createdAt, locale)}</td>
              <td className={tdClass}>
                {row.actorName}
                <div>
                  <Badge tone={row.source === "editor" ? "slate" : row.source === "csv" ? "blue" : "amber"}>{t(`sources.${row.source}`)}</Badge>
                </div>
              </td>
              <td className={tdClass}>{t(`actions.${row.action}`)}</td>
              {showList && (
                <td className={tdClass}>
                  {row.priceListId ? (
                    <Link className="text-brand-700 underline" href={`/admin/price-lists/${row.priceListId}`}>
                      {row.priceListCode}
                    </Link>
                  ) : (
                    row.priceListCode || "–"
                  )}
                </td>
              )}
              {showProduct && (
                <td className={tdClass}>
                  {row.sku ? (
                    <Link className="text-brand-700 underline" href={`/admin/products/${encodeURIComponent(row.sku)}`}>
                      {row.sku}
                    </Link>
                  ) : row.companyId ? (
                    <Link className="text-brand-700 underline" href={`/admin/customers/${row.companyId}`}>
                      {customers.get(row.companyId) ?? `#${row.companyId}`}
                    </Link>
                  ) : (
                    "–"
                  )}
                </td>
              )}
              <td className={`${tdClass} text-slate-600`}>{describeValue(row.oldValue, t, locale)}</td>
              <td className={tdClass}>{describeValue(row.newValue, t, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
