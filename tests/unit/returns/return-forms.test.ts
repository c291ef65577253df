import { describe, expect, it } from "vitest";
import { completeReturnSchema, decideReturnSchema, parseReturnStatusFilter, receivedQuantitiesOf, type CompleteReturnInput } from "@/lib/admin/returns";
import { AppError } from "@/lib/errors";
import { returnLinesOf, returnRequestSchema, type ReturnRequestInput } from "@/lib/returns/buyer-returns";

// The forms of a return, parsed before anything reaches the database: the buyer's request
// (quantity_<line>, reason_<line>), staff's decision and staff's completion (received_<line>).

function thrown(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected an AppError");
}

describe("returnLinesOf (the buyer's form)", () => {
  const form = (fields: Record<string, string>): ReturnRequestInput => ({ orderId: 1, comment: null, ...fields });

  it.each<[string, Record<string, string>, { orderLineNumber: number; quantity: number; reason: string }[]]>([
    ["one line", { quantity_1: "2", reason_1: "damaged" }, [{ orderLineNumber: 1, quantity: 2, reason: "damaged" }]],
    [
      "empty and zero quantities are not returned (their reason is not needed); sorted by line",
      { quantity_3: " 4 ", reason_3: "other", quantity_1: "0", quantity_2: "", reason_2: "", quantity_10: "1", reason_10: "not_needed" },
      [
        { orderLineNumber: 3, quantity: 4, reason: "other" },
        { orderLineNumber: 10, quantity: 1, reason: "not_needed" },
      ],
    ],
    // A number field accepts "00"; that is zero as well, not a line of nothing (which the database refuses).
    ["a zero written with more digits is not returned either", { quantity_1: "00", quantity_2: "1", reason_2: "defective" }, [{ orderLineNumber: 2, quantity: 1, reason: "defective" }]],
    ["other fields are ignored", { quantity_1: "1", reason_1: "wrong_quantity", note: "x", quantityX: "5", quantity_: "3" }, [{ orderLineNumber: 1, quantity: 1, reason: "wrong_quantity" }]],
  ])("%s", (_, fields, lines) => {
    expect(returnLinesOf(form(fields))).toEqual(lines);
  });

  it.each<[string, Record<string, string>, string, Record<string, string[]> | undefined]>([
    ["nothing to return", { quantity_1: "", quantity_2: "0" }, "return_no_lines", undefined],
    ["only zeros", { quantity_1: "00", reason_1: "damaged" }, "return_no_lines", undefined],
    ["no form lines at all", {}, "return_no_lines", undefined],
    ["a fraction", { quantity_1: "1.5", reason_1: "damaged" }, "return_lines_invalid", { quantity_1: ["return_quantity_whole"] }],
    ["a negative quantity", { quantity_1: "-1", reason_1: "damaged" }, "return_lines_invalid", { quantity_1: ["return_quantity_whole"] }],
    ["not a number", { quantity_1: "twee", reason_1: "damaged" }, "return_lines_invalid", { quantity_1: ["return_quantity_whole"] }],
    ["a reason missing", { quantity_1: "1" }, "return_lines_invalid", { reason_1: ["return_reason_required"] }],
    ["an unknown reason", { quantity_1: "1", reason_1: "changed_my_mind" }, "return_lines_invalid", { reason_1: ["return_reason_required"] }],
    [
      "every problem at once, per field",
      { quantity_1: "x", reason_1: "damaged", quantity_2: "2", quantity_3: "1", reason_3: "other" },
      "return_lines_invalid",
      { quantity_1: ["return_quantity_whole"], reason_2: ["return_reason_required"] },
    ],
  ])("refused: %s", (_, fields, message, fieldErrors) => {
    const error = thrown(() => returnLinesOf(form(fields)));
    expect(error).toMatchObject({ code: "invalid_input", message });
    if (fieldErrors) expect(error.details).toMatchObject({ fieldErrors });
  });

  it("one order line is returned once: a field with a leading zero is not a line", () => {
    // quantity_01 would name line 1 a second time: two rows of one line break the request's unique line index
    // (and each would be checked against the returnable quantity on its own).
    expect(returnLinesOf(form({ quantity_1: "1", reason_1: "damaged", quantity_01: "2", reason_01: "other" }))).toEqual([{ orderLineNumber: 1, quantity: 1, reason: "damaged" }]);
    expect(thrown(() => returnLinesOf(form({ quantity_01: "2", reason_1: "other" })))).toMatchObject({ message: "return_no_lines" });
    expect(thrown(() => returnLinesOf(form({ quantity_0: "2", reason_0: "other" })))).toMatchObject({ message: "return_no_lines" });
  });

  it("the schema coerces the order and trims the comment", () => {
    expect(returnRequestSchema.parse({ orderId: "42", comment: "  ", quantity_1: "2", reason_1: "damaged" })).toEqual({ orderId: 42, comment: null, quantity_1: "2", reason_1: "damaged" });
    expect(returnRequestSchema.parse({ orderId: "42", comment: " Doos nat " }).comment).toBe("Doos nat");
    expect(returnRequestSchema.safeParse({ orderId: "0" }).success).toBe(false);
    expect(returnRequestSchema.safeParse({ orderId: "1", quantity_1: "1".repeat(41) }).success).toBe(false);
  });
});

