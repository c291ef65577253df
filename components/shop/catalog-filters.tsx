import { getTranslations } from "next-intl/server";

export async function CatalogFilters({
  action,
  query,
  brands,
  partialCounts = false,
  selectedBrand,
  inStock,
}: {
  action: string;
  query?: string;
  brands: { brand: string; count: number }[];
  /** The counts cover only part of the matches (a bounded search): show the brands without them. */
  partialCounts?: boolean;
  selectedBrand?: string;
  inStock: boolean;
}) {
  const t = await getTranslations("catalog");
  return (
    <form action={action} method="get" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label={t("filters")}>
      {query && <input type="hidden" name="q" value={query} />}
      <label className="block font-medium">
        {t("brand")}
        <select name="brand" defaultValue={selectedBrand ?? ""} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5">
          <option value="">{t("allBrands")}</option>
          {brands.map(({ brand, count }) => (
            <option key={brand} value={brand}>
              {partialCounts ? brand : `${brand} (${count})`}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="stock" value="1" defaultChecked={inStock} />
        {t("inStockOnly")}
      </label>
      <button type="submit" className="w-full rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
        {t("apply")}
      </button>
    </form>
  );
}
