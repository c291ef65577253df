import "server-only";
import { z } from "zod";
import type { InvoiceChannel } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { resendInvoiceDelivery } from "@/lib/invoices/deliver-invoices";
import { amsterdamToday, getInvoiceForStaff, type InvoiceDetail } from "@/lib/invoices/invoice-access";
import { issueCreditNote, markInvoicePaid, type IssueResult } from "@/lib/invoices/issue-invoice";

/**
 * The /admin invoice actions (credit note, resend per channel, paid / unpaid). Each one first
 * loads the document through the staff scope (lib/invoices/invoice-access.ts), so an account
 * manager cannot touch another manager's customer by guessing ids: that is "not found".
 */

const id = z.coerce.number().int().positive().max(2_147_483_647);

export async function getInvoiceForStaffOrThrow(staff: StaffUser, invoiceId: number): Promise<InvoiceDetail> {
  const invoice = await getInvoiceForStaff(staff, invoiceId);
  if (!invoice) throw new AppError("not_found", "invoice_not_found");
  return invoice;
}

/** IssueResult failures as form errors; the message is a key of invoices.admin.errors. */
function issued(result: IssueResult): { id: number; number: string } {
  if (result.ok) return result.invoice;
  if (result.error === "not_found") throw new AppError("not_found", "invoice_not_found");
  if (result.error === "invalid_status") throw new AppError("conflict", "credit_not_possible", result.detail ? { detail: result.detail } : undefined);
  if (result.error === "nothing_to_invoice") throw new AppError("conflict", "nothing_to_credit");
  if (result.error === "master_data_missing") throw new AppError("invalid_input", "master_data_missing", result.detail ? { detail: result.detail } : undefined);
  throw new AppError("invalid_input", "credit_invalid", result.detail ? { detail: result.detail } : undefined);
}

const many = (item: z.ZodType<string>) => z.union([item, z.array(item)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * Credit note form: `mode=all` credits the whole invoice; `mode=lines` sends parallel `lineId` /
 * `quantity` fields (one pair per invoice line, empty or 0 = not credited). A reason is required.
 */
export const creditNoteSchema = z
  .object({
    invoiceId: id,
    mode: z.enum(["all", "lines"]),
    reason: z.string().trim().min(1, "reason_required").max(500),
    lineId: many(z.string().trim().min(1).max(100)),
    quantity: many(z.string().trim().max(12)),
  })
  .superRefine((input, ctx) => {
    if (input.mode !== "lines") return;
    if (input.lineId.length !== input.quantity.length) ctx.addIssue({ code: "custom", path: ["quantity"], message: "invalid_field" });
    for (const text of input.quantity) {
      if (text !== "" && !/^\d{1,9}$/.test(text)) ctx.addIssue({ code: "custom", path: ["quantity"], message: "quantity_whole" });
    }
  });

export type CreditNoteInput = z.infer<typeof creditNoteSchema>;

/** The credit lines of a per-line request: only lines of this invoice, no more than invoiced, at least one. */
export function creditLinesOf(invoice: Pick<InvoiceDetail, "lines">, input: CreditNoteInput): { lineId: string; quantity: number }[] | "all" {
  if (input.mode === "all") return "all";
  const invoiced = new Map(invoice.lines.map((line) => [line.lineId, line.quantity]));
  const lines: { lineId: string; quantity: number }[] = [];
  input.lineId.forEach((lineId, index) => {
    const quantity = Number(input.quantity[index] || "0");
    if (quantity === 0) return;
    const max = invoiced.get(lineId);
    if (max === undefined) throw new AppError("invalid_input", "credit_line_unknown", { line: lineId });
    if (quantity > max) throw new AppError("invalid_input", "credit_quantity_too_high", { line: lineId, max });
    lines.push({ lineId, quantity });
  });
  if (lines.length === 0) throw new AppError("invalid_input", "credit_no_lines");
  return lines;
}

export async function issueCreditNoteForStaff(staff: StaffUser, input: CreditNoteInput, now = new Date()): Promise<{ id: number; number: string }> {
  const invoice = await getInvoiceForStaffOrThrow(staff, input.invoiceId);
  if (invoice.kind !== "invoice") throw new AppError("conflict", "credit_of_credit_note");
  const lines = creditLinesOf(invoice, input);
  return issued(await issueCreditNote({ invoiceId: invoice.id, lines, reason: input.reason, userId: staff.id, now }));
}

/** db/schema/invoices.ts INVOICE_CHANNELS, repeated: code outside lib/data uses schema types only. */
const CHANNELS = ["peppol", "nlcius", "cxml", "email"] as const satisfies readonly InvoiceChannel[];

export const resendSchema = z.object({ invoiceId: id, channel: z.enum(CHANNELS) });

/** Puts one channel's delivery back in the queue (the delivery worker sends it on its next pass). */
export async function resendDeliveryForStaff(staff: StaffUser, input: { invoiceId: number; channel: InvoiceChannel }, now = new Date()): Promise<void> {
  const invoice = await getInvoiceForStaffOrThrow(staff, input.invoiceId);
  if (!invoice.deliveries.some((delivery) => delivery.channel === input.channel)) throw new AppError("not_found", "delivery_not_found");
  if (!(await resendInvoiceDelivery(invoice.id, input.channel, now))) throw new AppError("conflict", "resend_not_possible");
}

/** "Mark as paid" (today, or the date given) / "Mark as unpaid": payment is the only thing that may change. */
export const markPaidSchema = z.object({
  invoiceId: id,
  paid: z.enum(["1", "0"]).transform((v) => v === "1"),
  paidOn: z
    .union([z.literal(""), z.iso.date()])
    .optional()
    .transform((v) => v || null),
});

export async function markPaidForStaff(staff: StaffUser, input: z.infer<typeof markPaidSchema>, now = new Date()): Promise<void> {
  const invoice = await getInvoiceForStaffOrThrow(staff, input.invoiceId);
  // A payment date in the future or before the document existed is a typo, not a payment.
  const paidAt = input.paid ? (input.paidOn ? new Date(`${input.paidOn}T12:00:00Z`) : now) : null;
  if (paidAt && input.paidOn && (input.paidOn > amsterdamToday(now) || input.paidOn < invoice.issueDate)) {
    throw new AppError("invalid_input", "paid_date_out_of_range");
  }
  if (!(await markInvoicePaid(invoice.id, paidAt))) throw new AppError("not_found", "invoice_not_found");
}
