import type { TaxableLine } from "./vat";

/** A customer's delivery terms on web orders, excl. VAT in minor units. */
export interface DeliveryTerms {
  /** Charged on an order whose goods stay below `freeFromMinor`; 0: never charged. */
  chargeMinor: number;
  /** Goods (excl. VAT) from which delivery is free; null: charged whatever the amount. */
  freeFromMinor: number | null;
}

export type DeliveryChargeMode = "default" | "free" | "custom";

/** No delivery charge at all: punchout carts (the procurement system's contract arranges delivery). */
export const NO_DELIVERY_CHARGE: DeliveryTerms = { chargeMinor: 0, freeFromMinor: null };

/**
 * The terms that apply to a customer: its own (`custom`), none (`free`), or the supplier profile's
 * (`default`; no profile yet: none).
 */
export function deliveryTermsOf(
  company: { deliveryChargeMode: DeliveryChargeMode; deliveryChargeMinor: number | null; freeDeliveryFromMinor: number | null },
  supplier: { deliveryChargeMinor: number; freeDeliveryFromMinor: number | null } | null,
): DeliveryTerms {
  if (company.deliveryChargeMode === "free") return NO_DELIVERY_CHARGE;
  if (company.deliveryChargeMode === "custom") {
    return { chargeMinor: company.deliveryChargeMinor ?? 0, freeFromMinor: company.freeDeliveryFromMinor };
  }
  return supplier ? { chargeMinor: supplier.deliveryChargeMinor, freeFromMinor: supplier.freeDeliveryFromMinor } : NO_DELIVERY_CHARGE;
}

export interface DeliveryCharge {
  chargeMinor: number;
  /** How much more in goods makes delivery free; null when it is free already or never becomes free. */
  missingForFreeMinor: number | null;
}

/** The delivery charge on `goodsMinor` (excl. VAT). An empty cart (0) is charged nothing. */
export function deliveryChargeFor(goodsMinor: number, terms: DeliveryTerms): DeliveryCharge {
  if (terms.chargeMinor <= 0 || goodsMinor <= 0) return { chargeMinor: 0, missingForFreeMinor: null };
  if (terms.freeFromMinor === null) return { chargeMinor: terms.chargeMinor, missingForFreeMinor: null };
  if (goodsMinor >= terms.freeFromMinor) return { chargeMinor: 0, missingForFreeMinor: null };
  return { chargeMinor: terms.chargeMinor, missingForFreeMinor: terms.freeFromMinor - goodsMinor };
}

/**
 * The charge as taxable amounts per VAT rate. A delivery charge is ancillary to the goods and
 * shares their VAT treatment; with goods at several rates it is split in proportion to the goods'
 * amounts per rate (the Belastingdienst's accepted method; EN 16931 then carries one document-level
 * charge per rate, BR-S-08). Cents go to the rates with the largest remainders, so the parts add up
 * exactly. Goods worth nothing put the whole charge at their highest rate.
 */
export function deliveryChargeByRate(chargeMinor: number, goods: readonly TaxableLine[]): TaxableLine[] {
  if (chargeMinor <= 0 || goods.length === 0) return [];
  const byRate = new Map<number, number>();
  for (const line of goods) byRate.set(line.vatRateBasisPoints, (byRate.get(line.vatRateBasisPoints) ?? 0) + line.netMinor);
  const rates = [...byRate.keys()].sort((a, b) => a - b);
  const totalMinor = rates.reduce((sum, rate) => sum + Math.max(0, byRate.get(rate)!), 0);
  if (totalMinor <= 0) return [{ netMinor: chargeMinor, vatRateBasisPoints: rates.at(-1)! }];
  const shares = rates.map((rate) => {
    const exact = (chargeMinor * Math.max(0, byRate.get(rate)!)) / totalMinor;
    return { rate, minor: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = chargeMinor - shares.reduce((sum, share) => sum + share.minor, 0);
  // Largest remainder first; ties to the higher rate (the VAT due never comes out lower by rounding).
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || b.rate - a.rate)) {
    if (left === 0) break;
    share.minor += 1;
    left -= 1;
  }
  return shares.filter((share) => share.minor > 0).map((share) => ({ netMinor: share.minor, vatRateBasisPoints: share.rate }));
}
