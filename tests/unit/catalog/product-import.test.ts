import { describe, expect, it } from "vitest";
import {
  changedTierNotBelowListPrice,
  checkProductRow,
  isSelectableUnit,
  isValidGtin,
  listPriceChanged,
  listPriceWarning,
  productRowOf,
  productRowSchema,
  tierNotBelowListPrice,
  type ProductMasterData,
} from "@/lib/catalog/product-import";

const categories = new Map([
  ["PAP", 1],
  ["SMR", 2],
]);
const current: ProductMasterData = {
  categoryId: 1,
  nameNl: "Kopieerpapier A4",
  nameEn: "Copy paper A4",
  descriptionNl: "500 vel",
  descriptionEn: "500 sheets",
  brand: "Navigator",
  manufacturer: "Navigator",
  manufacturerPartNumber: "NAV-A4",
  gtin: "5602024006010",
  unspsc: "14111507",
  unit: "PK",
  packSize: 500,
  contentUnit: null,
  minOrderQuantity: 1,
  orderMultiple: 1,
  leadTimeDays: 1,
  listPriceMinor: 450,
  listPriceTiers: [{ minQuantity: 10, priceMinor: 420 }],
  vatRateBasisPoints: 2100,
  attributes: { formaat: "A4" },
  active: true,
};
const row = (value: Record<string, unknown>) => productRowSchema.parse(value);

describe("GTIN check digit", () => {
  it.each([
    ["5602024006010", true],
    ["5602024006011", false],
    ["96385074", true], // GTIN-8
    ["036000291452", true], // GTIN-12 (UPC-A)
    ["10012345678902", true], // GTIN-14
    ["123", false],
    ["56020240060100", false],
    ["560202400601A", false],
  ])("%s → %s", (gtin, valid) => {
    expect(isValidGtin(gtin)).toBe(valid);
  });
});

