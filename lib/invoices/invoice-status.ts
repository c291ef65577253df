/** Payment states of a document and the kinds the invoice lists filter on. */
export const INVOICE_STATES = ["open", "paid", "overdue"] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];
export const INVOICE_KIND_FILTERS = ["invoice", "credit_note"] as const;
export type InvoiceKindFilter = (typeof INVOICE_KIND_FILTERS)[number];

/**
 * Payment status of an issued document, derived (not stored: only `paid_at` may change after issue).
 * A credit note is never overdue: the amount is ours to pay back, there is no due date on it.
 * `today` is the business calendar date (Europe/Amsterdam) as YYYY-MM-DD; ISO dates compare as strings.
 */
export function invoiceStatus(
  row: { kind: "invoice" | "credit_note"; paidAt: Date | null; dueDate: string | null },
  today: string,
): InvoiceState {
  if (row.paidAt) return "paid";
  if (row.kind === "invoice" && row.dueDate !== null && row.dueDate < today) return "overdue";
  return "open";
}

/** A document's amount as lists show it: a credit note is money back, so negative, and a list reads as the ledger does. */
export function signedAmount(row: { kind: "invoice" | "credit_note"; payableMinor: number }): number {
  return row.kind === "credit_note" ? -row.payableMinor : row.payableMinor;
}
