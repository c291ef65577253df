import "server-only";
import { z } from "zod";
import { issueCreditNoteDocument, issueOrderDocument, setInvoicePaidAt } from "@/lib/data/invoices";
import { planCreditNote, planOrderInvoice, type PlanFailure } from "./document-from-order";

export type IssueErrorCode = "not_found" | "invalid_status" | "nothing_to_invoice" | "master_data_missing" | "invalid_input";

export type IssueResult =
  | { ok: true; invoice: { id: number; number: string } }
  | { ok: false; error: IssueErrorCode; detail?: string };

const id = z.number().int().positive();

const chargeSchema = z.object({
  reason: z.string().trim().min(1).max(100),
  amountMinor: z.number().int().positive().max(100_000_000),
  // The Dutch rates the catalog uses (products.vat_rate_basis_points); a typo like 21 for 21 % must not reach an invoice.
  vatRateBp: z.union([z.literal(0), z.literal(900), z.literal(2100)]),
});

const issueInvoiceSchema = z.object({
  orderId: id,
  shipmentId: id.nullish(),
  userId: id.nullable(),
  charges: z.array(chargeSchema).max(10).optional(),
  allowances: z.array(chargeSchema).max(10).optional(),
  now: z.date().optional(),
});

const creditNoteSchema = z.object({
  invoiceId: id,
  lines: z.union([
    z.literal("all"),
    z
      .array(z.object({ lineId: z.string().trim().min(1).max(50), quantity: z.number().int().positive() }))
      .min(1)
      .refine((lines) => new Set(lines.map((l) => l.lineId)).size === lines.length, "each line at most once"),
  ]),
  reason: z.string().trim().min(1).max(500),
  userId: id.nullable(),
  now: z.date().optional(),
});

function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
}

function toResult(outcome: Awaited<ReturnType<typeof issueOrderDocument<PlanFailure>>>): IssueResult {
  if (outcome === null) return { ok: false, error: "not_found" };
  if (outcome.ok) return outcome;
  return { ok: false, error: outcome.failure.error, ...(outcome.failure.detail ? { detail: outcome.failure.detail } : {}) };
}

/**
 * Invoices an order: all lines not yet invoiced or, with `shipmentId`, the shipped quantities of
 * that shipment (capped by what is not yet invoiced). Invoice, lines and one pending delivery per
 * channel of the customer are written in one transaction with the next gap-free number (F<year>-nnnnn).
 */
export async function issueInvoiceForOrder(input: {
  orderId: number;
  shipmentId?: number | null;
  userId: number | null;
  charges?: { reason: string; amountMinor: number; vatRateBp: number }[];
  /** Document-level discounts; at most what is invoiced at their VAT rate. */
  allowances?: { reason: string; amountMinor: number; vatRateBp: number }[];
  now?: Date;
}): Promise<IssueResult> {
  const parsed = issueInvoiceSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input", detail: describeZodError(parsed.error) };
  const { orderId, shipmentId, userId, charges, allowances } = parsed.data;
  const now = parsed.data.now ?? new Date();
  const outcome = await issueOrderDocument(orderId, shipmentId ?? null, (context) =>
    planOrderInvoice(context, { shipmentId: shipmentId ?? null, userId, charges: charges ?? [], allowances: allowances ?? [], now }),
  );
  return toResult(outcome);
}

/**
 * Credit note (C<year>-nnnnn) for an issued invoice: all of what is not yet credited, or the given
 * quantities of individual invoice lines (each at most invoiced − already credited).
 */
export async function issueCreditNote(input: {
  invoiceId: number;
  lines: "all" | { lineId: string; quantity: number }[];
  reason: string;
  userId: number | null;
  now?: Date;
}): Promise<IssueResult> {
  const parsed = creditNoteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_input", detail: describeZodError(parsed.error) };
  const { invoiceId, lines, reason, userId } = parsed.data;
  const now = parsed.data.now ?? new Date();
  const outcome = await issueCreditNoteDocument(invoiceId, (context) => planCreditNote(context, { lines, reason, userId, now }));
  return toResult(outcome);
}

/** Sets or clears the payment date (the only change an issued document allows). False if unknown. */
export async function markInvoicePaid(invoiceId: number, paidAt: Date | null): Promise<boolean> {
  if (!Number.isSafeInteger(invoiceId) || invoiceId <= 0) return false;
  return setInvoicePaidAt(invoiceId, paidAt);
}