describe("product rows", () => {
  it("a new product needs category, Dutch name, list price and VAT rate; the rest has defaults", () => {
    expect(checkProductRow(row({ sku: "NEW-1", category: "SMR", nameNl: "Kettingolie", listPrice: "12,95", vatRate: 21 }), null, categories)).toEqual({
      ok: true,
      kind: "create",
      values: {
        categoryId: 2,
        nameNl: "Kettingolie",
        // Left out: stored empty (the shop shows the Dutch name), not a copy.
        nameEn: "",
        descriptionNl: "",
        descriptionEn: "",
        brand: "",
        manufacturer: "",
        manufacturerPartNumber: "",
        gtin: null,
        unspsc: null,
        unit: "EA",
        packSize: 1,
        contentUnit: null,
        minOrderQuantity: 1,
        orderMultiple: 1,
        leadTimeDays: 1,
        listPriceMinor: 1295,
        listPriceTiers: [],
        vatRateBasisPoints: 2100,
        attributes: {},
        active: true,
      },
    });
    expect(checkProductRow(row({ sku: "NEW-2" }), null, categories)).toEqual({
      ok: false,
      problems: [
        { field: "category", problem: "missing_category" },
        { field: "nameNl", problem: "missing_name" },
        { field: "listPrice", problem: "missing_list_price" },
        { field: "vatRate", problem: "missing_vat_rate" },
      ],
    });
  });

  it.each<[string, Record<string, unknown>, { field: string; problem: string }]>([
    ["unknown category", { category: "NOPE" }, { field: "category", problem: "unknown_category" }],
    ["price with three decimals", { listPrice: "4.255" }, { field: "listPrice", problem: "list_price_invalid" }],
    ["negative price", { listPrice: -1 }, { field: "listPrice", problem: "list_price_invalid" }],
    ["tier price not a number", { listPriceTiers: [{ minQuantity: 5, price: "abc" }] }, { field: "listPriceTiers", problem: "tier_price_invalid" }],
    [
      "tiers out of order",
      { listPriceTiers: [{ minQuantity: 10, price: "4" }, { minQuantity: 5, price: "4.1" }] },
      { field: "listPriceTiers", problem: "tiers_not_ascending" },
    ],
    ["GTIN check digit", { gtin: "5602024006011" }, { field: "gtin", problem: "gtin_invalid" }],
    ["UNSPSC not 8 digits", { unspsc: "1411150" }, { field: "unspsc", problem: "unspsc_invalid" }],
    ["minimum not a multiple of the step", { minOrderQuantity: 5, orderMultiple: 2 }, { field: "orderMultiple", problem: "order_multiple_conflict" }],
  ])("refuses %s", (_name, change, problem) => {
    expect(checkProductRow(row({ sku: "KP-1", ...change }), current, categories)).toEqual({ ok: false, problems: [problem] });
  });

  it("an existing product changes only the fields given, and reports when nothing changes", () => {
    expect(checkProductRow(row({ sku: "KP-1", active: false }), current, categories)).toEqual({ ok: true, kind: "update", values: { ...current, active: false } });
    expect(checkProductRow(row({ sku: "KP-1", listPrice: 4.5, nameNl: "Kopieerpapier A4", attributes: { formaat: "A4" } }), current, categories)).toMatchObject({ kind: "unchanged" });
    expect(checkProductRow(row({ sku: "KP-1", listPriceTiers: [{ minQuantity: 10, price: "4,20" }] }), current, categories)).toMatchObject({ kind: "unchanged" });
    expect(checkProductRow(row({ sku: "KP-1", listPriceTiers: [] }), current, categories)).toMatchObject({ kind: "update", values: { listPriceTiers: [] } });
    expect(checkProductRow(row({ sku: "KP-1", gtin: null, category: "SMR", vatRate: 9 }), current, categories)).toMatchObject({
      kind: "update",
      values: { gtin: null, categoryId: 2, vatRateBasisPoints: 900, nameEn: "Copy paper A4" },
    });
  });

  it.each([
    ["a SKU with a space", { sku: "KP 1" }],
    ["a SKU longer than OCI's 40 characters", { sku: "K".repeat(41) }],
    ["a VAT rate that is not 21, 9 or 0", { sku: "KP-1", vatRate: 6 }],
    ["a unit that is not a Rec 20 code", { sku: "KP-1", unit: "stuks" }],
  ])("the schema refuses %s", (_name, value) => {
    expect(productRowSchema.safeParse(value).success).toBe(false);
  });

  describe("content unit", () => {
    it.each<[string, Record<string, unknown>, string | null]>([
      ["a sheet, in any case and with spaces", { contentUnit: " xst " }, "XST"],
      ["a piece", { contentUnit: "C62" }, "C62"],
      ["a liter for a pack of 6 sold per carton", { unit: "CT", packSize: 6, contentUnit: "LTR" }, "LTR"],
      // The same unit for a pack of 1 says nothing (the shop shows nothing for it) but is no contradiction.
      ["the order unit itself for a pack of 1", { packSize: 1, contentUnit: "PK" }, "PK"],
      ["null clears it", { contentUnit: null }, null],
      ["empty clears it", { contentUnit: "" }, null],
    ])("takes %s", (_name, change, stored) => {
      const result = checkProductRow(row({ sku: "KP-1", ...change }), current, categories);
      expect(result).toMatchObject({ ok: true, values: { contentUnit: stored } });
    });

    it("keeps the stored one when the row leaves it out, also when the pack size changes", () => {
      const withSheets = { ...current, contentUnit: "XST" };
      expect(checkProductRow(row({ sku: "KP-1", packSize: 250 }), withSheets, categories)).toMatchObject({ ok: true, kind: "update", values: { packSize: 250, contentUnit: "XST" } });
      expect(checkProductRow(row({ sku: "KP-1", contentUnit: "xst" }), withSheets, categories)).toMatchObject({ ok: true, kind: "unchanged" });
    });

    it.each<[string, Record<string, unknown>, ProductMasterData, string]>([
      ["a code the shop does not name", { contentUnit: "SHT" }, current, "unknown_content_unit"],
      ["a word instead of a code", { contentUnit: "sheets" }, current, "unknown_content_unit"],
      ["a pack of 500 packs", { contentUnit: "PK" }, current, "content_unit_same_as_unit"],
      // EA and C62 are both a piece, XPK is the pack's Rec 21 spelling.
      ["pieces in a piece sold 12 at a time", { unit: "EA", packSize: 12, contentUnit: "C62" }, current, "content_unit_same_as_unit"],
      ["a stored content unit that a larger pack size makes the order unit's own", { packSize: 10 }, { ...current, packSize: 1, contentUnit: "PK" }, "content_unit_same_as_unit"],
    ])("refuses %s", (_name, change, stored, problem) => {
      expect(checkProductRow(row({ sku: "KP-1", ...change }), stored, categories)).toEqual({ ok: false, problems: [{ field: "contentUnit", problem }] });
    });

    it("a new product without one has none", () => {
      const created = checkProductRow(row({ sku: "NEW-3", category: "PAP", nameNl: "Papier", listPrice: "4,90", vatRate: 21, unit: "PK", packSize: 250 }), null, categories);
      expect(created).toMatchObject({ ok: true, kind: "create", values: { packSize: 250, contentUnit: null } });
    });

    it("goes back out in the row the API gives and the form starts from", () => {
      expect(productRowOf({ ...current, contentUnit: "XST", sku: "KP-1", categoryCode: "PAP" }).contentUnit).toBe("XST");
      expect(productRowOf({ ...current, sku: "KP-1", categoryCode: "PAP" }).contentUnit).toBeNull();
    });
  });

  it("an English name sent empty is stored empty; left out, an existing one stays", () => {
    expect(checkProductRow(row({ sku: "KP-1", nameEn: " " }), current, categories)).toMatchObject({ ok: true, kind: "update", values: { nameEn: "" } });
    expect(checkProductRow(row({ sku: "KP-1", nameNl: "Papier A4" }), current, categories)).toMatchObject({ values: { nameNl: "Papier A4", nameEn: "Copy paper A4" } });
  });

  it.each<[string, Record<string, unknown>, { field: string; problem: string; minQuantity?: number }[] | null]>([
    ["a new tier at the list price", { listPriceTiers: [{ minQuantity: 10, price: "4,20" }, { minQuantity: 50, price: "4,50" }] }, [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 50 }]],
    ["a new tier above it", { listPriceTiers: [{ minQuantity: 5, price: "5" }] }, [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 5 }]],
    ["a list price lowered to the stored tier", { listPrice: "4,20" }, [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 10 }]],
    ["a lower price with a lower tier", { listPrice: "4,20", listPriceTiers: [{ minQuantity: 10, price: "3,99" }] }, null],
    // Its own problem only: the tier rule is not asked about a price that does not read.
    ["a tier price that does not read", { listPriceTiers: [{ minQuantity: 5, price: "veel" }] }, [{ field: "listPriceTiers", problem: "tier_price_invalid" }]],
  ])("tiers below the list price (the form's rule too): %s", (_name, change, problems) => {
    const checked = checkProductRow(row({ sku: "KP-1", ...change }), current, categories);
    expect(checked).toEqual(problems ? { ok: false, problems } : expect.objectContaining({ ok: true }));
  });

  it("a new product's tiers are checked against its list price; a stored ladder sent again unchanged is left alone", () => {
    const created = checkProductRow(row({ sku: "NEW-1", category: "SMR", nameNl: "Olie", listPrice: "10", listPriceTiers: [{ minQuantity: 10, price: "10" }], vatRate: 21 }), null, categories);
    expect(created).toEqual({ ok: false, problems: [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 10 }] });
    // Stored before the API checked it: a feed resending it, or changing only the name, is not refused.
    const legacy: ProductMasterData = { ...current, listPriceTiers: [{ minQuantity: 10, priceMinor: 450 }] };
    expect(checkProductRow(row({ sku: "KP-1", listPrice: "4,50", listPriceTiers: [{ minQuantity: 10, price: "4.50" }] }), legacy, categories)).toMatchObject({ ok: true, kind: "unchanged" });
    expect(checkProductRow(row({ sku: "KP-1", nameNl: "Papier" }), legacy, categories)).toMatchObject({ ok: true, kind: "update" });
    expect(changedTierNotBelowListPrice(legacy, legacy)).toBeNull();
    expect(changedTierNotBelowListPrice({ ...legacy, listPriceMinor: 460 }, legacy)).toBeNull();
    expect(changedTierNotBelowListPrice({ ...legacy, listPriceMinor: 449 }, legacy)).toEqual({ minQuantity: 10, priceMinor: 450 });
    expect(changedTierNotBelowListPrice(legacy, null)).toEqual({ minQuantity: 10, priceMinor: 450 });
  });

  it("unit codes are upper-cased", () => {
    expect(row({ sku: "KP-1", unit: "pk" }).unit).toBe("PK");
  });
});

