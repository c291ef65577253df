import { describe, expect, it } from "vitest";
import { buildOciFields } from "@/lib/punchout/oci/build-fields";
import { ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";
import type { OciField } from "@/lib/punchout/oci/fields";
import { exceedsOciLength, readOciTransferFields } from "@/lib/punchout/oci/read-transfer-fields";
import { punchoutCart, punchoutItem } from "./cart-fixture";

const value = (cart: ReturnType<typeof readOciTransferFields>, index: number, field: string) =>
  cart.items.find((i) => i.index === index)?.values.find((v) => v.field === field)?.value;

describe("readOciTransferFields", () => {
  it("reads back what buildOciFields sends: lines by index, long text, HOOK_URL parameters apart", () => {
    const fields = buildOciFields(
      punchoutCart([punchoutItem(), punchoutItem({ sku: "ART-2", lineReference: "line-2", description: "Tweede", longText: "" })]),
      ociConnectionSettingsSchema.parse({}),
      { charset: "utf-8", hookUrl: { query: [["~OkCode", "ADDI"], ["sap-client", "100"]] } },
    );
    const cart = readOciTransferFields(fields);
    expect(cart.otherFields).toEqual([["~OkCode", "ADDI"], ["sap-client", "100"]]);
    expect(cart.items.map((i) => i.index)).toEqual([1, 2]);
    expect(value(cart, 1, "VENDORMAT")).toBe("ART-10001");
    expect(value(cart, 1, "DESCRIPTION")).toBe("Kabelbinder 200x4,8 zwart (100 st)");
    expect(value(cart, 1, "LONGTEXT")).toBe("Kabelbinder PA66, UV-bestendig. Zak a 100 stuks.");
    expect(value(cart, 2, "VENDORMAT")).toBe("ART-2");
    // Every field the builder sent is read back, none invented.
    expect(cart.items.flatMap((i) => i.values).length + cart.otherFields.length).toBe(fields.length);
    // In OCI's own field order: DESCRIPTION first, then MATNR/QUANTITY/UNIT/PRICE…
    expect(cart.items[0]!.values[0]!.field).toBe("DESCRIPTION");
  });

  it("reads back the customer's article number in MATNR where it replaces DESCRIPTION", () => {
    const fields = buildOciFields(
      punchoutCart([punchoutItem({ buyerPartNumber: "MAT-0004711" }), punchoutItem({ sku: "ART-2", lineReference: "line-2" })]),
      ociConnectionSettingsSchema.parse({ buyerMaterialNumber: true }),
      { charset: "utf-8", hookUrl: null },
    );
    const cart = readOciTransferFields(fields);
    expect(cart.items[0]!.values[0]).toEqual({ field: "MATNR", value: "MAT-0004711", maxLength: 40, unknown: false });
    expect(value(cart, 1, "DESCRIPTION")).toBeUndefined();
    expect(value(cart, 2, "MATNR")).toBeUndefined();
    expect(value(cart, 2, "DESCRIPTION")).toBe("Kabelbinder 200x4,8 zwart (100 st)");
  });

  it.each<[string, OciField[], { index: number; field: string; value: string; maxLength: number | null; unknown: boolean }[], OciField[]]>([
    ["lines out of order, by index", [["NEW_ITEM-PRICE[2]", "4.00"], ["NEW_ITEM-PRICE[1]", "12.34"]], [
      { index: 1, field: "PRICE", value: "12.34", maxLength: 15, unknown: false },
      { index: 2, field: "PRICE", value: "4.00", maxLength: 15, unknown: false },
    ], []],
    ["lower-case field names as some systems send them", [["new_item-unit[1]", "ST"]], [{ index: 1, field: "UNIT", value: "ST", maxLength: 3, unknown: false }], []],
    ["a field OCI does not define", [["NEW_ITEM-COLOUR[1]", "red"]], [{ index: 1, field: "COLOUR", value: "red", maxLength: null, unknown: true }], []],
    ["the long text of line 3", [["NEW_ITEM-LONGTEXT_3:132[]", "Lang"]], [{ index: 3, field: "LONGTEXT", value: "Lang", maxLength: null, unknown: false }], []],
    ["index 0 is not a line", [["NEW_ITEM-PRICE[0]", "1"]], [], [["NEW_ITEM-PRICE[0]", "1"]]],
    ["anything else stays a field of its own", [["~caller", "CTLG"], ["NEW_ITEM-PRICE", "1"]], [], [["~caller", "CTLG"], ["NEW_ITEM-PRICE", "1"]]],
  ])("%s", (_case, fields, expected, other) => {
    const cart = readOciTransferFields(fields);
    expect(cart.items.flatMap((i) => i.values.map((v) => ({ index: i.index, ...v })))).toEqual(expected);
    expect(cart.otherFields).toEqual(other);
  });

  it.each([
    ["DESCRIPTION", "x".repeat(40), false],
    ["DESCRIPTION", "x".repeat(41), true],
    ["DESCRIPTION", "é".repeat(40), false],
    ["UNIT", "STK", false],
    ["UNIT", "STUK", true],
    ["LONGTEXT", "x".repeat(5000), false],
  ])("%s of %#: too long for SAP = %s", (field, text, tooLong) => {
    const [line] = readOciTransferFields([[field === "LONGTEXT" ? "NEW_ITEM-LONGTEXT_1:132[]" : `NEW_ITEM-${field}[1]`, text]]).items;
    expect(exceedsOciLength(line!.values[0]!)).toBe(tooLong);
  });
});
