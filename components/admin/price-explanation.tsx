import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { dateText, money, percent } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { PriceExplanation } from "@/lib/pricing/explain-price";
import { Badge, tableClass, tdClass, thClass } from "./tabs";

/**
 * The account manager's "why this price": which rule produced the price (list price, or price list
 * X's entry, tier, validity) and, for every other price list that prices the product, why it did
 * not apply. Built from explainPrice, i.e. from the one pricing rule.
 */
export async function PriceExplanationPanel({
  explanation,
  product,
  customerName,
  locale,
  linkLists = true,
}: {
  explanation: PriceExplanation;
  product: { sku: string; unit: string; currency: string };
  customerName: string;
  locale: Locale;
  linkLists?: boolean;
}) {
  const t = await getTranslations("admin.explain");
  const { result } = explanation;
  const m = (minor: number) => money(minor, locale, product.currency);
  const source = result.source;
  const rule =
    source.kind === "list"
      ? t("ruleList")
      : source.kind === "list_tier"
        ? t("ruleListTier", { quantity: source.tierMinQuantity })
        : t(source.kind === "contract" ? "ruleContract" : "ruleContractTier", {
            list: source.priceListName,
            code: source.priceListCode,
            quantity: source.tierMinQuantity ?? 0,
            entry: source.entryKind === "fixed" ? t("fixedEntry") : t("discountEntry", { percent: percent(source.discountBasisPoints ?? 0, locale) }),
          });
  const window =
    source.kind === "contract" || source.kind === "contract_tier"
      ? source.validFrom && source.validTo
        ? t("validBetween", { from: dateText(source.validFrom, locale), to: dateText(source.validTo, locale) })
        : source.validTo
          ? t("validUntil", { to: dateText(source.validTo, locale) })
          : source.validFrom
            ? t("validFrom", { from: dateText(source.validFrom, locale) })
            : t("noEnd")
      : null;
  const verdictText = (c: PriceExplanation["candidates"][number]) => {
    const cand = c.candidate;
    switch (c.verdict) {
      case "applied":
        return t("verdicts.applied");
      case "outranked":
        return c.outrankedBy ? t("verdicts.outranked", { list: c.outrankedBy.priceListName, priority: c.outrankedBy.priority }) : t("verdicts.outrankedPlain");
      case "currency_mismatch":
        return t("verdicts.currency_mismatch", { currency: cand.currency ?? "?" });
      case "list_not_started":
        return t("verdicts.list_not_started", { date: dateText(cand.listValidFrom ?? "", locale) });
      case "list_ended":
        return t("verdicts.list_ended", { date: dateText(cand.listValidTo ?? "", locale) });
      case "entry_not_started":
        return t("verdicts.entry_not_started", { date: dateText(cand.validFrom ?? "", locale) });
      case "entry_ended":
        return t("verdicts.entry_ended", { date: dateText(cand.validTo ?? "", locale) });
    }
  };
  return (
    <div className="space-y-3 text-sm" data-testid="price-explanation">
      <p className="text-base">
        {t("result", { customer: customerName, quantity: unitQuantity(explanation.quantity, product.unit, locale) })}{" "}
        <strong data-testid="explained-price">{m(result.unitPriceMinor)}</strong>
        <span className="text-slate-500"> · {t("listPrice", { price: m(result.listPriceMinor) })}</span>
      </p>
      <p>
        <span className="font-medium">{t("rule")}</span> {rule}
        {window && <span className="text-slate-600"> · {window}</span>}
      </p>
      {result.tiers.length > 1 && (
        <p className="text-slate-700">
          <span className="font-medium">{t("ladder")}</span>{" "}
          {result.tiers.map((step) => t("step", { quantity: step.minQuantity, price: m(step.unitPriceMinor) })).join(" · ")}
        </p>
      )}
      {explanation.candidates.length > 0 ? (
        <div className="relative overflow-x-auto">
          <table className={tableClass}>
            <caption className="mb-1 text-left text-xs text-slate-500">{t("checkedOn", { date: dateText(explanation.day, locale) })}</caption>
            <thead>
              <tr>
                <th className={thClass}>{t("list")}</th>
                <th className={thClass}>{t("priority")}</th>
                <th className={thClass}>{t("entry")}</th>
                <th className={`${thClass} text-right`}>{t("alone")}</th>
                <th className={thClass}>{t("verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {explanation.candidates.map((c) => (
                <tr key={c.candidate.entryId} data-testid="explained-candidate" data-verdict={c.verdict}>
                  <td className={tdClass}>
                    {linkLists ? (
                      <Link className="text-brand-700 underline" href={`/admin/price-lists/${c.candidate.priceListId}?q=${encodeURIComponent(product.sku)}`}>
                        {c.candidate.priceListName}
                      </Link>
                    ) : (
                      c.candidate.priceListName
                    )}
                    <div className="text-xs text-slate-500">{c.candidate.priceListCode}</div>
                  </td>
                  <td className={tdClass}>{c.candidate.priority}</td>
                  <td className={tdClass}>
                    {c.candidate.kind === "fixed" ? m(c.candidate.priceMinor ?? 0) : t("discountEntry", { percent: percent(c.candidate.discountBasisPoints ?? 0, locale) })}
                    {c.candidate.tiers.length > 0 && <div className="text-xs text-slate-500">{t("tierCount", { count: c.candidate.tiers.length })}</div>}
                  </td>
                  <td className={`${tdClass} text-right`}>{m(c.unitPriceMinor)}</td>
                  <td className={tdClass}>
                    <Badge tone={c.verdict === "applied" ? "green" : c.verdict === "outranked" ? "slate" : "amber"}>{verdictText(c)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-slate-600">{t("noCandidates")}</p>
      )}
    </div>
  );
}

/** The long explanation on the shop's product page, only while staff view the shop as a customer. */
export async function StaffPriceExplanation(props: Parameters<typeof PriceExplanationPanel>[0]) {
  const t = await getTranslations("admin.explain");
  return (
    <details open className="rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="staff-price-explanation">
      <summary className="cursor-pointer text-sm font-medium text-amber-950">{t("staffOnly")}</summary>
      <div className="mt-2">
        <PriceExplanationPanel {...props} />
      </div>
    </details>
  );
}
