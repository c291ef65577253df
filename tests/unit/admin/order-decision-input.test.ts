import { describe, expect, it } from "vitest";
import {
  apiFieldErrors,
  confirmationFields,
  minorToDecimal,
  orderCancellationApiSchema,
  orderDecisionApiSchema,
  repeatsStoredDecision,
  type DecisionReplayOrder,
  type OrderDecisionApiInput,
} from "@/lib/admin/order-decision-input";
import { CONFIRMED_WITH_CHANGES } from "@/lib/orders/history-comment";

describe("orderDecisionApiSchema", () => {
  const issuesOf = (body: unknown) => {
    const parsed = orderDecisionApiSchema.safeParse(body);
    return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]);
  };

  it.each([
    [{ decision: "accept" }],
    [{ decision: "reject", comment: "Uit assortiment" }],
    [{ decision: "change", lines: [{ line: 1, quantity: 0 }] }],
    [{ decision: "change", comment: "", lines: [{ line: 1, unitPriceMinor: 0 }, { line: 2, deliveryDate: "2028-02-29" }] }],
  ])("takes %j", (body) => {
    expect(issuesOf(body)).toEqual([]);
  });

  it.each([
    [{ decision: "accept", lines: [{ line: 1, quantity: 1 }] }, [["lines", "lines_only_with_change"]]],
    [{ decision: "reject", comment: "x", lines: [{ line: 1, quantity: 1 }] }, [["lines", "lines_only_with_change"]]],
    [{ decision: "change" }, [["lines", "lines_required_for_change"]]],
    [{ decision: "change", lines: [{ line: 2, quantity: 1 }, { line: 3, quantity: 1 }, { line: 2, unitPriceMinor: 5 }] }, [["lines.2.line", "line_twice"]]],
    [{ decision: "change", lines: [{ line: 1 }] }, [["lines.0", "nothing_to_change"]]],
  ])("refuses %j at its field", (body, issues) => {
    expect(issuesOf(body)).toEqual(issues);
  });

  it.each([
    [{ decision: "confirm" }, "decision"],
    [{ decision: "accept", note: "x" }, ""],
    [{ decision: "accept", comment: "x".repeat(1001) }, "comment"],
    [{ decision: "change", lines: [] }, "lines"],
    [{ decision: "change", lines: [{ line: 1, quantity: -1 }] }, "lines.0.quantity"],
    [{ decision: "change", lines: [{ line: 1, quantity: 1.5 }] }, "lines.0.quantity"],
    [{ decision: "change", lines: [{ line: 1, unitPriceMinor: 12.5 }] }, "lines.0.unitPriceMinor"],
    [{ decision: "change", lines: [{ line: 1, unitPriceMinor: "4.50" }] }, "lines.0.unitPriceMinor"],
    [{ decision: "change", lines: [{ line: 1, deliveryDate: "2027-02-29" }] }, "lines.0.deliveryDate"],
    [{ decision: "change", lines: [{ line: 1, deliveryDate: "15-12-2026" }] }, "lines.0.deliveryDate"],
    [{ decision: "change", lines: [{ line: 0, quantity: 1 }] }, "lines.0.line"],
    [{ decision: "change", lines: [{ line: 1, quantity: 1, price: 5 }] }, "lines.0"],
  ])("refuses %j (issue at %j)", (body, path) => {
    expect(issuesOf(body).map(([at]) => at)).toContain(path);
  });

  it("the cancellation needs a reason", () => {
    expect(orderCancellationApiSchema.safeParse({ reason: "  " }).success).toBe(false);
    expect(orderCancellationApiSchema.safeParse({ reason: "Dubbel", comment: "x" }).success).toBe(false);
    expect(orderCancellationApiSchema.parse({ reason: " Dubbel besteld " })).toEqual({ reason: "Dubbel besteld" });
  });
});

describe("confirmationFields", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [350, "3.50"],
    [123456, "1234.56"],
    [2_147_483_647, "21474836.47"],
  ])("%i cents read %s in the price field", (minor, text) => {
    expect(minorToDecimal(minor)).toBe(text);
  });

  it.each<[OrderDecisionApiInput, Record<string, unknown>]>([
    [{ decision: "accept" }, { orderId: 7, decision: "accept", comment: "" }],
    [{ decision: "reject", comment: "Uit assortiment" }, { orderId: 7, decision: "reject", comment: "Uit assortiment" }],
    [
      { decision: "change", lines: [{ line: 1, quantity: 2, unitPriceMinor: 350, deliveryDate: "2026-12-15" }, { line: 3, quantity: 0 }] },
      { orderId: 7, decision: "change", comment: "", line_1_quantity: "2", line_1_price: "3.50", line_1_date: "2026-12-15", line_3_quantity: "0" },
    ],
    // Only what is given: the form reads a missing field as "as ordered".
    [{ decision: "change", lines: [{ line: 2, deliveryDate: "2027-01-04" }] }, { orderId: 7, decision: "change", comment: "", line_2_date: "2027-01-04" }],
  ])("%j → the confirm form's fields", (input, fields) => {
    expect(confirmationFields(7, input)).toEqual(fields);
  });

  it("names the form's refused fields as the body's", () => {
    const lines = [{ line: 4, unitPriceMinor: 1 }, { line: 2, quantity: 9 }];
    expect(apiFieldErrors({ line_2_quantity: ["above_ordered"], line_4_price: ["invalid_amount"], line_4_date: ["invalid_date"], decision: ["all_lines_rejected"] }, { lines })).toEqual({
      "lines[1].quantity": ["above_ordered"],
      "lines[0].unitPriceMinor": ["invalid_amount"],
      "lines[0].deliveryDate": ["invalid_date"],
      decision: ["all_lines_rejected"],
    });
  });
});

