import { addCalendarDays } from "@/lib/pricing/calendar-date";

/**
 * The rules of a return (RMA), pure: what of an order can still be returned, until when, who may
 * do what in which state, and which invoices a completed return credits. Days are calendar dates
 * in Europe/Amsterdam (lib/pricing/calendar-date.ts).
 */

/** The stored statuses and reasons (db/schema/returns.ts; lib/data/returns.ts checks that both agree). */
export type ReturnStatus = "requested" | "approved" | "completed" | "rejected" | "cancelled";
export const RETURN_REASON_CODES = ["damaged", "defective", "wrong_item", "wrong_quantity", "not_needed", "other"] as const;
export type ReturnReasonCode = (typeof RETURN_REASON_CODES)[number];

/**
 * Goods can be reported for return up to this many days after the order's last shipment: the
 * usual term of Dutch B2B terms and conditions. Later returns go through the account manager,
 * which the order page says.
 */
export const RETURN_WINDOW_DAYS = 30;

/** The last day a return can be reported, or null while nothing has shipped. */
export function returnDeadline(lastShippedOn: string | null): string | null {
  return lastShippedOn === null ? null : addCalendarDays(lastShippedOn, RETURN_WINDOW_DAYS);
}

export interface ReturnedLine {
  orderLineNumber: number;
  quantity: number;
}

export interface ExistingReturn {
  status: ReturnStatus;
  lines: readonly ReturnedLine[];
}

/** Returns that hold goods: everything but a rejected or withdrawn request. */
export const holdsGoods = (status: ReturnStatus) => status === "requested" || status === "approved" || status === "completed";

/**
 * Per order line: shipped (at most what was ordered) less what earlier returns reported. A
 * completed return counts what was reported, not what was credited: goods refused on inspection
 * were still sent back once.
 */
export function returnableQuantities(input: {
  lines: readonly { lineNumber: number; quantity: number }[];
  shipped: readonly { lineNumber: number; quantity: number }[];
  returns: readonly ExistingReturn[];
}): Map<number, number> {
  const shipped = new Map<number, number>();
  for (const row of input.shipped) shipped.set(row.lineNumber, (shipped.get(row.lineNumber) ?? 0) + row.quantity);
  const returned = new Map<number, number>();
  for (const existing of input.returns) {
    if (!holdsGoods(existing.status)) continue;
    for (const line of existing.lines) returned.set(line.orderLineNumber, (returned.get(line.orderLineNumber) ?? 0) + line.quantity);
  }
  return new Map(
    input.lines.map((line) => {
      const out = Math.min(shipped.get(line.lineNumber) ?? 0, line.quantity);
      return [line.lineNumber, Math.max(0, out - (returned.get(line.lineNumber) ?? 0))];
    }),
  );
}

export type ReturnRequestProblem =
  | { problem: "no_lines" }
  | { problem: "line_unknown"; orderLineNumber: number }
  | { problem: "quantity_too_high"; orderLineNumber: number; max: number };

/** A request's lines against what may still be returned: at least one, each at most its returnable quantity. */
export function checkReturnLines(requested: readonly ReturnedLine[], returnable: ReadonlyMap<number, number>): ReturnRequestProblem | null {
  if (requested.length === 0) return { problem: "no_lines" };
  for (const line of requested) {
    const max = returnable.get(line.orderLineNumber);
    if (max === undefined) return { problem: "line_unknown", orderLineNumber: line.orderLineNumber };
    if (line.quantity > max) return { problem: "quantity_too_high", orderLineNumber: line.orderLineNumber, max };
  }
  return null;
}

/** The customer withdraws a request until staff have decided on it. */
export const mayCancelReturn = (status: ReturnStatus) => status === "requested";
/** Staff approve or reject a request once. */
export const mayDecideReturn = (status: ReturnStatus) => status === "requested";
/** Staff record what arrived (and credit it) once the return is approved. */
export const mayCompleteReturn = (status: ReturnStatus) => status === "approved";

export interface InvoicedLine {
  invoiceId: number;
  /** The invoice document's line id (invoice_lines.line_id). */
  lineId: string;
  orderLineNumber: number;
  /** Invoiced on this invoice, less what credit notes of it already credited. */
  open: number;
}

export interface CreditAllocation {
  /** One credit note per invoice, newest invoice first. */
  credits: { invoiceId: number; lines: { lineId: string; quantity: number }[] }[];
  /** What no invoice covers (not invoiced yet, or credited already). */
  uncovered: ReturnedLine[];
}

/**
 * Which invoice lines a return's received quantities credit: the newest invoice first, since the
 * goods sent back are most likely the ones that came last. Lines of one invoice go onto one
 * credit note (its BillingReference is that invoice, BR-55).
 */
export function allocateReturnCredit(received: readonly ReturnedLine[], invoiced: readonly InvoicedLine[]): CreditAllocation {
  const newestFirst = [...invoiced].sort((a, b) => b.invoiceId - a.invoiceId || a.lineId.localeCompare(b.lineId));
  const byInvoice = new Map<number, Map<string, number>>();
  const uncovered: ReturnedLine[] = [];
  for (const line of received) {
    let left = line.quantity;
    for (const candidate of newestFirst) {
      if (left === 0) break;
      if (candidate.orderLineNumber !== line.orderLineNumber || candidate.open <= 0) continue;
      const take = Math.min(left, candidate.open);
      const lines = byInvoice.get(candidate.invoiceId) ?? new Map<string, number>();
      lines.set(candidate.lineId, (lines.get(candidate.lineId) ?? 0) + take);
      byInvoice.set(candidate.invoiceId, lines);
      left -= take;
    }
    if (left > 0) uncovered.push({ orderLineNumber: line.orderLineNumber, quantity: left });
  }
  const credits = [...byInvoice]
    .sort(([a], [b]) => b - a)
    .map(([invoiceId, lines]) => ({ invoiceId, lines: [...lines].map(([lineId, quantity]) => ({ lineId, quantity })) }));
  return { credits, uncovered };
}
