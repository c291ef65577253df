import { applyBasisPoints } from "./money";
import { calendarDate, isWithinWindow } from "./calendar-date";

/**
 * THE pricing rule of Koppel. Every feature that shows or charges a price – listing, product page,
 * cart, checkout, punchout transfer, order intake, invoices – asks this function.
 *
 * 1. Contract prices: of the customer's price lists whose window and entry window contain the
 *    calendar day of `now` (Europe/Amsterdam, inclusive) and whose currency is the product's, the
 *    list with the lowest priority number that prices the product decides (ties: lowest price list
 *    id) – whether its entry is cheaper or not. Its entry is a fixed net price or a discount off the
 *    list price; its quantity tiers apply from their minimum quantity on.
 * 2. Otherwise the list price, with the product's own quantity tiers.
 * Prices are net (excl. VAT), integer minor units per unit. `explainPrice` (explain-price.ts)
 * reports per candidate why it did or did not apply, using the same checks.
 */

export interface PricingProduct {
  listPriceMinor: number;
  listPriceTiers: readonly { minQuantity: number; priceMinor: number }[];
  /** When both the product and a price list name a currency, they must match for the list to apply. */
  currency?: string;
}

export interface ContractPriceCandidate {
  priceListId: number;
  priceListCode: string;
  priceListName: string;
  priority: number;
  /** The price list's currency (absent: no currency check). */
  currency?: string;
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
      entryId: number;
      entryKind: "fixed" | "discount";
      discountBasisPoints?: number;
      tierMinQuantity?: number;
      /** The effective window: the later start and the earlier end of the list and its entry. */
      validFrom: string | null;
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
  const contract = pickContract(candidates, calendarDate(now), product.currency);
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
      entryId: contract.entryId,
      entryKind: contract.kind,
      ...(discountBasisPoints === undefined ? {} : { discountBasisPoints }),
      ...(tierMinQuantity === undefined ? {} : { tierMinQuantity }),
      validFrom: maxDate(contract.validFrom, contract.listValidFrom),
      validTo: minDate(contract.validTo, contract.listValidTo),
    },
  };
}

/** Why a contract candidate may or may not compete on `day` (a calendar date, see calendarDate). */
export type CandidateEligibility =
  | "eligible"
  | "currency_mismatch"
  | "list_not_started"
  | "list_ended"
  | "entry_not_started"
  | "entry_ended";

export function candidateEligibility(candidate: ContractPriceCandidate, day: string, currency?: string): CandidateEligibility {
  if (currency !== undefined && candidate.currency !== undefined && candidate.currency !== currency) return "currency_mismatch";
  if (!isWithinWindow(day, candidate.listValidFrom, null)) return "list_not_started";
  if (!isWithinWindow(day, null, candidate.listValidTo)) return "list_ended";
  if (!isWithinWindow(day, candidate.validFrom, null)) return "entry_not_started";
  if (!isWithinWindow(day, null, candidate.validTo)) return "entry_ended";
  return "eligible";
}

/** True when eligible candidate `a` takes precedence over `b`: lower priority number, then lower list id. */
export function outranks(a: ContractPriceCandidate, b: ContractPriceCandidate): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.priceListId < b.priceListId);
}

function pickContract(candidates: readonly ContractPriceCandidate[], day: string, currency: string | undefined): ContractPriceCandidate | null {
  let best: ContractPriceCandidate | null = null;
  for (const c of candidates) {
    if (candidateEligibility(c, day, currency) !== "eligible") continue;
    if (!best || outranks(c, best)) best = c;
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

function maxDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function minDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}
