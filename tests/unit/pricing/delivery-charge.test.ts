import { describe, expect, it } from "vitest";
import { deliveryChargeByRate, deliveryChargeFor, deliveryTermsOf, NO_DELIVERY_CHARGE } from "@/lib/pricing/delivery-charge";

const supplier = { deliveryChargeMinor: 995, freeDeliveryFromMinor: 25_000 };

describe("deliveryTermsOf", () => {
  it.each([
    ["default follows the supplier", { deliveryChargeMode: "default", deliveryChargeMinor: null, freeDeliveryFromMinor: null }, supplier, { chargeMinor: 995, freeFromMinor: 25_000 }],
    ["default without a supplier profile: none", { deliveryChargeMode: "default", deliveryChargeMinor: null, freeDeliveryFromMinor: null }, null, NO_DELIVERY_CHARGE],
    ["free never charges", { deliveryChargeMode: "free", deliveryChargeMinor: null, freeDeliveryFromMinor: null }, supplier, NO_DELIVERY_CHARGE],
    ["custom with a threshold", { deliveryChargeMode: "custom", deliveryChargeMinor: 1500, freeDeliveryFromMinor: 50_000 }, supplier, { chargeMinor: 1500, freeFromMinor: 50_000 }],
    ["custom without a threshold: always", { deliveryChargeMode: "custom", deliveryChargeMinor: 750, freeDeliveryFromMinor: null }, supplier, { chargeMinor: 750, freeFromMinor: null }],
  ] as const)("%s", (_name, company, profile, expected) => {
    expect(deliveryTermsOf(company, profile)).toEqual(expected);
  });
});

describe("deliveryChargeFor", () => {
  const terms = { chargeMinor: 995, freeFromMinor: 25_000 };
  it.each([
    ["empty cart: nothing", 0, terms, { chargeMinor: 0, missingForFreeMinor: null }],
    ["below the threshold: charged, says how much more", 10_000, terms, { chargeMinor: 995, missingForFreeMinor: 15_000 }],
    ["one cent below", 24_999, terms, { chargeMinor: 995, missingForFreeMinor: 1 }],
    ["exactly at the threshold: free", 25_000, terms, { chargeMinor: 0, missingForFreeMinor: null }],
    ["above: free", 90_000, terms, { chargeMinor: 0, missingForFreeMinor: null }],
    ["no threshold: always charged, no hint", 90_000, { chargeMinor: 500, freeFromMinor: null }, { chargeMinor: 500, missingForFreeMinor: null }],
    ["no charge: nothing, no hint", 100, { chargeMinor: 0, freeFromMinor: 25_000 }, { chargeMinor: 0, missingForFreeMinor: null }],
    ["threshold 0: always free", 100, { chargeMinor: 995, freeFromMinor: 0 }, { chargeMinor: 0, missingForFreeMinor: null }],
  ] as const)("%s", (_name, goods, given, expected) => {
    expect(deliveryChargeFor(goods, given)).toEqual(expected);
  });
});

describe("deliveryChargeByRate", () => {
  const line = (netMinor: number, vatRateBasisPoints: number) => ({ netMinor, vatRateBasisPoints });
  it.each([
    ["no charge: no parts", 0, [line(1000, 2100)], []],
    ["no goods: no parts", 995, [], []],
    ["one rate: all of it", 995, [line(1000, 2100), line(500, 2100)], [line(995, 2100)]],
    ["two rates in proportion", 1000, [line(7500, 2100), line(2500, 900)], [line(250, 900), line(750, 2100)]],
    // 995 × 1/3 = 331.67 and × 2/3 = 663.33: the larger remainder takes the cent.
    ["cents to the largest remainder", 995, [line(100, 900), line(200, 2100)], [line(332, 900), line(663, 2100)]],
    // 1 cent over two equal halves: the tie goes to the higher rate.
    ["a tie goes to the higher rate", 1, [line(500, 900), line(500, 2100)], [line(1, 2100)]],
    ["goods worth nothing: the highest rate", 995, [line(0, 900), line(0, 2100)], [line(995, 2100)]],
    ["a zero-rated share", 1000, [line(5000, 0), line(5000, 2100)], [line(500, 0), line(500, 2100)]],
  ] as const)("%s", (_name, charge, goods, expected) => {
    const parts = deliveryChargeByRate(charge, goods);
    expect(parts).toEqual(expected);
    expect(parts.reduce((sum, part) => sum + part.netMinor, 0)).toBe(goods.length === 0 ? 0 : charge);
  });

  it("always adds up to the charge", () => {
    for (let charge = 1; charge < 2000; charge += 37) {
      const parts = deliveryChargeByRate(charge, [line(333, 0), line(777, 900), line(1234, 2100)]);
      expect(parts.reduce((sum, part) => sum + part.netMinor, 0)).toBe(charge);
    }
  });
});
