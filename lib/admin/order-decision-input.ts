import { z } from "zod";
import { storedDecision, type DecidedOrder } from "@/lib/purchase-orders/stored-decision";

/**
 * The ERP's decision on an order (`POST /admin/api/orders/<number>/confirmation`) and its
 * cancellation (`…/cancellation`) as JSON, pure: the body's schema, the same decision in the fields
 * of the order page's confirm form (lib/admin/purchase-orders.ts confirmOrderForStaff keeps every
 * rule of a decision; this only translates), that form's field names back to the body's in a
 * refusal, and whether a call repeats a decision the order already carries (an ERP retries after
 * a timeout, and a retry must not send the buyer's system a second ConfirmationRequest).
 */

export const DECISIONS = ["accept", "change", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];

/** Prices as the order JSON's `lines[].unitPriceMinor`: whole cents, the order's currency. */
const lineChangeSchema = z
  .strictObject({
    /** Our line number: the order JSON's `lines[].lineNumber`. */
    line: z.number().int().min(1).max(1_000_000),
    /** At most what was ordered (the confirm form's rule); 0 rejects the line. */
    quantity: z.number().int().min(0).max(1_000_000_000).optional(),
    unitPriceMinor: z.number().int().min(0).max(2_147_483_647).optional(),
    deliveryDate: z.iso.date().optional(),
  })
  .refine((line) => line.quantity !== undefined || line.unitPriceMinor !== undefined || line.deliveryDate !== undefined, { message: "nothing_to_change" });

export const orderDecisionApiSchema = z
  .strictObject({
    decision: z.enum(DECISIONS),
    comment: z.string().max(1000).optional(),
    lines: z.array(lineChangeSchema).min(1).max(1000).optional(),
  })
  .superRefine((input, context) => {
    // A "change" without lines changes nothing (that is "accept"); lines with another decision would be dropped in silence.
    if (input.decision === "change" && !input.lines) context.addIssue({ code: "custom", path: ["lines"], message: "lines_required_for_change" });
    if (input.decision !== "change" && input.lines) context.addIssue({ code: "custom", path: ["lines"], message: "lines_only_with_change" });
    const seen = new Set<number>();
    input.lines?.forEach((line, index) => {
      if (seen.has(line.line)) context.addIssue({ code: "custom", path: ["lines", index, "line"], message: "line_twice" });
      seen.add(line.line);
    });
  });
export type OrderDecisionApiInput = z.infer<typeof orderDecisionApiSchema>;

export const orderCancellationApiSchema = z.strictObject({
  /** Mailed to the orderer, as staff's reason on the order page. */
  reason: z.string().trim().min(1).max(1000),
});
export type OrderCancellationApiInput = z.infer<typeof orderCancellationApiSchema>;

/** Cents as the confirm form's price field reads them ("1234.05"), exactly (no floating point). */
export function minorToDecimal(minor: number): string {
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

/**
 * The decision as the confirm form posts it: `line_<n>_quantity`, `line_<n>_price` (decimal),
 * `line_<n>_date` for what the body gives; a line or value left out is confirmed as ordered.
 */
export function confirmationFields(orderId: number, input: OrderDecisionApiInput): Record<string, unknown> {
  const fields: Record<string, unknown> = { orderId, decision: input.decision, comment: input.comment ?? "" };
  for (const line of input.lines ?? []) {
    if (line.quantity !== undefined) fields[`line_${line.line}_quantity`] = String(line.quantity);
    if (line.unitPriceMinor !== undefined) fields[`line_${line.line}_price`] = minorToDecimal(line.unitPriceMinor);
    if (line.deliveryDate !== undefined) fields[`line_${line.line}_date`] = line.deliveryDate;
  }
  return fields;
}

const API_FIELD = { quantity: "quantity", price: "unitPriceMinor", date: "deliveryDate" } as const;

/**
 * The confirm form's field errors under the body's names: `line_3_quantity` → `lines[0].quantity`
 * when line 3 is the body's first, so the ERP sees which of its values was refused.
 */
export function apiFieldErrors(fieldErrors: Record<string, string[]>, input: Pick<OrderDecisionApiInput, "lines">): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([field, problems]) => {
      const match = /^line_(\d+)_(quantity|price|date)$/.exec(field);
      if (!match) return [field, problems];
      const index = input.lines?.findIndex((line) => line.line === Number(match[1])) ?? -1;
      const name = API_FIELD[match[2] as keyof typeof API_FIELD];
      return [index >= 0 ? `lines[${index}].${name}` : `line ${match[1]}.${name}`, problems];
    }),
  );
}

/**
 * The status a decision leaves the order in (lib/purchase-orders/order-responses.ts): a purchase
 * order confirmed (with or without changes) or rejected; a web order confirmed, or cancelled when
 * one held for credit review is rejected. null: no such decision for this kind of order.
 */
export function statusAfterDecision(decision: Decision, purchaseOrder: boolean): "confirmed" | "rejected" | "cancelled" | null {
  if (decision === "reject") return purchaseOrder ? "rejected" : "cancelled";
  if (decision === "change") return purchaseOrder ? "confirmed" : null;
  return "confirmed";
}

export type DecisionReplayOrder = DecidedOrder & { purchaseOrder: boolean };

/**
 * The order already carries this decision (a retry after a timeout): it is in the status the
 * decision leads to and, for a purchase order, its stored decision is the same kind — an accepted
 * order is no replay of a "change" — and every value the body gives for a line is what the line
 * holds now (a line confirmed at 0 left the order). Values differing mean another decision: a conflict.
 */
export function repeatsStoredDecision(order: DecisionReplayOrder, input: OrderDecisionApiInput): boolean {
  if (order.status !== statusAfterDecision(input.decision, order.purchaseOrder)) return false;
  if (!order.purchaseOrder) return true;
  const stored = storedDecision(order);
  if (!stored) return false;
  if (input.decision !== "change") return stored.kind === input.decision;
  // A "change" that changed nothing but carried a comment reads back as "accept" (stored-decision.ts): the lines decide.
  if (stored.kind === "reject") return false;
  const byNumber = new Map(order.lines.map((line) => [line.lineNumber, line]));
  return (input.lines ?? []).every((change) => {
    const line = byNumber.get(change.line);
    if (!line) return change.quantity === 0;
    return (
      change.quantity !== 0 &&
      (change.quantity === undefined || change.quantity === line.quantity) &&
      (change.unitPriceMinor === undefined || change.unitPriceMinor === line.unitPriceMinor) &&
      (change.deliveryDate === undefined || change.deliveryDate === line.confirmedDeliveryDate)
    );
  });
}
