import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ATTRIBUTE_PARAM_PREFIX, type AttributeFacet } from "@/lib/catalog/attributes";
import { GetForm } from "@/components/get-form";
import { FiltersDisclosure } from "./filters-disclosure";

export async function CatalogFilters({
  action,
  query,
  brands,
  partialCounts = false,
  selectedBrand,
  inStock,
  attributeFacets = [],
  clearHref,
  activeFilters,
  className,
}: {
  action: string;
  query?: string;
  brands: { brand: string; count: number }[];
  /** The counts cover only part of the matches (a bounded search): show the brands without them. */
  partialCounts?: boolean;
  selectedBrand?: string;
  inStock: boolean;
  /** The filterable attributes of the listing's products (lib/catalog/attributes.ts attributeFacets). */
  attributeFacets?: AttributeFacet[];
  /** The listing without any filter, offered while one is chosen. */
  clearHref?: string;
  /** How many filters are active (lib/catalog/listing-params.ts activeFilterCount): the phone's "Filters (2)". */
  activeFilters: number;
  className?: string;
}) {
  const t = await getTranslations("catalog");
  // Below 1024 px the filters stand above the results: side by side in columns there, so a page with
  // nine attributes still shows products in a procurement system's 900 px window (one column in the sidebar).
  // Below 640 px they are behind a button. Keyed on the listing's filters: a new listing closes it.
  const listingKey = JSON.stringify([action, query ?? "", selectedBrand ?? "", inStock, activeFilters, attributeFacets.map((facet) => facet.selected)]);
  return (
    <FiltersDisclosure
      key={listingKey}
      label={t("filtersButton", { count: activeFilters })}
      activeCount={activeFilters}
      panelId="catalog-filters"
      className={className}
    >
      <GetForm
        action={action}
        className="grid items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-1"
        aria-label={t("filters")}
      >
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
        {attributeFacets.map((facet) => (
          <label key={facet.key} className="block font-medium">
            {facet.label}
            <select
              name={`${ATTRIBUTE_PARAM_PREFIX}${facet.key}`}
              defaultValue={facet.selected ?? ""}
              className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5"
            >
              <option value="">{t("anyValue")}</option>
              {facet.values.map(({ value, label, count }) => (
                <option key={value} value={value}>
                  {partialCounts ? label : `${label} (${count})`}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="flex items-center gap-2">
          <input type="checkbox" name="stock" value="1" defaultChecked={inStock} />
          {t("inStockOnly")}
        </label>
        <button type="submit" className="w-full rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
          {t("apply")}
        </button>
        {clearHref && (
          <Link href={clearHref} className="block self-center text-center text-slate-600 underline hover:text-brand-700">
            {t("clearFilters")}
          </Link>
        )}
      </GetForm>
    </FiltersDisclosure>
  );
}
