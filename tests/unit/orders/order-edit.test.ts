import { describe, expect, it } from "vitest";
import { orderChangedMail } from "@/lib/mail/order-changed-mail";
import { describeChange, editOrderFormSchema, parseAdditions, planOrderEdit, type EditableLine, type PricedAddition } from "@/lib/orders/order-edit";

const rules = { minOrderQuantity: 1, orderMultiple: 1 };
const line = (lineNumber: number, overrides: Partial<EditableLine> = {}): EditableLine => ({
  lineNumber,
  productId: 100 + lineNumber,
  sku: `SKU-${lineNumber}`,
  quantity: 5,
  unitPriceMinor: 1000,
  vatRateBasisPoints: 2100,
  fromQuote: false,
  rules,
  ...overrides,
});
const addition = (sku: string, quantity: number, overrides: Partial<PricedAddition> = {}): PricedAddition => ({
  productId: 900,
  sku,
  name: `Item ${sku}`,
  unit: "EA",
  quantity,
  unitPriceMinor: 250,
  listPriceMinor: 300,
  vatRateBasisPoints: 900,
  rules,
  ...overrides,
});
const plan = (overrides: Partial<Parameters<typeof planOrderEdit>[0]> = {}) =>
  planOrderEdit({ lines: [line(1), line(2)], quantities: {}, additions: [], unknownSkus: [], parseProblems: [], deliveryChargeMinor: 0, ...overrides });

