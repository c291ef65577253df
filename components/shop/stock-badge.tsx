import type { CatalogTranslator } from "./price-block";

export function StockBadge({ stock, leadTimeDays, t }: { stock: number; leadTimeDays: number; t: CatalogTranslator }) {
  return stock > 0 ? (
    <span className="text-xs font-medium text-emerald-700">{t("inStock", { count: stock })}</span>
  ) : (
    <span className="text-xs font-medium text-amber-700">{t("outOfStock", { days: leadTimeDays })}</span>
  );
}
