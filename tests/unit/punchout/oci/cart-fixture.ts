import type { PunchoutCart, PunchoutItem } from "@/lib/punchout/types";

/** The PROTOCOLS.md §1.4 example item, overridable per test. */
export function punchoutItem(overrides: Partial<PunchoutItem> = {}): PunchoutItem {
  return {
    lineReference: "line-1",
    sku: "ART-10001",
    buyerPartNumber: null,
    productKey: "p_8f3a2c",
    description: "Kabelbinder 200x4,8 zwart (100 st)",
    longText: "Kabelbinder PA66, UV-bestendig. Zak a 100 stuks.",
    language: "nl",
    quantity: 10,
    unit: "PK",
    unitPriceMinor: 1234,
    priceBasisQuantity: 1,
    currency: "EUR",
    vatRateBasisPoints: 2100,
    leadTimeDays: 2,
    manufacturerName: "HellermannTyton",
    manufacturerPartNumber: "T50R-PA66W-BK",
    gtin: "8711111222233",
    unspsc: "39131711",
    categoryCode: "KB",
    brand: "HellermannTyton",
    imageUrl: null,
    attributes: { colour: "zwart" },
    quote: null,
    documents: [],
    ...overrides,
  };
}

export function punchoutCart(items: PunchoutItem[]): PunchoutCart {
  return {
    items,
    currency: "EUR",
    totalMinor: items.reduce((sum, i) => sum + Math.round((i.unitPriceMinor * i.quantity) / i.priceBasisQuantity), 0),
  };
}
