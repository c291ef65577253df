import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StaffPriceExplanation } from "@/components/admin/price-explanation";
import { AddToCartForm } from "@/components/shop/add-to-cart-form";
import { PriceBlock } from "@/components/shop/price-block";
import { priceLabels, toProductCardData } from "@/components/shop/product-card-data";
import { StockBadge } from "@/components/shop/stock-badge";
import { explainPriceForCompany } from "@/lib/admin/pricing";
import { orderableTiers, smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { toProductViews } from "@/lib/catalog/priced-product";
import { getProductBySku, listCategories } from "@/lib/data/catalog";
import { dateText, money, percent } from "@/lib/format";
import type { PriceSource } from "@/lib/pricing/resolve-price";
import { getShopContext, productViewOptions } from "@/lib/shop-context";
import { addToCartAction, requestProductQuoteAction } from "../../cart/actions";
import { ActionForm } from "@/components/account/action-form";
import { SaveToList } from "@/components/account/save-to-list";
import { listSaveTargets } from "@/lib/favorites/favorites";
import { addToListAction } from "../../favorites/actions";
import { stockAlertAction } from "../actions";
import { stockAlertState } from "@/lib/catalog/stock-alerts";
import { quantityText, unitName } from "@/lib/catalog/unit-names";
import { contentUnitPriceText, packText } from "@/lib/catalog/pack-text";
import { ProductGallery, type GalleryImage } from "@/components/shop/product-gallery";
import { productCardImagePath, productImagePath } from "@/lib/catalog/product-image-path";
import { listProductImages } from "@/lib/data/product-images";
import { ProductGrid } from "@/components/shop/product-card";
import type { CatalogTranslator } from "@/components/shop/product-card-data";
import { splitRelations } from "@/lib/catalog/product-relations";
import type { ProductView } from "@/lib/catalog/priced-product";
import type { ProductRow } from "@/lib/data/catalog";
import { listActiveSuccessors, listShopRelationsBySku } from "@/lib/data/product-relations";
import type { ShopContext } from "@/lib/shop-context";
import { ProductDocumentList, type ShopDocumentLink } from "@/components/shop/product-documents";
import { documentSizeText, orderDocumentsForReader, productDocumentPath } from "@/lib/catalog/product-document";
import { listProductDocuments, type ProductDocumentInfo } from "@/lib/data/product-documents";
import { attributeFilterHref, labelAttributes } from "@/lib/catalog/attributes";
import { listAttributeDefinitionsOf } from "@/lib/data/attribute-definitions";
import { productTitle } from "@/lib/page-titles";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = async ({ params }: { params: Promise<{ sku: string }> }) => productTitle((await params).sku, "shop");

export default async function ProductPage({ params }: { params: Promise<{ sku: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ sku }, context, t, catalogT, cartT] = await Promise.all([params, getShopContext(), getTranslations("product"), getTranslations("catalog"), getTranslations("cart")]);
  const wantedSku = decodeURIComponent(sku);
  // Accessories, alternatives and successor are read beside the product, by its SKU: two index probes
  // that find nothing for most products, so a product without relations waits for no extra round trip
  // (lib/data/product-relations.ts listShopRelationsBySku). They are priced with the product below.
  const [row, relationRows] = await Promise.all([getProductBySku(wantedSku), listShopRelationsBySku(wantedSku)]);
  if (!row) notFound();
  const related = splitRelations(relationRows);
  const viewOptions = productViewOptions(context);
  // Documents, like photos: one more read only for products that have any (products.has_documents; a
  // probe on every page cost 1.6 ms of CPU per request under load, BENCHMARKS.md twenty-seventh pass).
  const readDocuments = async () => documentLinks(row.sku, row.hasDocuments ? await listProductDocuments(row.id) : [], context.locale, t);
  if (!row.active) return discontinuedPage(row, related, await readDocuments(), context, viewOptions, t, catalogT);
  const [[product, ...relatedViews], categories] = await Promise.all([toProductViews([row, ...related.accessories, ...related.alternatives], viewOptions), listCategories()]);
  if (!product) notFound();
  // A contract-assortment customer sees only related products its contract holds.
  const accessories = relatedViews.slice(0, related.accessories.length).filter((view) => view.inAssortment);
  const alternatives = relatedViews.slice(related.accessories.length).filter((view) => view.inAssortment);
  const category = categories.find((c) => c.id === product.categoryId);
  // Out of stock, a signed-in person may ask to be mailed when it is back (one lookup, only then).
  // Photos: one more read only for products that have any (the rest show the placeholder).
  const [alertState, photos, documents, definitions] = await Promise.all([
    stockAlertState(context.buyer, product),
    product.imageKey ? listProductImages(product.id) : [],
    readDocuments(),
    listAttributeDefinitionsOf(Object.keys(product.attributes)),
  ]);
  const specifications = labelAttributes(product.attributes, definitions, context.locale);
  const gallery: GalleryImage[] =
    photos.length > 0
      ? photos.map((photo) => ({ large: productImagePath(product.sku, photo.key, "large"), thumbnail: productImagePath(product.sku, photo.key, "thumbnail"), width: photo.width, height: photo.height }))
      : [{ large: productCardImagePath(product), thumbnail: productCardImagePath(product), width: 480, height: 360 }];
  const { locale } = context;
  const card = toProductCardData(product, locale, catalogT);
  // The ladder from the smallest quantity the buyer may order: "from 12", not "from 1", for a minimum of 12.
  // Each tier also per what the pack holds, so a buyer comparing tiers sees the price per sheet drop.
  const tiers = (product.price ? orderableTiers(product.price.tiers, product) : []).map((tier) => ({
    ...tier,
    perContentUnit: contentUnitPriceText(tier.unitPriceMinor, product, product.currency, locale),
  }));
  const tiersPerContentUnit = tiers.some((tier) => tier.perContentUnit !== null);
  // "€ 0,0196 per vel": the buyer's own price (contract price when they have one) per what the pack holds.
  const perContentUnit = product.price ? contentUnitPriceText(product.price.unitPriceMinor, product, product.currency, locale) : null;
  const pack = packText(product, locale);
  // Staff viewing the shop as the customer get the long "why this price" (also for a product outside its assortment).
  const staffExplanation = context.buyer?.impersonatedBy ? (
    <StaffPriceExplanation
      explanation={await explainPriceForCompany(context.buyer.companyId, row, null, context.now)}
      product={row}
      customerName={context.buyer.companyName}
      locale={locale}
    />
  ) : null;
  const facts: [string, string][] = [
    [t("sku"), product.sku],
    [t("brand"), product.brand],
    [t("manufacturer"), product.manufacturer],
    [t("mpn"), product.manufacturerPartNumber],
    [t("gtin"), product.gtin ?? "–"],
    [t("unspsc"), product.unspsc ?? "–"],
    [t("unit"), unitName(product.unit, locale)],
    // "Pak à 250 vel" (or, without a content unit, "250 per pak"); a unit of one says nothing more than the unit itself.
    ...(pack !== null ? [[t("packSize"), pack] as [string, string]] : []),
    [t("minOrderQuantity"), quantityText(product.minOrderQuantity, locale)],
    [t("orderMultiple"), quantityText(product.orderMultiple, locale)],
    [t("vatRate"), percent(product.vatRateBasisPoints, locale)],
    [t("stock"), quantityText(product.stock, locale)],
    [t("leadTime"), t("days", { days: product.leadTimeDays })],
  ];

  return (
    <div className="space-y-10">
      <article className="grid gap-8 md:grid-cols-2">
        {/* Photo and buying side by side from 768 px: in a 900 px procurement window the price and the button stay above the fold.
            self-start: the photo's card is as tall as the photo, not an empty white box as tall as the buying column. */}
        <div className="self-start rounded-lg border border-slate-200 bg-white p-4 md:p-8">
          {gallery.length > 1 ? (
            <ProductGallery images={gallery} alt={product.name} labels={{ show: t("showPhoto") }} />
          ) : (
            // One photo (or the placeholder) needs no client component: most products, and the measured path.
            // eslint-disable-next-line @next/next/no-img-element -- sized JPEG or the SVG placeholder
            <img src={gallery[0]!.large} alt={product.name} width={gallery[0]!.width} height={gallery[0]!.height} className="mx-auto h-auto max-h-[28rem] w-full max-w-md object-contain" data-testid="product-photo" />
          )}
        </div>
        <div className="space-y-4">
          {category && (
            <Link href={`/catalog/${category.slug}`} className="text-sm text-brand-700 hover:underline">
              {locale === "en" ? category.nameEn : category.nameNl}
            </Link>
          )}
          <h1 className="text-2xl font-semibold">{product.name}</h1>
          <p className="text-sm text-slate-600">
            {product.brand} · {product.sku}
          </p>
          {card.ownNumber !== null && (
            <p className="text-sm font-medium text-slate-700" data-testid="own-article-number">
              {card.ownNumber}
            </p>
          )}
          <StockBadge text={card.stock} inStock={card.inStock} />
          {alertState !== "none" && product.inAssortment && (
            <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="stock-alert" data-state={alertState}>
              {alertState === "open" && <span>{t("stockAlertOpen")}</span>}
              <ActionForm
                action={stockAlertAction}
                submitLabel={alertState === "open" ? t("stockAlertStop") : t("stockAlertAsk")}
                className="flex flex-wrap items-center gap-3"
                submitClassName={
                  alertState === "open"
                    ? "text-sm text-brand-700 underline hover:text-brand-900"
                    : "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
                }
              >
                <input type="hidden" name="sku" value={product.sku} />
                <input type="hidden" name="want" value={alertState === "open" ? "0" : "1"} />
              </ActionForm>
            </div>
          )}
          {product.inAssortment && <PriceBlock price={card.price} labels={priceLabels(catalogT)} loginReturnTo={`/products/${encodeURIComponent(product.sku)}`} size="lg" />}
          {product.inAssortment && perContentUnit !== null && (
            <p className="-mt-2 text-sm text-slate-600" data-testid="content-unit-price">
              {perContentUnit}
            </p>
          )}
          {product.price && !product.inAssortment && (
            // Found by its SKU or a link: not orderable, but the buyer may ask for a price (and so for it to be added).
            <>
              <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="not-in-assortment">
                <p className="font-semibold">{t("notInAssortment")}</p>
                <p>{t("notInAssortmentText")}</p>
              </div>
              {staffExplanation}
              {context.canEditCart && <ProductQuoteRequest sku={product.sku} product={product} t={cartT} open technicalUser={context.buyer?.punchout?.technicalUser} />}
            </>
          )}
          {product.price && product.inAssortment && (
            <>
              {tiers.length > 1 && (
                <table className="text-sm" aria-label={t("tiers")} data-testid="price-tiers">
                  <caption className="text-left font-medium">{t("tiers")}</caption>
                  <tbody>
                    {tiers.map((tier) => (
                      <tr key={tier.minQuantity} className="align-top">
                        <td className="pr-6 whitespace-nowrap">{t("fromQuantity", { quantity: tier.minQuantity })}</td>
                        <td className="text-right font-medium whitespace-nowrap">
                          {money(tier.unitPriceMinor, locale)}
                          {/* A phone is too narrow for a third column ("vanaf 1.000 · € 8,50 · € 0,034 per" and "vel"
                              on a line of its own): there the price per content unit stands under the price. */}
                          {tier.perContentUnit !== null && <span className="block font-normal whitespace-normal text-slate-600 sm:hidden">{tier.perContentUnit}</span>}
                        </td>
                        {tiersPerContentUnit && (
                          <td className="hidden pl-4 text-slate-600 sm:table-cell" data-testid="tier-content-unit-price">
                            {tier.perContentUnit}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <details className="text-sm text-slate-700">
                <summary className="cursor-pointer text-brand-700">{t("priceExplanation")}</summary>
                <p className="mt-1">{await explain(product.price.source, locale)}</p>
              </details>
              {staffExplanation}
              {context.canEditCart && (
                <AddToCartForm
                  sku={product.sku}
                  minOrderQuantity={product.minOrderQuantity}
                  orderMultiple={product.orderMultiple}
                  action={addToCartAction}
                />
              )}
              {context.canEditCart && <ProductQuoteRequest sku={product.sku} product={product} t={cartT} technicalUser={context.buyer?.punchout?.technicalUser} />}
              {context.canEditCart && context.buyer && (
                <SaveToList
                  sku={product.sku}
                  productName={product.name}
                  defaultQuantity={smallestValidQuantity(product)}
                  action={addToListAction}
                  lists={await listSaveTargets(context.buyer)}
                />
              )}
            </>
          )}
          <p className="whitespace-pre-line text-slate-800">{product.description}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            {specifications.map(({ key, label, value, storedValue, filterable }) => (
              <div key={key} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>
                  {filterable && category ? (
                    <Link href={attributeFilterHref(`/catalog/${category.slug}`, key, storedValue)} className="hover:text-brand-700 hover:underline">
                      {value}
                    </Link>
                  ) : (
                    value
                  )}
                </dd>
              </div>
            ))}
          </dl>
          <ProductDocumentList title={t("documents")} documents={documents} />
        </div>
      </article>
      {accessories.length > 0 && <RelatedProducts title={t("accessories")} testId="related-accessories" products={accessories} context={context} t={catalogT} />}
      {alternatives.length > 0 && <RelatedProducts title={t("alternatives")} testId="related-alternatives" products={alternatives} context={context} t={catalogT} />}
    </div>
  );
}

type ProductTranslator = Awaited<ReturnType<typeof getTranslations<"product">>>;
type CartTranslator = Awaited<ReturnType<typeof getTranslations<"cart">>>;
type ViewOptions = Parameters<typeof toProductViews>[1];

/**
 * A price for a quantity the buyer names (lib/quotes/buyer-quotes.ts requestProductQuote). As a punchout
 * connection's technical user (a shared account) the note must name who asks, as under the cart.
 */
function ProductQuoteRequest({ sku, product, t, open = false, technicalUser = false }: { sku: string; product: ProductView; t: CartTranslator; open?: boolean; technicalUser?: boolean }) {
  return (
    <details open={open} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="product-quote">
      <summary className="cursor-pointer font-medium text-brand-700">{t("quote.productTitle")}</summary>
      <p className="mt-2 text-slate-600">{t("quote.productIntro")}</p>
      <ActionForm action={requestProductQuoteAction} submitLabel={t("quote.submit")} ariaLabel={t("quote.productTitle")} className="mt-2 space-y-2">
        <input type="hidden" name="sku" value={sku} />
        <label className="block">
          <span className="font-medium">{t("quote.quantity")}</span>
          <input
            type="number"
            name="quantity"
            required
            min={smallestValidQuantity(product)}
            step={product.orderMultiple}
            defaultValue={Math.max(smallestValidQuantity(product), product.orderMultiple * 10)}
            className="mt-1 block w-32 rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="block">
          <span className="font-medium">{t(technicalUser ? "quote.commentRequired" : "quote.comment")}</span>
          <textarea
            name="comment"
            rows={2}
            maxLength={2000}
            required={technicalUser || undefined}
            aria-describedby={technicalUser ? "product-quote-hint" : undefined}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1"
          />
          {technicalUser && (
            <span id="product-quote-hint" className="text-xs text-slate-500">
              {t("quote.commentHintPunchout")}
            </span>
          )}
        </label>
      </ActionForm>
    </details>
  );
}

/** Cards of related products, with the buyer's price and stock like a listing's. */
function RelatedProducts({ title, testId, products, context, t }: { title: string; testId: string; products: ProductView[]; context: ShopContext; t: CatalogTranslator }) {
  return (
    <section aria-labelledby={`${testId}-title`} data-testid={testId} className="space-y-3">
      <h2 id={`${testId}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <ProductGrid products={products} locale={context.locale} addToCartAction={context.canEditCart ? addToCartAction : null} t={t} />
    </section>
  );
}

/**
 * A product taken out of the shop: where an admin named a successor or alternatives (only those in the
 * shop count), old links, favorites and order history lead to them; otherwise it is not found.
 */
async function discontinuedPage(
  row: ProductRow,
  related: { alternatives: ProductRow[]; successor: ProductRow | null },
  documents: ShopDocumentLink[],
  context: ShopContext,
  viewOptions: ViewOptions,
  t: ProductTranslator,
  catalogT: CatalogTranslator,
) {
  // The direct successor may be out of the shop too: then its own successor (and so on) replaces it.
  const successor = related.successor ?? (await listActiveSuccessors([row.id])).get(row.id) ?? null;
  const alternativeRows = related.alternatives.filter((alternative) => alternative.id !== successor?.id);
  if (!successor && alternativeRows.length === 0) notFound();
  const views = await toProductViews([...(successor ? [successor] : []), ...alternativeRows], viewOptions);
  // For a contract-assortment customer, only replacements its contract holds.
  const successorView = successor && views[0]!.inAssortment ? views[0]! : null;
  const alternatives = (successor ? views.slice(1) : views).filter((view) => view.inAssortment);
  if (!successorView && alternatives.length === 0) notFound();
  const name = productName(row, context.locale);
  return (
    <div className="space-y-10" data-testid="product-discontinued">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">{name}</h1>
        <p className="text-sm text-slate-600">
          {row.brand} · {row.sku}
        </p>
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="discontinued-notice">
          <p className="font-semibold">{t("discontinued")}</p>
          <p>
            {t("discontinuedText")}{" "}
            {successorView ? (
              <Link href={`/products/${encodeURIComponent(successorView.sku)}`} className="font-medium underline">
                {t("discontinuedSuccessor", { name: successorView.name, sku: successorView.sku })}
              </Link>
            ) : (
              t("discontinuedAlternatives")
            )}
          </p>
        </div>
        {/* Buyers who have the product in stock still need its safety data sheet. */}
        <ProductDocumentList title={t("documents")} documents={documents} />
      </div>
      {successorView && <RelatedProducts title={t("successor")} testId="related-successor" products={[successorView]} context={context} t={catalogT} />}
      {alternatives.length > 0 && <RelatedProducts title={t("alternatives")} testId="related-alternatives" products={alternatives} context={context} t={catalogT} />}
    </div>
  );
}

/** The product's documents as the reader sees them: their language first, the language named when it is another. */
function documentLinks(sku: string, rows: ProductDocumentInfo[], locale: "nl" | "en", t: ProductTranslator): ShopDocumentLink[] {
  return orderDocumentsForReader(rows, locale).map((document) => ({
    key: document.key,
    href: productDocumentPath(sku, document.key, document.fileName),
    title: document.title,
    description: [
      t(`documentKinds.${document.kind}`),
      document.language && document.language !== locale ? t(`documentLanguages.${document.language}`) : null,
      // Buyers file safety data sheets by version and revision date: they say which one this is.
      document.version ? t("documentVersion", { version: document.version }) : null,
      document.revisedOn ? t("documentRevised", { date: dateText(document.revisedOn, locale) }) : null,
    ]
      .filter(Boolean)
      .join(" · "),
    size: documentSizeText(document.byteSize, locale),
  }));
}

async function explain(source: PriceSource, locale: "nl" | "en"): Promise<string> {
  const t = await getTranslations("product");
  switch (source.kind) {
    case "list":
      return t("explainList");
    case "list_tier":
      return t("explainListTier", { quantity: source.tierMinQuantity });
    default: {
      const text =
        source.kind === "contract"
          ? t("explainContract", { list: source.priceListName })
          : t("explainContractTier", { list: source.priceListName, quantity: source.tierMinQuantity ?? 0 });
      return source.validTo ? `${text} ${t("validUntil", { date: dateText(source.validTo, locale) })}` : text;
    }
  }
}
