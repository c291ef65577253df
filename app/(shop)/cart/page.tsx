import { connection } from "next/server";
import Link from "next/link";
import { productCardImagePath } from "@/lib/catalog/product-image-path";
import { packPhrase } from "@/lib/catalog/pack-text";
import type { ProductRow } from "@/lib/data/catalog";
import { listActiveSuccessors } from "@/lib/data/product-relations";
import { getTranslations } from "next-intl/server";
import { CartPageSync } from "@/components/shop/cart-badge";
import { CartLineControls } from "@/components/shop/cart-line-controls";
import { CartAnnouncer } from "@/components/shop/cart-announcer";
import { CartLineQuote, quoteLock } from "@/components/shop/cart-line-quote";
import { CartTotals } from "@/components/shop/order-totals";
import { PunchoutButtons } from "@/components/punchout/punchout-banner";
import { requireBuyer } from "@/lib/auth/guards";
import { readingOfLines } from "@/lib/cart/cart-badge";
import { getPricedCart } from "@/lib/cart/cart-service";
import { money } from "@/lib/format";
import { listUnmatchedSetupItems } from "@/lib/punchout/cxml-setup";
import { transferRefusal } from "@/lib/punchout/transfer-refusal";
import { getShopContext } from "@/lib/shop-context";
import { changeCartLineAction, requestQuoteAction } from "./actions";
import { ActionForm } from "@/components/account/action-form";
import { SaveToList } from "@/components/account/save-to-list";
import { addToListAction, loadEditableListsAction } from "../favorites/actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = pageTitle("shop.cart");

