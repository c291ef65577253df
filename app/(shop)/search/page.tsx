import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { CatalogFilters } from "@/components/shop/catalog-filters";
import { Pagination } from "@/components/shop/pagination";
import { ProductGrid } from "@/components/shop/product-card";
import { attributeFacets } from "@/lib/catalog/attributes";
import { PAGE_SIZE, activeFilterCount, listingHref, parseListingParams } from "@/lib/catalog/listing-params";
import { toProductViews } from "@/lib/catalog/priced-product";
import { listCategories, searchProducts } from "@/lib/data/catalog";
import { categoriesMatchingSearch } from "@/lib/catalog/category-tree";
import Link from "next/link";
import { findProductByOwnArticleNumber } from "@/lib/catalog/own-article-number";
import { assortmentFilter, getShopContext, navigationCategories, productViewOptions } from "@/lib/shop-context";
import { addToCartAction } from "../cart/actions";
import { searchTitle } from "@/lib/page-titles";

export const generateMetadata = async ({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) => searchTitle(await searchParams);

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection(); // DB-backed: never prerendered at build time
  const [rawSearch, context, t] = await Promise.all([searchParams, getShopContext(), getTranslations("catalog")]);
  const listing = parseListingParams(rawSearch);
  const companyId = context.buyer?.companyId ?? null;
  const [result, ownMatch, categories] = await Promise.all([
    searchProducts(
      listing.q,
      { brand: listing.brand, inStock: listing.stock === "1", attributes: listing.attributes, contract: assortmentFilter(context) },
      { offset: (listing.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    ),
    // A buyer may search for their own article number: the product it names leads the first page.
    companyId !== null && listing.page === 1 && context.buyer?.companyKeepsArticleNumbers !== false ? findProductByOwnArticleNumber(companyId, listing.q) : null,
    // The categories the words name (a search for "werkhandschoenen" means the category too), of this shopper's navigation.
    listing.page === 1 ? listCategories().then((all) => navigationCategories(context, all)) : [],
  ]);
  const namedCategories = categoriesMatchingSearch(categories, listing.q);
  const filtered = listing.brand !== undefined || listing.stock !== undefined || Object.keys(listing.attributes).length > 0;
  // One pricing pass for the page, the own-number match included.
  const views = await toProductViews(ownMatch ? [ownMatch, ...result.items] : result.items, productViewOptions(context));
  // The own-number match too is shown only when it lies in the customer's assortment.
  const [ownProducts, products] = ownMatch ? [views.slice(0, 1).filter((view) => view.inAssortment), views.slice(1)] : [[], views];
  return (
    <div className="grid gap-x-6 gap-y-4 lg:grid-cols-[16rem_1fr] lg:grid-rows-[auto_1fr]">
      {/* Below 1024 px the heading and count come before the filters (behind a button on a phone); from
          lg on the filters are the left column beside both. */}
      <div className="lg:col-start-2 lg:row-start-1">
        <h1 className="text-2xl font-semibold">{t("searchResults", { query: listing.q })}</h1>
        <p className="text-sm text-slate-600">{t(result.truncated ? "moreThanProducts" : "allProducts", { count: result.total })}</p>
      </div>
      <aside className="lg:col-start-1 lg:row-span-2 lg:row-start-1">
        <CatalogFilters
          action="/search"
          query={listing.q}
          brands={result.brands}
          partialCounts={result.truncated}
          selectedBrand={listing.brand}
          inStock={listing.stock === "1"}
          attributeFacets={attributeFacets(result.attributeCounts, listing.attributes, context.locale)}
          clearHref={filtered ? listingHref("/search", { q: listing.q, page: 1, attributes: {} }, 1) : undefined}
          activeFilters={activeFilterCount(listing)}
        />
      </aside>
      <section className="lg:col-start-2 lg:row-start-2">
        {namedCategories.length > 0 && (
          <p className="mb-4 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm" data-testid="search-categories">
            <span className="text-slate-600">{t("searchCategories")}</span>
            {namedCategories.map((category) => (
              <Link key={category.id} href={`/catalog/${category.slug}`} className="rounded-full border border-slate-300 bg-white px-3 py-0.5 font-medium text-brand-700 hover:border-brand-600">
                {context.locale === "en" ? category.nameEn : category.nameNl}
              </Link>
            ))}
          </p>
        )}
        {result.truncated && <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">{t("truncatedNotice", { count: result.total })}</p>}
        {result.mode === "fuzzy" && <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("fuzzyNotice")}</p>}
        {ownProducts.length > 0 && (
          <div className="mb-6" data-testid="own-number-match">
            <h2 className="mb-2 text-sm font-semibold text-slate-700">{t("ownNumberMatch", { number: ownProducts[0]!.customerArticleNumber ?? listing.q })}</h2>
            <ProductGrid products={ownProducts} locale={context.locale} addToCartAction={context.canEditCart ? addToCartAction : null} t={t} />
          </div>
        )}
        {result.total === 0 ? (
          ownProducts.length === 0 && <p>{t("noResults")}</p>
        ) : (
          <>
            {/* The cards' names are h3: a heading over them, for the ear only; not the count again (it is read under the h1). */}
            <h2 className="sr-only">{t("productsHeading")}</h2>
            <ProductGrid products={products} locale={context.locale} addToCartAction={context.canEditCart ? addToCartAction : null} t={t} />
          </>
        )}
        <Pagination page={listing.page} pages={Math.ceil(result.total / PAGE_SIZE)} hrefFor={(page) => listingHref("/search", listing, page)} />
      </section>
    </div>
  );
}
