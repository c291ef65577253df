import "server-only";
import { z } from "zod";
import type { ReturnStatus } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { getRecipient } from "@/lib/data/account";
import { completeReturn, creditableByOrderLine, decideReturn, getReturnById, searchReturns, type ReturnView } from "@/lib/data/returns";
import { AppError } from "@/lib/errors";
import { planCreditNote } from "@/lib/invoices/document-from-order";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { returnCompletedMail, returnDecidedMail } from "@/lib/mail/return-mails";
import { sendMail } from "@/lib/mail/send-mail";
import { supplierReturnAddress } from "@/lib/returns/return-address";
import { mayCompleteReturn, mayDecideReturn } from "@/lib/returns/return-rules";
import { canSeeCustomer, managerScope } from "./access";

/**
 * Returns in the account-manager workspace: the inbox of the customers a staff member manages
 * (admins: all), approval with instructions, rejection with a reason, and completion: what
 * arrived is credited on credit notes of the invoices that billed it (lib/data/returns.ts). A
 * return of another manager's customer is "not found".
 */

export function listReturnsForStaff(staff: StaffUser, options: { statuses?: ReturnStatus[]; orderId?: number; limit: number; offset: number }) {
  return searchReturns({ ...options, managerId: managerScope(staff) });
}

export interface StaffReturnView {
  request: ReturnView;
  /** Per order line: invoiced and not credited yet (what completing can credit now). */
  creditable: Map<number, number>;
  /** The supplier's address as the default return address. */
  returnAddress: string | null;
}

/** A return as staff may see it: of a customer they manage (admins: any), else "not found". */
export async function staffMaySee(staff: StaffUser, request: ReturnView | null): Promise<ReturnView> {
  if (!request || !(await canSeeCustomer(staff, request.companyId))) throw new AppError("not_found", "return_not_found");
  return request;
}

const returnOrThrow = async (staff: StaffUser, returnId: number) => staffMaySee(staff, await getReturnById(returnId));

export async function getReturnForStaff(staff: StaffUser, returnId: number): Promise<StaffReturnView> {
  const request = await returnOrThrow(staff, returnId);
  const [creditable, returnAddress] = await Promise.all([creditableByOrderLine(request.orderId), supplierReturnAddress()]);
  return { request, creditable, returnAddress };
}

/** A return's page in the buyer's My account, for links in mails. */
const returnLink = async (returnNumber: string) => `${await mailBaseUrl()}/account/returns/${encodeURIComponent(returnNumber)}`;

const returnId = z.coerce.number().int().positive().max(2_147_483_647);

export const decideReturnSchema = z
  .object({
    returnId,
    decision: z.enum(["approved", "rejected"]),
    comment: z.string().trim().max(2000).optional().transform((v) => v || null),
  })
  .superRefine((input, ctx) => {
    // The customer is owed a reason; approval instructions are optional (the mail carries the return address).
    if (input.decision === "rejected" && !input.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "reason_required" });
  });

export async function decideReturnRequest(staff: StaffUser, input: z.infer<typeof decideReturnSchema>, now: Date): Promise<void> {
  // Also here, not only in the schema: a customer is never refused goods without being told why.
  if (input.decision === "rejected" && !input.comment?.trim()) throw new AppError("invalid_input", "reason_required", { fieldErrors: { comment: ["reason_required"] } });
  const request = await returnOrThrow(staff, input.returnId);
  if (!mayDecideReturn(request.status)) throw new AppError("conflict", "return_not_decidable");
  if (!(await decideReturn({ returnId: request.id, status: input.decision, staffUserId: staff.id, comment: input.comment, now }))) {
    throw new AppError("conflict", "return_not_decidable");
  }
  const recipient = await getRecipient(request.requestedBy.id);
  if (!recipient) return;
  const returnAddress = input.decision === "approved" ? await supplierReturnAddress() : null;
  // The decision stands even if the mail cannot be queued; the buyer also sees it under My account.
  await sendMail(
    returnDecidedMail(recipient, {
      returnNumber: request.returnNumber,
      orderNumber: request.orderNumber,
      companyName: request.companyName,
      link: await returnLink(request.returnNumber),
      outcome: input.decision,
      comment: input.comment,
      returnAddress,
    }),
    now,
  ).catch((error: unknown) => console.error(`[koppel] return decision mail for ${request.returnNumber} failed`, error));
}

