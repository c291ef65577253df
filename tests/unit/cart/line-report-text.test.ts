import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { addedAfterSuggestion, cartQuantityOf, type FixedOutcome } from "@/lib/cart/line-report-fixes";
import { addedMessageValues, inputParts } from "@/lib/cart/line-report-text";
import en from "@/lib/i18n/messages/account.en.json";
import nl from "@/lib/i18n/messages/account.nl.json";
import { rowInput } from "@/lib/quick-order/parse-lines";

const report = { nl: createTranslator({ locale: "nl", messages: nl, namespace: "account.report" }), en: createTranslator({ locale: "en", messages: en, namespace: "account.report" }) };
const added = (quantity: number, lineQuantity: number) => ({ status: "added" as const, quantity, lineQuantity, stockWarning: null, stock: 5000, leadTimeDays: 2 });
const rule = { status: "quantity_rule" as const, reason: "below_minimum" as const, minimum: 30, multiple: 1, suggested: 30, inCart: 0, stock: 5000, leadTimeDays: 2 };

describe("an added line of a per-line report: one sentence", () => {
  it.each([
    ["just added", added(4, 4), false, "Toegevoegd: 4", "Added: 4"],
    ["the cart held some already", added(4, 10), false, "Toegevoegd: 4 (nu 10 in uw winkelwagen)", "Added: 4 (10 in your cart now)"],
    ["no quantity given", added(1, 1), true, "Toegevoegd: 1, geen aantal opgegeven", "Added: 1, no quantity given"],
    [
      "no quantity given, and the cart held some already",
      added(1, 2003),
      true,
      "Toegevoegd: 1, geen aantal opgegeven (nu 2.003 in uw winkelwagen)",
      "Added: 1, no quantity given (2,003 in your cart now)",
    ],
  ])("%s", (_label, outcome, assumed, nlText, enText) => {
    expect(report.nl("added", addedMessageValues(outcome, assumed))).toBe(nlText);
    expect(report.en("added", addedMessageValues(outcome, assumed))).toBe(enText);
  });

  // "Added: 30" without "(… in your cart now)" after "Add 30 instead", where the cart held more.
  it("reads the same after its fix button as a line the report added to the same cart", () => {
    const rows = [
      { ref: 1, sku: "KP-9", outcome: rule },
      { ref: 2, sku: "KP-9", outcome: added(30, 30) },
    ];
    const fixed = addedAfterSuggestion(rule, cartQuantityOf("KP-9", rows, new Map()));
    expect(fixed).toMatchObject({ quantity: 30, lineQuantity: 60 });
    expect(report.en("added", addedMessageValues(fixed, false))).toBe("Added: 30 (60 in your cart now)");
    expect(report.nl("added", addedMessageValues(fixed, false))).toBe(report.nl("added", addedMessageValues(added(30, 60), false)));
    // The cart held 10 before the report: both lines say so alike.
    const held = { ...rule, inCart: 10 };
    expect(report.nl("added", addedMessageValues(addedAfterSuggestion(held, cartQuantityOf("KP-9", [{ ref: 1, sku: "KP-9", outcome: held }], new Map())), false))).toBe(
      report.nl("added", addedMessageValues(added(30, 40), false)),
    );
  });

  it("says delivered within, as the product page does", () => {
    expect(report.nl("out_of_stock", { days: 2 })).toBe("Toegevoegd, maar niet op voorraad – geleverd binnen 2 dagen.");
    expect(report.en("out_of_stock", { days: 1 })).toBe("Added, but out of stock – delivered within 1 day.");
  });

  it("names a comma between SKU and a decimal quantity", () => {
    expect(report.nl("quantityProblem.comma_separator")).toContain("gebruik ; of tab tussen artikelnummer en aantal bij een aantal met komma");
    expect(report.en("quantityProblem.comma_separator")).toContain("use ; or a tab between SKU and quantity");
  });
});

describe("what the cart holds of a product after a report and the fixes taken since", () => {
  const rows = [
    { ref: 1, sku: "KP-1", outcome: { ...rule, inCart: 5 } },
    { ref: 2, sku: "KP-1", outcome: added(10, 15) },
    { ref: 3, sku: "KP-2", outcome: { ...rule, inCart: 0 } },
    { ref: 4, sku: "KP-3", outcome: { status: "unavailable" as const } },
    { ref: 5, sku: null, outcome: { status: "unknown_sku" as const } },
  ];
  it.each<[string, string, [number, FixedOutcome][], number]>([
    ["the largest running count of its lines", "KP-1", [], 15],
    ["a refused line's count when none was added", "KP-2", [], 0],
    ["plus a fix of another of its lines", "KP-2", [[3, added(30, 30)]], 30],
    ["plus a successor added that is this product", "KP-1", [[4, { status: "successor_added", sku: "KP-1", quantity: 6 }]], 21],
    ["not a fix of another product", "KP-1", [[3, added(30, 30)]], 15],
  ])("%s", (_label, sku, fixes, expected) => {
    expect(cartQuantityOf(sku, rows, new Map(fixes))).toBe(expected);
  });
});

describe("the input column", () => {
  it.each([
    ["a pasted line", "KP-000178;2", "KP-000178", { before: "", sku: "KP-000178", after: ";2" }],
    ["a quoted SKU", '"KP-000178";"2"', "KP-000178", { before: '"', sku: "KP-000178", after: '";"2"' }],
    ["a form row", rowInput("kp000279", "2,5"), "kp000279", { before: "", sku: "kp000279", after: " · 2,5" }],
    ["a header line", "sku;quantity", undefined, { before: "", sku: "", after: "sku;quantity" }],
    ["a code not in the text", ";4", "", { before: "", sku: "", after: ";4" }],
  ])("%s: the SKU apart, to keep it whole", (_label, input, code, expected) => {
    expect(inputParts(input, code)).toEqual(expected);
  });

  it("echoes a form row's two fields as typed, not as a pasted line", () => {
    expect(rowInput("kp000279", "2,5")).toBe("kp000279 · 2,5");
  });
});
