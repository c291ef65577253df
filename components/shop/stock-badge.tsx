import { getTranslations } from "next-intl/server";

export async function StockBadge({ stock, leadTimeDays }: { stock: number; leadTimeDays: number }) {
  const t = await getTranslations("catalog");
  return stock > 0 ? (
    <span className="text-xs font-medium text-emerald-700">{t("inStock", { count: stock })}</span>
  ) : (
    <span className="text-xs font-medium text-amber-700">{t("outOfStock", { days: leadTimeDays })}</span>
  );
}
