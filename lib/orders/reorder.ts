import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { addLinesToCart, type AddLineOutcome } from "@/lib/cart/add-lines";
import { listProductsByIds } from "@/lib/data/catalog";
import { listContractCandidates } from "@/lib/data/prices";
import { listActiveSuccessors } from "@/lib/data/product-relations";
import { toSuccessorOffer, type SuccessorOffer } from "@/lib/catalog/product-relations";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import { getOrderForViewer } from "./order-access";
import { productName } from "@/lib/catalog/product-name";

/**
 * "Reorder": puts all or selected lines of an earlier order back into the cart the user shops
 * into now (the punchout session's cart inside a punchout session), at today's prices, and says
 * per line what changed since: price, availability, discontinued.
 */

export interface ReorderLineReport {
  lineNumber: number;
  sku: string;
  name: string;
  quantity: number;
  /** What the line cost then, per unit. */
  previousUnitPriceMinor: number;
  /** Today's unit price for that quantity; null when the product can no longer be ordered. */
  currentUnitPriceMinor: number | null;
  outcome: AddLineOutcome | { status: "discontinued" };
  /** For a product out of the shop: the one that replaces it, if an admin named one (offered instead). */
  successor: SuccessorOffer | null;
}

export interface ReorderReport {
  orderNumber: string;
  currency: string;
  lines: ReorderLineReport[];
  added: number;
  priceChanges: number;
  problems: number;
}

export async function reorder(
  user: Pick<BuyerUser, "id" | "companyId" | "role" | "punchout">,
  input: { orderNumber: string; lineNumbers: number[] | null },
  locale: Locale,
  now: Date,
): Promise<ReorderReport> {
  const detail = await getOrderForViewer(user, input.orderNumber);
  if (!detail) throw new AppError("not_found", "order_not_found");
  const chosen = input.lineNumbers === null ? detail.lines : detail.lines.filter((line) => input.lineNumbers!.includes(line.lineNumber));
  if (chosen.length === 0) throw new AppError("invalid_input", "nothing_selected");

  const productIds = chosen.flatMap((line) => (line.productId === null ? [] : [line.productId]));
  const [products, candidates] = await Promise.all([listProductsByIds(productIds), listContractCandidates(user.companyId, productIds)]);
  const productsById = new Map(products.map((p) => [p.id, p]));
  const orderable = chosen.filter((line) => {
    const product = line.productId === null ? undefined : productsById.get(line.productId);
    return product !== undefined && product.active;
  });
  const result = await addLinesToCart(
    user,
    orderable.map((line) => ({ code: productsById.get(line.productId!)!.sku, quantity: line.quantity, ref: line.lineNumber })),
    locale,
  );
  const outcomes = new Map(result.lines.map((line) => [line.ref, line.outcome]));
  // A read only when a chosen line's product is out of the shop: one for all their successors.
  const successors = await listActiveSuccessors(products.filter((product) => !product.active).map((product) => product.id));

  const lines = chosen.map((line): ReorderLineReport => {
    const product = line.productId === null ? undefined : productsById.get(line.productId);
    const outcome = outcomes.get(line.lineNumber);
    const current =
      product && product.active
        ? resolvePrice({ product, candidates: candidates.get(product.id) ?? [], quantity: line.quantity, now }).unitPriceMinor
        : null;
    return {
      lineNumber: line.lineNumber,
      sku: product?.sku ?? line.sku,
      name: product ? productName(product, locale) : line.name,
      quantity: line.quantity,
      previousUnitPriceMinor: line.unitPriceMinor,
      currentUnitPriceMinor: current,
      outcome: outcome ?? { status: "discontinued" },
      successor: product && !product.active && successors.has(product.id) ? toSuccessorOffer(successors.get(product.id)!, line.quantity, locale) : null,
    };
  });
  return {
    orderNumber: detail.order.orderNumber,
    currency: detail.order.currency,
    lines,
    added: lines.filter((l) => l.outcome.status === "added").length,
    priceChanges: lines.filter((l) => l.currentUnitPriceMinor !== null && l.currentUnitPriceMinor !== l.previousUnitPriceMinor).length,
    problems: lines.filter((l) => l.outcome.status !== "added").length,
  };
}
