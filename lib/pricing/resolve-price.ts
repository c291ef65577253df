import { applyBasisPoints } from "./money";
import { calendarDate, isWithinWindow } from "./calendar-date";

/**
 * THE pricing rule of Koppel. Every feature that shows or charges a price – listing, product page,
 * cart, checkout, punchout transfer, order intake, invoices – asks this function.
 *
 * 1. Contract prices: of the customer's price lists whose window and entry window contain the
 *    calendar day of `now` (Europe/Amsterdam, inclusive), the list with the lowest priority number
 *    that prices the product decides (ties: lowest price list id). Its entry is a fixed net price or
 *    a discount off the list price; its quantity tiers apply from their minimum quantity on.
 * 2. Otherwise the list price, with the product's own quantity tiers.
 * Prices are net (excl. VAT), integer minor units per unit.
 */

export interface PricingProduct {
  listPriceMinor: number;
  listPriceTiers: readonly { minQuantity: number; priceMinor: number }[];
}

export interface ContractPriceCandidate {
  priceListId: number;
  priceListCode: string;
  priceListName: string;
  priority: number;
  listValidFrom: string | null;
  listValidTo: string | null;
  entryId: number;
  kind: "fixed" | "discount";
  priceMinor: number | null;
  discountBasisPoints: number | null;
  tiers: readonly { minQuantity: number; priceMinor?: number; discountBasisPoints?: number }[];
  validFrom: string | null;
  validTo: string | null;
}

export type PriceSource =
  | { kind: "list" }
  | { kind: "list_tier"; tierMinQuantity: number }
  | {
      kind: "contract" | "contract_tier";
      priceListId: number;
      priceListCode: string;
      priceListName: string;
      entryKind: "fixed" | "discount";
      discountBasisPoints?: number;
      tierMinQuantity?: number;
      validTo: string | null;
    };

export interface PriceTierStep {
  minQuantity: number;
  unitPriceMinor: number;
}

export interface ResolvedPrice {
  unitPriceMinor: number;
  /** The undiscounted catalog price per unit (for "you save" and margin displays). */
  listPriceMinor: number;
  source: PriceSource;
  /** The full quantity ladder that applies to this customer, ascending; one step when there are no tiers. */
  tiers: PriceTierStep[];
}

export interface PriceQuery {
  product: PricingProduct;
  candidates: readonly ContractPriceCandidate[];
  quantity: number;
  now: Date;
}

export function resolvePrice({ product, candidates, quantity, now }: PriceQuery): ResolvedPrice {
  const contract = pickContract(candidates, calendarDate(now));
  const tiers = contract ? contractLadder(product, contract) : listLadder(product);
  const step = stepFor(tiers, quantity);
  const listPriceMinor = product.listPriceMinor;

  if (!contract) {
    const source: PriceSource =
      step.minQuantity > 1 ? { kind: "list_tier", tierMinQuantity: step.minQuantity } : { kind: "list" };
    return { unitPriceMinor: step.unitPriceMinor, listPriceMinor, source, tiers };
  }
  const tierMinQuantity = step === tiers[0] ? undefined : step.minQuantity;
  const discountBasisPoints = discountAt(contract, tierMinQuantity);
  return {
    unitPriceMinor: step.unitPriceMinor,
    listPriceMinor,
    tiers,
    source: {
      kind: tierMinQuantity === undefined ? "contract" : "contract_tier",
      priceListId: contract.priceListId,
      priceListCode: contract.priceListCode,
      priceListName: contract.priceListName,
      entryKind: contract.kind,
      ...(discountBasisPoints === undefined ? {} : { discountBasisPoints }),
      ...(tierMinQuantity === undefined ? {} : { tierMinQuantity }),
      validTo: minDate(contract.validTo, contract.listValidTo),
    },
  };
}

function pickContract(candidates: readonly ContractPriceCandidate[], day: string): ContractPriceCandidate | null {
  let best: ContractPriceCandidate | null = null;
  for (const c of candidates) {
    if (!isWithinWindow(day, c.listValidFrom, c.listValidTo) || !isWithinWindow(day, c.validFrom, c.validTo)) continue;
    if (!best || c.priority < best.priority || (c.priority === best.priority && c.priceListId < best.priceListId)) {
      best = c;
    }
  }
  return best;
}

function listLadder(product: PricingProduct): PriceTierStep[] {
  const steps = [{ minQuantity: 1, unitPriceMinor: product.listPriceMinor }];
  for (const tier of [...product.listPriceTiers].sort((a, b) => a.minQuantity - b.minQuantity)) {
    if (tier.minQuantity > 1) steps.push({ minQuantity: tier.minQuantity, unitPriceMinor: tier.priceMinor });
  }
  return steps;
}

function contractLadder(product: PricingProduct, contract: ContractPriceCandidate): PriceTierStep[] {
  const priceFor = (fixed: number | null | undefined, discount: number | null | undefined): number | null => {
    if (contract.kind === "fixed") return fixed ?? null;
    if (discount === null || discount === undefined) return null;
    return product.listPriceMinor - applyBasisPoints(product.listPriceMinor, discount);
  };
  const base = priceFor(contract.priceMinor, contract.discountBasisPoints) ?? product.listPriceMinor;
  const steps = [{ minQuantity: 1, unitPriceMinor: base }];
  for (const tier of [...contract.tiers].sort((a, b) => a.minQuantity - b.minQuantity)) {
    const price = priceFor(tier.priceMinor, tier.discountBasisPoints);
    if (tier.minQuantity > 1 && price !== null) steps.push({ minQuantity: tier.minQuantity, unitPriceMinor: price });
  }
  return steps;
}

function stepFor(steps: PriceTierStep[], quantity: number): PriceTierStep {
  let chosen = steps[0]!;
  for (const step of steps) if (quantity >= step.minQuantity) chosen = step;
  return chosen;
}

function discountAt(contract: ContractPriceCandidate, tierMinQuantity: number | undefined): number | undefined {
  if (contract.kind !== "discount") return undefined;
  if (tierMinQuantity === undefined) return contract.discountBasisPoints ?? undefined;
  return contract.tiers.find((t) => t.minQuantity === tierMinQuantity)?.discountBasisPoints;
}

function minDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
