import "server-only";
import { addCartQuantities, findProductsByCodes, findProductsBySkuKeys, getCartQuantities } from "@/lib/data/cart-bulk";
import { listProductsByIds, type ProductRow } from "@/lib/data/catalog";
import { productIdsByArticleNumbers } from "@/lib/data/customer-article-numbers";
import { listActiveSuccessors } from "@/lib/data/product-relations";
import { toSuccessorOffer, type SuccessorOffer } from "@/lib/catalog/product-relations";
import { pickBySkuKey, skuKeyOf } from "@/lib/catalog/sku-key";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { resolveCartId, type CartOwner } from "./cart-service";
import { stockWarningOf } from "./line-report-fixes";
import { checkQuantity } from "./quantity-rules";
import { productsOutsideAssortment } from "@/lib/catalog/priced-product";
import type { QuantityProblem } from "@/lib/quick-order/parse-lines";
import { productName } from "@/lib/catalog/product-name";

/**
 * Adds many lines to the cart the owner shops into right now – the shop cart, or during a
 * punchout session the session's cart (via resolveCartId, exactly like addToCart) – and reports
 * every line: nothing is dropped or corrected silently. Used by quick order, favorites lists and
 * reorder. Lines are checked against the product's quantity rules on the quantity the cart line
 * would end up with; all accepted lines are written at once.
 */

export interface AddLineRequest {
  /**
   * SKU (case-insensitive), GTIN, or the customer's own article number (case-insensitive); failing
   * those, the SKU without its punctuation ("kp001150", "KP 001150" for KP-001150) when that names one
   * product.
   */
  code: string;
  quantity: number;
  /** Where the line came from (e.g. the line number in a pasted list), echoed in the report. */
  ref?: number;
  /**
   * The quantity as typed could not be read (quick order): the line is looked up so the report can name
   * the product (or why it cannot be ordered at all), then refused with this reason – never added.
   * `quantity` then only sizes a successor's offer.
   */
  quantityProblem?: QuantityProblem;
}

export type AddLineOutcome =
  | { status: "added"; quantity: number; lineQuantity: number; stockWarning: "out_of_stock" | "partly_in_stock" | null; stock: number; leadTimeDays: number }
  | { status: "unknown_sku" }
  /** Read without case and punctuation the code is the SKU of several products: which one is meant? */
  | { status: "ambiguous_sku"; candidates: string[] }
  | { status: "unavailable" }
  /** The customer's assortment is its contract, and no price list of it prices the product today. */
  | { status: "not_in_assortment" }
  | { status: "invalid_quantity"; reason?: QuantityProblem; max?: number }
  /** `stock` and `leadTimeDays`: what the report needs to show the line as added once the buyer takes the suggestion. */
  | { status: "quantity_rule"; reason: "below_minimum" | "not_multiple" | "not_positive"; minimum: number; multiple: number; suggested: number; inCart: number; stock: number; leadTimeDays: number };

export interface AddLineReport {
  ref: number;
  code: string;
  requested: number;
  sku: string | null;
  name: string | null;
  unit: string | null;
  outcome: AddLineOutcome;
  /** For a product no longer available: the one in the shop that replaces it, if an admin named one. */
  successor?: SuccessorOffer | null;
}

export interface AddLinesResult {
  lines: AddLineReport[];
  added: number;
  problems: number;
}

export const MAX_LINES_PER_ADD = 1000;
const MAX_QUANTITY = 100_000;