describe("planOrderEdit", () => {
  it("changes a quantity at the line's own price and re-totals the order", () => {
    const result = plan({ quantities: { "1": 3 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.updates).toEqual([{ lineNumber: 1, quantity: 3, lineTotalMinor: 3000 }]);
    expect(result.plan.totals).toMatchObject({ subtotalMinor: 8000, vatMinor: 1680, totalMinor: 9680 });
    expect(result.plan.summary.changed).toEqual([{ lineNumber: 1, sku: "SKU-1", from: 5, to: 3 }]);
  });

  it("removes a line with 0 and numbers added lines after the highest", () => {
    const result = plan({ quantities: { "2": 0 }, additions: [addition("NEW", 4)] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.deletes).toEqual([2]);
    expect(result.plan.inserts).toMatchObject([{ lineNumber: 3, sku: "NEW", quantity: 4, lineTotalMinor: 1000 }]);
    // 5 × 10.00 at 21 % and 4 × 2.50 at 9 %.
    expect(result.plan.totals.breakdown).toEqual([
      { vatRateBasisPoints: 900, taxableMinor: 1000, vatMinor: 90 },
      { vatRateBasisPoints: 2100, taxableMinor: 5000, vatMinor: 1050 },
    ]);
  });

  it("keeps the delivery charge agreed at checkout, split over the remaining rates", () => {
    const result = plan({ quantities: { "1": 1 }, deliveryChargeMinor: 995 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.totals.subtotalMinor).toBe(1000 + 5000 + 995);
  });

  it("ignores a quantity that stays the same, even on a quote line", () => {
    const result = plan({ lines: [line(1, { fromQuote: true }), line(2)], quantities: { "1": 5, "2": 6 } });
    expect(result.ok && result.plan.updates).toEqual([{ lineNumber: 2, quantity: 6, lineTotalMinor: 6000 }]);
  });

  it.each([
    ["a quote line's quantity", { lines: [line(1, { fromQuote: true }), line(2)], quantities: { "1": 4 } }, [{ kind: "quote_line", lineNumber: 1, sku: "SKU-1" }]],
    ["a quote line removed", { lines: [line(1, { fromQuote: true }), line(2)], quantities: { "1": 0 } }, [{ kind: "quote_line", lineNumber: 1, sku: "SKU-1" }]],
    ["a line that is not on the order", { quantities: { "7": 1 } }, [{ kind: "unknown_line", lineNumber: 7 }]],
    ["a quantity against the product's multiple", { lines: [line(1, { rules: { minOrderQuantity: 1, orderMultiple: 10 }, quantity: 20 }), line(2)], quantities: { "1": 15 } }, [{ kind: "quantity_rule", sku: "SKU-1", quantity: 15, suggested: 20 }]],
    ["an addition below its minimum", { additions: [addition("NEW", 2, { rules: { minOrderQuantity: 5, orderMultiple: 1 } })] }, [{ kind: "quantity_rule", sku: "NEW", quantity: 2, suggested: 5 }]],
    ["a product that is on the order already", { additions: [addition("SKU-2", 1, { productId: 102 })] }, [{ kind: "already_on_order", sku: "SKU-2", lineNumber: 2 }]],
    ["every line removed", { quantities: { "1": 0, "2": 0 } }, [{ kind: "no_lines_left" }]],
    ["nothing at all", {}, [{ kind: "nothing_changed" }]],
    ["unknown SKUs and unreadable lines, all reported", { unknownSkus: ["NOPE"], parseProblems: [{ kind: "invalid_addition" as const, line: 2 }], quantities: { "1": 2 } }, [{ kind: "invalid_addition", line: 2 }, { kind: "unknown_sku", sku: "NOPE" }]],
  ] as const)("refuses %s", (_name, overrides, problems) => {
    expect(plan(overrides as Partial<Parameters<typeof planOrderEdit>[0]>)).toEqual({ ok: false, problems });
  });

  it("a product without quantity rules (gone from the catalog) may still change its quantity", () => {
    const result = plan({ lines: [line(1, { rules: null, productId: null }), line(2)], quantities: { "1": 7 } });
    expect(result.ok).toBe(true);
  });
});

describe("parseAdditions", () => {
  it.each([
    ["nothing", "", { requests: [], problems: [] }],
    ["quick-order lines, repeats added up", "ABC;2\nabc-1\t3\nABC;1", { requests: [{ sku: "ABC", quantity: 3 }, { sku: "abc-1", quantity: 3 }], problems: [] }],
    ["a line without a quantity means one", "XYZ", { requests: [{ sku: "XYZ", quantity: 1 }], problems: [] }],
    ["an unreadable quantity", "XYZ;two", { requests: [], problems: [{ kind: "invalid_addition", line: 1 }] }],
  ] as const)("%s", (_name, text, expected) => {
    expect(parseAdditions(text)).toEqual(expected);
  });
});

describe("editOrderFormSchema", () => {
  it("reads quantity_<line> fields and drops empty ones", () => {
    const parsed = editOrderFormSchema.parse({ orderId: "12", reason: " Out of stock ", quantity_1: "3", quantity_2: "", quantity_x: "9", additions: " A;1 " });
    expect(parsed).toEqual({ orderId: 12, reason: "Out of stock", quantities: { "1": 3 }, additions: "A;1", allowOutsideAssortment: false });
  });
  it.each([
    ["the tick box ticked", "on", true],
    ["not ticked (absent)", undefined, false],
    ["anything else", "yes", null],
  ])("reads allowOutsideAssortment: %s", (_name, value, expected) => {
    const parsed = editOrderFormSchema.safeParse({ orderId: "1", reason: "x", allowOutsideAssortment: value });
    expect(parsed.success ? parsed.data.allowOutsideAssortment : null).toBe(expected);
  });
  it.each([
    ["no reason", { orderId: "1", reason: " " }],
    ["a negative quantity", { orderId: "1", reason: "x", quantity_1: "-1" }],
    ["a fraction", { orderId: "1", reason: "x", quantity_1: "1.5" }],
  ])("refuses %s", (_name, raw) => {
    expect(editOrderFormSchema.safeParse(raw).success).toBe(false);
  });
});

describe("describeChange and the orderer's mail", () => {
  const summary = {
    changed: [{ lineNumber: 1, sku: "A", from: 5, to: 3 }],
    removed: [{ lineNumber: 2, sku: "B", quantity: 4 }],
    added: [{ lineNumber: 3, sku: "C", quantity: 2 }],
  };
  it.each([
    ["nl", ["A: 5 → 3", "B: verwijderd (4)", "C: toegevoegd (2)"]],
    ["en", ["A: 5 → 3", "B: removed (4)", "C: added (2)"]],
  ] as const)("%s", (locale, expected) => {
    expect(describeChange(summary, locale)).toEqual(expected);
  });
  it("tells the orderer what changed, why, and the new total", () => {
    const mail = orderChangedMail(
      { id: 3, email: "koper@klant.test", name: "Sanne", locale: "en" },
      { orderNumber: "K100042", poNumber: "PO-7", changedByName: "Ruud", reason: "B is discontinued", changes: describeChange(summary, "en"), total: "€121.00", orderLink: "https://shop.test/account/orders/K100042" },
    );
    expect(mail).toMatchObject({ toEmail: "koper@klant.test", kind: "order_changed", subject: "Order K100042 has been changed" });
    expect(mail.bodyText).toContain("Ruud has changed your order K100042 (your reference PO-7):");
    expect(mail.bodyText).toContain("- B: removed (4)");
    expect(mail.bodyText).toContain("Reason: B is discontinued");
    expect(mail.bodyText).toContain("New total incl. VAT: €121.00");
  });
});