describe("repeatsStoredDecision", () => {
  const purchaseLines = [
    { lineNumber: 1, quantity: "3", buyerUnitPriceMinor: 400, ourUnitPriceMinor: 599 },
    { lineNumber: 2, quantity: "2", buyerUnitPriceMinor: 899, ourUnitPriceMinor: 899 },
  ];
  const asOrdered = [
    { lineNumber: 1, quantity: 3, unitPriceMinor: 400, confirmedDeliveryDate: null },
    { lineNumber: 2, quantity: 2, unitPriceMinor: 899, confirmedDeliveryDate: null },
  ];
  const event = (status: string, comment: string | null = null) => ({ kind: "status", status, comment });
  const po = (status: string, events: DecisionReplayOrder["events"], lines: DecisionReplayOrder["lines"] = asOrdered): DecisionReplayOrder => ({
    status,
    events: [event("needs_review"), ...events],
    lines,
    purchaseLines,
    purchaseOrder: true,
  });
  const changedLine1 = [{ lineNumber: 1, quantity: 2, unitPriceMinor: 350, confirmedDeliveryDate: "2026-12-15" }, asOrdered[1]!];
  const accepted = po("confirmed", [event("confirmed")]);
  const changed = po("confirmed", [event("confirmed", CONFIRMED_WITH_CHANGES)], changedLine1);
  const lineTwoRejected = po("confirmed", [event("confirmed", CONFIRMED_WITH_CHANGES)], [asOrdered[0]!]);
  const rejected = po("rejected", [event("rejected", "Uit assortiment")]);
  const web = (status: string): DecisionReplayOrder => ({ status, events: [], lines: [], purchaseLines: [], purchaseOrder: false });
  const change = (...lines: NonNullable<OrderDecisionApiInput["lines"]>): OrderDecisionApiInput => ({ decision: "change", lines });

  it.each<[string, DecisionReplayOrder, OrderDecisionApiInput, boolean]>([
    ["accept on an accepted order", accepted, { decision: "accept" }, true],
    ["accept on an order not decided yet", po("needs_review", []), { decision: "accept" }, false],
    ["accept on an order confirmed with changes", changed, { decision: "accept" }, false],
    ["change on an accepted order", accepted, change({ line: 1, quantity: 2 }), false],
    ["the same change", changed, change({ line: 1, quantity: 2, unitPriceMinor: 350, deliveryDate: "2026-12-15" }), true],
    ["part of the same change", changed, change({ line: 1, deliveryDate: "2026-12-15" }), true],
    ["another quantity", changed, change({ line: 1, quantity: 1 }), false],
    ["another price", changed, change({ line: 1, unitPriceMinor: 351 }), false],
    ["another date", changed, change({ line: 1, deliveryDate: "2026-12-16" }), false],
    ["the line at 0 again", lineTwoRejected, change({ line: 2, quantity: 0 }), true],
    ["a price for a line that left the order", lineTwoRejected, change({ line: 2, unitPriceMinor: 899 }), false],
    ["0 for a line still on the order", changed, change({ line: 2, quantity: 0 }), false],
    ["reject on a rejected order", rejected, { decision: "reject", comment: "Anders verwoord" }, true],
    ["change on a rejected order", rejected, change({ line: 1, quantity: 1 }), false],
    ["accept on a shipped order", po("shipped", [event("confirmed")]), { decision: "accept" }, false],
    ["accept on a confirmed web order", web("confirmed"), { decision: "accept" }, true],
    ["accept on a placed web order", web("placed"), { decision: "accept" }, false],
    ["reject on a cancelled web order", web("cancelled"), { decision: "reject", comment: "Krediet" }, true],
    ["accept on a cancelled web order", web("cancelled"), { decision: "accept" }, false],
    ["change on a confirmed web order", web("confirmed"), change({ line: 1, quantity: 1 }), false],
  ])("%s", (_case, order, input, replay) => {
    expect(repeatsStoredDecision(order, input)).toBe(replay);
  });
});
