import { describe, expect, it } from "vitest";
import { buildQuantityCheckResponse } from "@/lib/punchout/oci/quantity-check";

describe("buildQuantityCheckResponse", () => {
  it.each<[string, number, number, { AVAILABLE_QUANTITY: number; LEADTIME: string }]>([
    ["in stock (OCI 5.0 §6.7.2 example)", 10, 7, { AVAILABLE_QUANTITY: 10, LEADTIME: "7" }],
    ["nothing in stock", 0, 14, { AVAILABLE_QUANTITY: 0, LEADTIME: "14" }],
    ["negative stock reports 0", -3, 2, { AVAILABLE_QUANTITY: 0, LEADTIME: "2" }],
    ["fractional stock without float noise", 2.3, 1, { AVAILABLE_QUANTITY: 2.3, LEADTIME: "1" }],
    ["more than 3 decimals rounds down", 1.23456, 1, { AVAILABLE_QUANTITY: 1.234, LEADTIME: "1" }],
    ["part days count as a whole day", 5, 1.5, { AVAILABLE_QUANTITY: 5, LEADTIME: "2" }],
  ])("%s", (_label, availableQuantity, leadTimeDays, expected) => {
    const response = buildQuantityCheckResponse({ availableQuantity, leadTimeDays });
    expect(response).toEqual(expected);
    expect(JSON.parse(JSON.stringify(response))).toEqual(expected);
  });

  it.each([NaN, Infinity])("refuses %s", (value) => {
    expect(() => buildQuantityCheckResponse({ availableQuantity: value, leadTimeDays: 1 })).toThrow(RangeError);
  });
});