export default async function CartPage({ searchParams }: { searchParams: Promise<{ error?: string; quote?: string; replaced?: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/cart");
  const [{ locale, now }, t, tp, tcat, { error, quote: acceptedQuote, replaced }] = await Promise.all([
    getShopContext(),
    getTranslations("cart"),
    getTranslations("punchout"),
    getTranslations("catalog"),
    searchParams,
  ]);
  const [cart, unmatched] = await Promise.all([
    getPricedCart(buyer, locale, now),
    buyer.punchout?.protocol === "cxml" ? listUnmatchedSetupItems(buyer.punchout.sessionId) : [],
  ]);
  const readOnly = buyer.punchout?.operation === "inspect";
  // A product taken out of the shop since it was added: what replaces it (one read, only then).
  const unavailableIds = cart.lines.flatMap((line) => (line.unavailableReason === "discontinued" ? [line.product.id] : []));
  const successors = unavailableIds.length > 0 ? await listActiveSuccessors(unavailableIds) : new Map<number, ProductRow>();
  const replacements = new Map([...successors].map(([id, product]) => [id, { sku: product.sku, name: productName(product, locale) }]));
  // After "Add to cart" on a quote (acceptQuoteAction); only said while the cart holds that quote's lines.
  const acceptedNotice = !!acceptedQuote && cart.lines.some((line) => line.quote?.quoteNumber === acceptedQuote);
  const replacedCount = Number(replaced);
  // What "Transfer cart" would be refused for, said beside the buttons (the banner's shows on every page).
  const refusal = buyer.punchout ? transferRefusal(cart.lines, buyer.punchout.operation) : null;
  const reading = readingOfLines(cart.lines, now);
  return (
    // The page's box holds the live region that says what a line's change did: outside the lines (a
    // removed line takes its own with it) and the empty/non-empty branch (the last removal is said too).
    <CartAnnouncer className="space-y-6">
      <CartPageSync rendered={reading} />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {error && tp.has(`errors.${error}`) && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {tp(`errors.${error}`)}
        </p>
      )}
      {acceptedNotice && (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="quote-accepted">
          <p>{t("quote.accepted", { number: acceptedQuote })}</p>
          {Number.isSafeInteger(replacedCount) && replacedCount > 0 && <p>{t("quote.replaced", { count: replacedCount })}</p>}
        </div>
      )}
      {readOnly && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="cart-read-only">
          {tp("readOnly")}
        </p>
      )}
      {unmatched.length > 0 && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {tp("unmatchedItems", { skus: unmatched.join(", ") })}
        </p>
      )}
      {cart.lines.length === 0 ? (
        <p>
          {t("empty")}{" "}
          <Link href="/catalog" className="text-brand-700 underline">
            {t("continueShopping")}
          </Link>
        </p>
      ) : (
        <>
          {/*
            Never wider than the page: it would scroll in its own box ("relative" keeps the absolutely
            positioned screen-reader texts inside it too). On a phone each line is a block of its own:
            the product across the width, under it the quantity and the line total; the unit price goes
            with the product's number.
          */}
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="cart-table">
            <table className="block w-full text-sm sm:table">
              <thead className="hidden bg-slate-100 text-left sm:table-header-group">
                <tr>
                  <th className="p-3">{t("item")}</th>
                  <th className="p-3">{t("quantity")}</th>
                  <th className="hidden p-3 text-right sm:table-cell">{t("unitPrice")}</th>
                  <th className="p-3 text-right">{t("lineTotal")}</th>
                </tr>
              </thead>
              <tbody className="block sm:table-row-group">
                {cart.lines.map((line) => (
                  <tr
                    key={line.lineId}
                    className="grid grid-cols-[1fr_auto] border-t border-slate-100 align-top max-sm:first:border-t-0 sm:table-row"
                    data-testid="cart-line"
                    data-sku={line.product.sku}
                  >
                    <td className="col-span-2 p-3">
                      <div className="flex gap-3">
                        {/* eslint-disable-next-line @next/next/no-img-element -- the stored WebP thumbnail or the placeholder */}
                        <img src={productCardImagePath(line.product)} alt="" width={48} height={36} loading="lazy" className="h-9 w-12 shrink-0 object-contain" />
                        <div>
                          <Link href={`/products/${encodeURIComponent(line.product.sku)}`} className="font-medium hover:text-brand-700">
                            {line.product.name}
                          </Link>
                          <div className="text-xs text-slate-500">
                            {line.product.sku} · <span className="sm:hidden">{money(line.unitPriceMinor, locale)} </span>
                            {tcat("perUnit", { unit: packPhrase(line.product, locale) })}
                            {line.customerArticleNumber && <span data-testid="own-article-number"> · {tcat("yourNumber", { number: line.customerArticleNumber })}</span>}
                          </div>
                          {line.quote && <CartLineQuote quote={line.quote} unit={line.product.unit} locale={locale} quantityWarnedElsewhere={!readOnly} />}
                          {!line.available && (
                            <UnavailableNotice
                              text={t(line.unavailableReason === "not_in_assortment" ? "notInAssortment" : "unavailable")}
                              successor={replacements.get(line.product.id)}
                              replacedBy={(name, sku) => t("replacedBy", { name, sku })}
                            />
                          )}
                          {line.available && line.exceedsStock && (
                            <div className="text-xs text-amber-700">{t("exceedsStock", { stock: line.product.stock, days: line.product.leadTimeDays })}</div>
                          )}
                          {!line.quantityCheck.ok && (
                            <div role="alert" className="text-xs text-red-700">
                              {t(`lineErrors.${line.quantityCheck.reason}`, {
                                minimum: line.product.minOrderQuantity,
                                multiple: line.product.orderMultiple,
                                suggested: line.quantityCheck.suggestedQuantity,
                              })}
                            </div>
                          )}
                          {!readOnly && (
                            <SaveToList sku={line.product.sku} productName={line.product.name} defaultQuantity={line.quantity} action={addToListAction} loadLists={loadEditableListsAction} compact />
                          )}
                        </div>
                      </div>
                    </td>
                    <td className="p-3 max-sm:pt-0">
                      {readOnly ? (
                        <span data-testid="cart-quantity">{line.quantity}</span>
                      ) : (
                        <CartLineControls
                          lineId={line.lineId}
                          quantity={line.quantity}
                          minOrderQuantity={line.product.minOrderQuantity}
                          orderMultiple={line.product.orderMultiple}
                          productName={line.product.name}
                          quote={quoteLock(line.quote, line.product.unit, locale)}
                          action={changeCartLineAction}
                        />
                      )}
                    </td>
                    <td className="hidden p-3 text-right sm:table-cell">{money(line.unitPriceMinor, locale)}</td>
                    <td className="p-3 text-right font-medium max-sm:pt-0">
                      <span className="block text-xs font-normal text-slate-500 sm:hidden">{t("lineTotal")}</span>
                      {money(line.lineTotalMinor, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CartTotals cart={cart} locale={locale} />
          {/* Unless the alert at the top says it already (a press that was refused). */}
          {refusal && refusal !== error && (
            <p className="text-right text-sm text-red-700" data-testid="transfer-refused">
              {tp(`errors.${refusal}`)}
            </p>
          )}
          <div className="flex justify-end gap-4">
            <Link href="/catalog" className="px-4 py-2 text-sm underline">
              {t("continueShopping")}
            </Link>
            {buyer.punchout ? (
              // The same buttons as the banner's: shown also when lines need fixing, the reason above them.
              <PunchoutButtons operation={buyer.punchout.operation} cart={reading} />
            ) : (
              cart.orderable && (
                <Link href="/checkout" className="rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700">
                  {t("checkout")}
                </Link>
              )
            )}
          </div>
          {!readOnly && (
            // The lines move into the request: the buyer orders them later at the quoted prices. In a
            // punchout session as the connection's technical user nobody reads its mail: the quote waits
            // under My account, in this and later sessions of the connection, to be transferred from there.
            <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="quote-request-title" data-testid="quote-request">
              <h2 id="quote-request-title" className="font-semibold">
                {t("quote.requestTitle")}
              </h2>
              <p className="text-sm text-slate-600">
                {buyer.punchout?.technicalUser ? t("quote.requestIntroPunchout", { system: buyer.punchout.connectionName }) : t("quote.requestIntro")}
              </p>
              <ActionForm
                action={requestQuoteAction}
                submitLabel={t("quote.submit")}
                ariaLabel={t("quote.requestTitle")}
                submitClassName="rounded-md border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
              >
                {/* The shared technical account names nobody: the note must (lib/quotes/buyer-quotes.ts refuses one without). */}
                <label className="block text-sm">
                  <span className="font-medium">{t(buyer.punchout?.technicalUser ? "quote.commentRequired" : "quote.comment")}</span>
                  <textarea
                    name="comment"
                    rows={3}
                    maxLength={2000}
                    required={buyer.punchout?.technicalUser || undefined}
                    aria-describedby="quote-comment-hint"
                    className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2"
                  />
                  <span id="quote-comment-hint" className="text-xs text-slate-500">
                    {t(buyer.punchout?.technicalUser ? "quote.commentHintPunchout" : "quote.commentHint")}
                  </span>
                </label>
              </ActionForm>
            </section>
          )}
        </>
      )}
    </CartAnnouncer>
  );
}

/** A cart line whose product was taken out of the shop: remove it, and what replaces it (if anything). */
function UnavailableNotice({ text, successor, replacedBy }: { text: string; successor?: { sku: string; name: string }; replacedBy: (name: string, sku: string) => string }) {
  return (
    <div role="alert" className="text-xs text-red-700" data-testid="cart-line-unavailable">
      {text}
      {successor && (
        <>
          {" "}
          <Link href={`/products/${encodeURIComponent(successor.sku)}`} className="font-medium underline">
            {replacedBy(successor.name, successor.sku)}
          </Link>
        </>
      )}
    </div>
  );
}
