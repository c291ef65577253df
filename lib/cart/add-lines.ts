import "server-only";
import { addCartQuantities, findProductsByCodes, getCartQuantities } from "@/lib/data/cart-bulk";
import { listProductsByIds, type ProductRow } from "@/lib/data/catalog";
import { productIdsByArticleNumbers } from "@/lib/data/customer-article-numbers";
import { listActiveSuccessors } from "@/lib/data/product-relations";
import { toSuccessorOffer, type SuccessorOffer } from "@/lib/catalog/product-relations";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { resolveCartId, type CartOwner } from "./cart-service";
import { checkQuantity } from "./quantity-rules";
import { productsOutsideAssortment } from "@/lib/catalog/priced-product";

/**
 * Adds many lines to the cart the owner shops into right now – the shop cart, or during a
 * punchout session the session's cart (via resolveCartId, exactly like addToCart) – and reports
 * every line: nothing is dropped or corrected silently. Used by quick order, favorites lists and
 * reorder. Lines are checked against the product's quantity rules on the quantity the cart line
 * would end up with; all accepted lines are written at once.
 */

export interface AddLineRequest {
  /** SKU (case-insensitive), GTIN, or the customer's own article number (case-insensitive). */
  code: string;
  quantity: number;
  /** Where the line came from (e.g. the line number in a pasted list), echoed in the report. */
  ref?: number;
}

export type AddLineOutcome =
  | { status: "added"; quantity: number; lineQuantity: number; stockWarning: "out_of_stock" | "partly_in_stock" | null; stock: number; leadTimeDays: number }
  | { status: "unknown_sku" }
  | { status: "unavailable" }
  /** The customer's assortment is its contract, and no price list of it prices the product today. */
  | { status: "not_in_assortment" }
  | { status: "invalid_quantity" }
  | { status: "quantity_rule"; reason: "below_minimum" | "not_multiple" | "not_positive"; minimum: number; multiple: number; suggested: number; inCart: number };

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
  for (const product of await listProductsByIds(missing)) byId.set(product.id, product);
  const [running, outside] = await Promise.all([
    getCartQuantities(cartId),
    productsOutsideAssortment({ companyId: owner.companyId, assortment: owner.companyAssortment }, [...byId.values()], new Date()),
  ]);
  const writes: { productId: number; quantity: number }[] = [];
  const discontinued = new Map<number, number>();

  const lines = requests.map((request, index): AddLineReport => {
    const code = request.code.trim();
    // Our SKU first (unique across customers), then the GTIN, then the customer's own article number.
    const ownedId = owned.get(code.toLowerCase());
    const product: ProductRow | undefined = bySku.get(code.toUpperCase()) ?? byGtin.get(code) ?? (ownedId === undefined ? undefined : byId.get(ownedId));
    const base = {
      ref: request.ref ?? index + 1,
      code,
      requested: request.quantity,
      sku: product?.sku ?? null,
      name: product ? (locale === "en" ? product.nameEn : product.nameNl) : null,
      unit: product?.unit ?? null,
    };
    if (!product) return { ...base, outcome: { status: "unknown_sku" } };
    if (!product.active) {
      discontinued.set(index, product.id);
      return { ...base, outcome: { status: "unavailable" } };
    }
    if (outside.has(product.id)) return { ...base, outcome: { status: "not_in_assortment" } };
    if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > MAX_QUANTITY) {
      return { ...base, outcome: { status: "invalid_quantity" } };
    }
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
        },
      };
    }
    running.set(product.id, lineQuantity);
    writes.push({ productId: product.id, quantity: request.quantity });
    const stockWarning = product.stock <= 0 ? "out_of_stock" : lineQuantity > product.stock ? "partly_in_stock" : null;
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