export async function addLinesToCart(owner: CartOwner, requests: AddLineRequest[], locale: Locale): Promise<AddLinesResult> {
  if (owner.punchout?.operation === "inspect") throw new AppError("forbidden", "punchout_cart_read_only");
  if (requests.length > MAX_LINES_PER_ADD) throw new AppError("invalid_input", "too_many_lines", { count: requests.length, max: MAX_LINES_PER_ADD });
  const codes = requests.map((r) => r.code);
  const [cartId, found, owned] = await Promise.all([
    resolveCartId(owner),
    findProductsByCodes(codes),
    owner.companyKeepsArticleNumbers === false ? new Map<string, number>() : productIdsByArticleNumbers(owner.companyId, codes),
  ]);
  const bySku = new Map(found.map((p) => [p.sku.toUpperCase(), p]));
  const byGtin = new Map(found.filter((p) => p.gtin).map((p) => [p.gtin!, p]));
  const byId = new Map(found.map((p) => [p.id, p]));
  const missing = [...owned.values()].filter((id) => !byId.has(id));
  // Our SKU first (unique across customers), then the GTIN, then the customer's own article number.
  const direct = (code: string): number | undefined => bySku.get(code.toUpperCase())?.id ?? byGtin.get(code)?.id ?? owned.get(code.toLowerCase());
  // Codes none of those know: the SKU typed without its punctuation or in another case (one more read, only for them).
  const unresolved = [...new Set(requests.map((r) => r.code.trim()).filter((code) => direct(code) === undefined).map(skuKeyOf))];
  const [byKey, ownedProducts] = await Promise.all([
    unresolved.length > 0 ? findProductsBySkuKeys(unresolved) : new Map<string, ProductRow[]>(),
    listProductsByIds(missing),
  ]);
  for (const product of [...ownedProducts, ...[...byKey.values()].flat()]) byId.set(product.id, product);
  const [running, outside] = await Promise.all([
    getCartQuantities(cartId),
    productsOutsideAssortment({ companyId: owner.companyId, assortment: owner.companyAssortment }, [...byId.values()], new Date()),
  ]);
  const writes: { productId: number; quantity: number }[] = [];
  const discontinued = new Map<number, number>();

  const lines = requests.map((request, index): AddLineReport => {
    const code = request.code.trim();
    const directId = direct(code);
    const byKeyPick = directId === undefined ? pickBySkuKey(byKey.get(skuKeyOf(code)) ?? []) : null;
    if (byKeyPick && "ambiguous" in byKeyPick) {
      return { ref: request.ref ?? index + 1, code, requested: request.quantity, sku: null, name: null, unit: null, outcome: { status: "ambiguous_sku", candidates: byKeyPick.ambiguous } };
    }
    const product: ProductRow | undefined = directId !== undefined ? byId.get(directId) : byKeyPick?.product;
    const base = {
      ref: request.ref ?? index + 1,
      code,
      requested: request.quantity,
      sku: product?.sku ?? null,
      name: product ? productName(product, locale) : null,
      unit: product?.unit ?? null,
    };
    if (!product) return { ...base, outcome: { status: "unknown_sku" } };
    if (!product.active) {
      discontinued.set(index, product.id);
      return { ...base, outcome: { status: "unavailable" } };
    }
    if (outside.has(product.id)) return { ...base, outcome: { status: "not_in_assortment" } };
    if (request.quantityProblem) return { ...base, outcome: { status: "invalid_quantity", reason: request.quantityProblem } };
    if (!Number.isInteger(request.quantity)) return { ...base, outcome: { status: "invalid_quantity", reason: "not_whole" } };
    if (request.quantity < 1) return { ...base, outcome: { status: "invalid_quantity", reason: "not_positive" } };
    if (request.quantity > MAX_QUANTITY) return { ...base, outcome: { status: "invalid_quantity", reason: "too_large", max: MAX_QUANTITY } };
    const inCart = running.get(product.id) ?? 0;
    const lineQuantity = inCart + request.quantity;
    const check = checkQuantity(lineQuantity, product);
    if (!check.ok) {
      return {
        ...base,
        outcome: {
          status: "quantity_rule",
          reason: check.reason,
          minimum: product.minOrderQuantity,
          multiple: product.orderMultiple,
          // What to add (not the line total), given what is already in the cart – as addToCart offers it.
          suggested: Math.max(check.suggestedQuantity - inCart, product.orderMultiple),
          inCart,
          stock: Math.max(product.stock, 0),
          leadTimeDays: product.leadTimeDays,
        },
      };
    }
    running.set(product.id, lineQuantity);
    writes.push({ productId: product.id, quantity: request.quantity });
    const stockWarning = stockWarningOf(product.stock, lineQuantity);
    return {
      ...base,
      outcome: { status: "added", quantity: request.quantity, lineQuantity, stockWarning, stock: Math.max(product.stock, 0), leadTimeDays: product.leadTimeDays },
    };
  });

  // Only when a line names a discontinued product: one read for the successors of all of them.
  if (discontinued.size > 0) {
    const successors = await listActiveSuccessors([...discontinued.values()]);
    for (const [index, productId] of discontinued) {
      const successor = successors.get(productId);
      const line = lines[index]!;
      if (successor) line.successor = toSuccessorOffer(successor, line.requested, locale);
    }
  }
  await addCartQuantities(cartId, writes);
  const added = lines.filter((l) => l.outcome.status === "added").length;
  return { lines, added, problems: lines.length - added };
}