/** Completion form: `received_<order line number>` per line as typed (0 … reported), and a note. */
export const completeReturnSchema = z
  .object({
    returnId,
    note: z.string().trim().max(2000).optional().transform((v) => v || null),
  })
  .catchall(z.string().max(40));

export type CompleteReturnInput = { returnId: number; note: string | null } & { [field: string]: string | number | null };

/** The received quantities of a completion form, each a whole number from 0 to what was reported. */
export function receivedQuantitiesOf(request: Pick<ReturnView, "lines">, input: CompleteReturnInput): Map<number, number> {
  const fieldErrors: Record<string, string[]> = {};
  const received = new Map<number, number>();
  for (const line of request.lines) {
    const field = `received_${line.orderLineNumber}`;
    const raw = input[field];
    const text = typeof raw === "string" ? raw.trim() : "";
    if (!/^\d{1,7}$/.test(text)) fieldErrors[field] = ["received_whole"];
    else if (Number(text) > line.quantity) fieldErrors[field] = ["received_too_high"];
    else received.set(line.orderLineNumber, Number(text));
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid_input", "return_received_invalid", { fieldErrors });
  return received;
}

export async function completeReturnForStaff(staff: StaffUser, input: CompleteReturnInput, now: Date): Promise<{ creditNotes: string[] }> {
  const request = await returnOrThrow(staff, input.returnId);
  if (!mayCompleteReturn(request.status)) throw new AppError("conflict", "return_not_completable");
  const received = receivedQuantitiesOf(request, input);
  const outcome = await completeReturn({
    returnId: request.id,
    staffUserId: staff.id,
    received,
    comment: input.note,
    now,
    planCreditNote: (context, lines) =>
      planCreditNote(context, {
        lines,
        // In the credit note's language: the customer's (lib/invoices/document-from-order.ts).
        reason: context.company.documentLocale === "nl" ? `Retour ${request.returnNumber}` : `Return ${request.returnNumber}`,
        userId: staff.id,
        now,
      }),
  });
  if (!outcome.ok) {
    const { failure } = outcome;
    if (failure.error === "not_found") throw new AppError("not_found", "return_not_found");
    if (failure.error === "not_approved") throw new AppError("conflict", "return_not_completable");
    if (failure.error === "not_invoiced") {
      throw new AppError("conflict", "return_not_invoiced", { lines: failure.uncovered.map((line) => `${line.quantity} × ${line.sku}`).join(", ") });
    }
    throw new AppError("invalid_input", "master_data_missing", failure.failure.detail ? { detail: failure.failure.detail } : undefined);
  }
  const creditNotes = outcome.creditNotes.map((note) => note.number);
  const recipient = await getRecipient(request.requestedBy.id);
  if (recipient) {
    await sendMail(
      returnCompletedMail(recipient, {
        returnNumber: request.returnNumber,
        orderNumber: request.orderNumber,
        companyName: request.companyName,
        link: await returnLink(request.returnNumber),
        lines: request.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, received: received.get(line.orderLineNumber) ?? 0 })),
        creditNoteNumbers: creditNotes,
        note: input.note,
      }),
      now,
    ).catch((error: unknown) => console.error(`[koppel] return completion mail for ${request.returnNumber} failed`, error));
  }
  return { creditNotes };
}

// Every status (db/schema/returns.ts), in the order a return goes through them; only lib/data imports db values.
const FILTERABLE_STATUSES: readonly ReturnStatus[] = ["requested", "approved", "completed", "rejected", "cancelled"];

/** Status filter of the inbox, from the query string ("open" = waiting for a decision or for the goods). */
export function parseReturnStatusFilter(value: string | undefined): ReturnStatus[] | undefined {
  if (value === "open") return ["requested", "approved"];
  return FILTERABLE_STATUSES.find((status) => status === value) ? [value as ReturnStatus] : undefined;
}
