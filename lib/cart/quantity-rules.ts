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
    const down = Math.floor(quantity / rules.orderMultiple) * rules.orderMultiple;
    const up = down + rules.orderMultiple;
    const suggested = down >= smallest && quantity - down < up - quantity ? down : up;
    return { ok: false, reason: "not_multiple", suggestedQuantity: suggested };
  }
  return { ok: true };
}

/** The smallest quantity that satisfies both the minimum and the multiple. */
export function smallestValidQuantity({ minOrderQuantity, orderMultiple }: QuantityRules): number {
  return Math.ceil(minOrderQuantity / orderMultiple) * orderMultiple;
}

/**
 * Which ordering rules a product's quantity hint names: only the minimum (sold per piece), only the
 * multiple (its minimum is one multiple), or both — "Minimum 2, in multiples of 1" says nothing new.
 */
export function quantityRuleShape({ minOrderQuantity, orderMultiple }: QuantityRules): "min" | "multiple" | "both" {
  if (orderMultiple <= 1) return "min";
  return minOrderQuantity <= orderMultiple ? "multiple" : "both";
}