describe("decideReturnSchema (staff's decision)", () => {
  it.each<[string, Record<string, unknown>, { comment: string | null } | "reason_required" | "invalid"]>([
    ["approved without instructions", { returnId: "5", decision: "approved" }, { comment: null }],
    ["approved with instructions", { returnId: "5", decision: "approved", comment: " Via PostNL " }, { comment: "Via PostNL" }],
    ["rejected with a reason", { returnId: "5", decision: "rejected", comment: "Buiten de termijn" }, { comment: "Buiten de termijn" }],
    ["rejected without a reason", { returnId: "5", decision: "rejected" }, "reason_required"],
    ["rejected with only spaces", { returnId: "5", decision: "rejected", comment: "   " }, "reason_required"],
    ["another decision", { returnId: "5", decision: "completed", comment: "x" }, "invalid"],
    ["no return", { decision: "approved" }, "invalid"],
  ])("%s", (_, input, expected) => {
    const parsed = decideReturnSchema.safeParse(input);
    if (typeof expected === "object") {
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual({ returnId: 5, decision: input.decision, ...expected });
    } else {
      expect(parsed.success).toBe(false);
      const issues = parsed.error!.issues;
      if (expected === "reason_required") expect(issues).toEqual([expect.objectContaining({ path: ["comment"], message: "reason_required" })]);
    }
  });
});

describe("receivedQuantitiesOf (staff's completion form)", () => {
  const request = { lines: [{ orderLineNumber: 1, quantity: 3 }, { orderLineNumber: 4, quantity: 1 }] } as Parameters<typeof receivedQuantitiesOf>[0];
  const form = (fields: Record<string, string>): CompleteReturnInput => ({ returnId: 9, note: null, ...fields });

  it.each<[Record<string, string>, [number, number][]]>([
    [{ received_1: "3", received_4: "1" }, [[1, 3], [4, 1]]],
    [{ received_1: " 0 ", received_4: "0" }, [[1, 0], [4, 0]]],
    [{ received_1: "2", received_4: "00", received_9: "5" }, [[1, 2], [4, 0]]],
  ])("%o", (fields, received) => {
    expect([...receivedQuantitiesOf(request, form(fields))]).toEqual(received);
  });

  it.each<[Record<string, string>, Record<string, string[]>]>([
    [{ received_1: "4", received_4: "1" }, { received_1: ["received_too_high"] }],
    [{ received_4: "1" }, { received_1: ["received_whole"] }],
    [{ received_1: "", received_4: "-1" }, { received_1: ["received_whole"], received_4: ["received_whole"] }],
    [{ received_1: "1.0", received_4: "2" }, { received_1: ["received_whole"], received_4: ["received_too_high"] }],
  ])("refused: %o", (fields, fieldErrors) => {
    expect(thrown(() => receivedQuantitiesOf(request, form(fields)))).toMatchObject({ code: "invalid_input", message: "return_received_invalid", details: { fieldErrors } });
  });

  it("the schema trims the note and keeps the received fields as text", () => {
    expect(completeReturnSchema.parse({ returnId: "9", note: "", received_1: "2" })).toEqual({ returnId: 9, note: null, received_1: "2" });
  });
});

describe("parseReturnStatusFilter", () => {
  it.each<[string | undefined, string[] | undefined]>([
    [undefined, undefined],
    ["", undefined],
    ["open", ["requested", "approved"]],
    ["requested", ["requested"]],
    ["approved", ["approved"]],
    ["completed", ["completed"]],
    ["rejected", ["rejected"]],
    ["cancelled", ["cancelled"]],
    ["OPEN", undefined],
    ["deleted", undefined],
  ])("%s → %o", (value, statuses) => {
    expect(parseReturnStatusFilter(value)).toEqual(statuses);
  });
});