describe("the back office form's own checks", () => {
  it.each<[string, string, string | null, boolean]>([
    ["a unit the shop names", "EA", null, true],
    ["another named unit, whatever the product had", "KGM", "DS", true],
    ["an unknown code for a new product", "XYZ", null, false],
    ["an unknown code another product has", "DS", "EA", false],
    ["the product's own unknown code", "DS", "DS", true],
    ["the product's own unknown code stored in lower case", "DS", "ds", true],
    ["a Rec 21 package code (invoices only)", "XBX", null, false],
  ])("unit: %s", (_name, code, current, selectable) => {
    expect(isSelectableUnit(code, current)).toBe(selectable);
  });

  it("the import row still takes any Rec 20-shaped unit (the ERP feed is not tightened)", () => {
    expect(checkProductRow(row({ sku: "KP-1", unit: "XYZ" }), current, categories)).toMatchObject({ ok: true, values: { unit: "XYZ" } });
  });

  it.each<[string, number, { minQuantity: number; priceMinor: number }[], { minQuantity: number; priceMinor: number } | null]>([
    ["no tiers", 2495, [], null],
    ["tiers below the list price", 2495, [{ minQuantity: 10, priceMinor: 2400 }, { minQuantity: 50, priceMinor: 2300 }], null],
    ["a tier above it", 2495, [{ minQuantity: 10, priceMinor: 3000 }], { minQuantity: 10, priceMinor: 3000 }],
    ["a tier at it: no discount", 2495, [{ minQuantity: 10, priceMinor: 2400 }, { minQuantity: 50, priceMinor: 2495 }], { minQuantity: 50, priceMinor: 2495 }],
    ["any tier on a list price of 0", 0, [{ minQuantity: 10, priceMinor: 0 }], { minQuantity: 10, priceMinor: 0 }],
  ])("tiers: %s", (_name, listPriceMinor, tiers, expected) => {
    expect(tierNotBelowListPrice(listPriceMinor, tiers)).toEqual(expected);
  });

  it.each<[string, number, number | null, ReturnType<typeof listPriceWarning>]>([
    ["0 without a purchase price", 0, null, "list_price_zero"],
    ["0 with one", 0, 2417, "list_price_zero"],
    ["a cent below the purchase price", 2416, 2417, "list_price_below_cost"],
    ["at the purchase price", 2417, 2417, null],
    ["above it", 2495, 2417, null],
    ["any price above 0 without a purchase price", 1, null, null],
  ])("list price: %s", (_name, listPriceMinor, costMinor, expected) => {
    expect(listPriceWarning(listPriceMinor, costMinor)).toBe(expected);
  });

  it.each<[string, Partial<ProductMasterData>, boolean]>([
    ["same price and tiers", {}, false],
    ["another price", { listPriceMinor: 451 }, true],
    ["another tier price", { listPriceTiers: [{ minQuantity: 10, priceMinor: 419 }] }, true],
    ["another tier quantity", { listPriceTiers: [{ minQuantity: 12, priceMinor: 420 }] }, true],
    ["tiers removed", { listPriceTiers: [] }, true],
    ["only the name", { nameNl: "Ander papier" }, false],
  ])("list price changed: %s", (_name, change, changed) => {
    expect(listPriceChanged(current, { ...current, ...change })).toBe(changed);
  });
});
