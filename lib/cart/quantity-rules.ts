export interface QuantityRules {
  minOrderQuantity: number;
  orderMultiple: number;
}

export type QuantityCheck =
  | { ok: true }
  | { ok: false; reason: "not_positive" | "below_minimum" | "not_multiple"; suggestedQuantity: number };

/**
 * Whether `quantity` may be ordered: at least the minimum and a whole multiple of the order
 * multiple. Never adjusts silently – a failed check carries the nearest valid quantity to offer.
 */
export function checkQuantity(quantity: number, rules: QuantityRules): QuantityCheck {
  const smallest = smallestValidQuantity(rules);
  if (!Number.isInteger(quantity) || quantity <= 0) return { ok: false, reason: "not_positive", suggestedQuantity: smallest };
  if (quantity < rules.minOrderQuantity) return { ok: false, reason: "below_minimum", suggestedQuantity: smallest };
  if (quantity % rules.orderMultiple !== 0) {
    // A tie goes up: the buyer asked for more than the lower one.
    const { below, above } = nearestValidQuantities(quantity, rules);
    const suggested = below !== null && quantity - below < above - quantity ? below : above;
    return { ok: false, reason: "not_multiple", suggestedQuantity: suggested };
  }
  return { ok: true };
}

/**
 * The smallest quantity that satisfies both the minimum and the multiple: the minimum rounded up to
 * the multiple (minimum 10 in multiples of 6 → 12). What quantity fields start at and step from.
 */
export function smallestValidQuantity({ minOrderQuantity, orderMultiple }: QuantityRules): number {
  return Math.ceil(minOrderQuantity / orderMultiple) * orderMultiple;
}

/**
 * The valid quantities either side of `quantity`: the largest at or below it (null when it lies below
 * the smallest valid quantity) and the smallest at or above it. Both are `quantity` when it is valid.
 */
export function nearestValidQuantities(quantity: number, rules: QuantityRules): { below: number | null; above: number } {
  const smallest = smallestValidQuantity(rules);
  if (quantity <= smallest) return { below: quantity === smallest ? smallest : null, above: smallest };
  // Above the smallest valid quantity (itself a multiple) every multiple is valid.
  const down = Math.floor(quantity / rules.orderMultiple) * rules.orderMultiple;
  return { below: down, above: down === quantity ? down : down + rules.orderMultiple };
}

/**
 * The valid quantities to offer for a refused one (a cart line's "Zet op 30" / "Zet op 40"): the
 * nearest below and above it, or only the one above when none lies below (under the minimum).
 */
export function validQuantitiesAround(quantity: number, rules: QuantityRules): number[] {
  const { below, above } = nearestValidQuantities(quantity, rules);
  return below === null || below === above ? [above] : [below, above];
}

/**
 * Which ordering rules a product's quantity hint names: only the minimum (sold per piece), only the
 * multiple (its minimum is one multiple), or both — "Minimum 2, in multiples of 1" says nothing new.
 */
export function quantityRuleShape({ minOrderQuantity, orderMultiple }: QuantityRules): "min" | "multiple" | "both" {
  if (orderMultiple <= 1) return "min";
  return minOrderQuantity <= orderMultiple ? "multiple" : "both";
}

/**
 * The values of a quantity hint ("Per 2", "Minimaal 12", "Minimaal 12, per 6": the messages
 * cart.quantityHelp and catalog.minOrder), or null for a product without rules. The minimum it names
 * is the smallest valid quantity: "Minimaal 10, per 6" would invite an order of 10 that is refused.
 */
export function quantityRuleHint(rules: QuantityRules): { shape: "min" | "multiple" | "both"; min: number; multiple: number } | null {
  const min = smallestValidQuantity(rules);
  if (min <= 1 && rules.orderMultiple <= 1) return null;
  return { shape: quantityRuleShape({ minOrderQuantity: min, orderMultiple: rules.orderMultiple }), min, multiple: rules.orderMultiple };
}

/**
 * A price ladder (ascending by minQuantity) as the buyer can order it: each step starts at the first
 * valid quantity it applies to, so the first reads "from 12" for a minimum of 12 instead of "from 1".
 * Steps that no valid quantity reaches before the next step starts are left out (at that quantity the
 * later step's price applies).
 */
export function orderableTiers<T extends { minQuantity: number }>(tiers: readonly T[], rules: QuantityRules): T[] {
  const out: T[] = [];
  for (const tier of tiers) {
    const step = { ...tier, minQuantity: nearestValidQuantities(tier.minQuantity, rules).above };
    if (out.length > 0 && out[out.length - 1]!.minQuantity === step.minQuantity) out[out.length - 1] = step;
    else out.push(step);
  }
  return out;
}
