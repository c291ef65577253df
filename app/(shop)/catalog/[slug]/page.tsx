import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CatalogFilters } from "@/components/shop/catalog-filters";
import { Pagination } from "@/components/shop/pagination";
import { ProductGrid } from "@/components/shop/product-card";
import { attributeFacets } from "@/lib/catalog/attributes";
import { buildCategoryTree, descendantIds } from "@/lib/catalog/category-tree";
import { PAGE_SIZE, activeFilterCount, listingHref, parseListingParams } from "@/lib/catalog/listing-params";
import { toProductViews } from "@/lib/catalog/priced-product";
import { listCategories, listProductsInCategory } from "@/lib/data/catalog";
import { assortmentFilter, getShopContext, navigationCategories, productViewOptions } from "@/lib/shop-context";
import { addToCartAction } from "../../cart/actions";
import { categoryTitle } from "@/lib/page-titles";

export const generateMetadata = async ({ params }: { params: Promise<{ slug: string }> }) => categoryTitle((await params).slug);

export default async function CategoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ slug }, rawSearch, context, categories, t] = await Promise.all([
    params,
    searchParams,
    getShopContext(),
    listCategories(),
    getTranslations("catalog"),
  ]);
  const category = categories.find((c) => c.slug === slug);
  if (!category) notFound();
  const listing = parseListingParams(rawSearch);
  const [result, navigation] = await Promise.all([
    listProductsInCategory(
      descendantIds(categories, category.id),
      { brand: listing.brand, inStock: listing.stock === "1", attributes: listing.attributes, contract: assortmentFilter(context) },
      { offset: (listing.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    ),
    navigationCategories(context, categories),
  ]);
  const products = await toProductViews(result.items, productViewOptions(context));
  const tree = buildCategoryTree(navigation, context.locale);
  const group = tree.find((g) => g.id === category.id || g.children.some((c) => c.id === category.id));
  const name = context.locale === "en" ? category.nameEn : category.nameNl;
  const path = `/catalog/${category.slug}`;
  const filtered = listing.brand !== undefined || listing.stock !== undefined || Object.keys(listing.attributes).length > 0;

  return (
    <div className="grid gap-x-6 gap-y-4 lg:grid-cols-[16rem_1fr] lg:grid-rows-[auto_1fr]">
      {/* Below 1024 px the heading and count come first, then the filters (behind a button on a phone),
          the products, and last the category list (17 links that pushed the products below the fold);
          from lg on the aside is the left column beside both, as it reads. */}
      <div className="lg:col-start-2 lg:row-start-1">
        <h1 className="text-2xl font-semibold">{name}</h1>
        <p className="text-sm text-slate-600">{t("allProducts", { count: result.total })}</p>
      </div>
      <aside className="contents lg:col-start-1 lg:row-span-2 lg:row-start-1 lg:block lg:space-y-4">
        {group && (
          <nav aria-label={t("categories")} className="order-last rounded-lg border border-slate-200 bg-white p-4 text-sm lg:order-none">
            <Link href={`/catalog/${group.slug}`} className="font-semibold hover:text-brand-700">
              {group.name}
            </Link>
            <ul className="mt-2 space-y-1">
              {group.children.map((child) => (
                <li key={child.id}>
                  <Link
                    href={`/catalog/${child.slug}`}
                    aria-current={child.id === category.id ? "page" : undefined}
                    className={child.id === category.id ? "font-medium text-brand-700" : "text-slate-700 hover:text-brand-700"}
                  >
                    {child.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <CatalogFilters
          action={path}
          brands={result.brands}
          selectedBrand={listing.brand}
          inStock={listing.stock === "1"}
          attributeFacets={attributeFacets(result.attributeCounts, listing.attributes, context.locale)}
          clearHref={filtered ? path : undefined}
          activeFilters={activeFilterCount(listing)}
        />
      </aside>
      <section className="lg:col-start-2 lg:row-start-2">
        {/* The cards' names are h3: a heading over them, for the ear only; not the count again (it is read under the h1). */}
        <h2 className="sr-only">{t("productsHeading")}</h2>
        <ProductGrid products={products} locale={context.locale} addToCartAction={context.canEditCart ? addToCartAction : null} t={t} />
        <Pagination page={listing.page} pages={Math.ceil(result.total / PAGE_SIZE)} hrefFor={(page) => listingHref(path, listing, page)} />
      </section>
    </div>
  );
}
