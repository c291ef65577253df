import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { getReturnByNumber, getReturnsByIds, type ReturnView } from "@/lib/data/returns";
import { AppError } from "@/lib/errors";
import { completeReturnForStaff, listReturnsForStaff, parseReturnStatusFilter, staffMaySee, type CompleteReturnInput } from "./returns";

/**
 * Returns for the supplier's ERP or warehouse system, which usually receives the goods:
 * `GET /admin/api/returns?status=approved` lists the returns to expect (with their lines),
 * `GET /admin/api/returns/<number>` reads one, and `POST /admin/api/returns/<number>/receipt`
 * `{"lines":[{"line":1,"received":2}],"note":"…"}` reports what arrived, which completes the return
 * and issues its credit notes exactly as staff's "Receive and credit" does. Every line of the
 * return is reported once (0: nothing credited). Staff who may see the customer only; everybody
 * else: not found.
 */

export interface ReturnJson {
  number: string;
  status: ReturnView["status"];
  customer: { id: number; name: string };
  order: string;
  reportedAt: string;
  reportedBy: string;
  comment: string | null;
  instructions: string | null;
  completedAt: string | null;
  lines: { line: number; sku: string; name: string; unit: string; quantity: number; reason: string; received: number | null }[];
  creditNotes: string[];
}

function returnJson(request: ReturnView): ReturnJson {
  return {
    number: request.returnNumber,
    status: request.status,
    customer: { id: request.companyId, name: request.companyName },
    order: request.orderNumber,
    reportedAt: request.createdAt.toISOString(),
    reportedBy: request.requestedBy.name,
    comment: request.buyerComment,
    instructions: request.status === "rejected" ? null : request.staffComment,
    completedAt: request.completedAt?.toISOString() ?? null,
    lines: request.lines.map((line) => ({
      line: line.orderLineNumber,
      sku: line.sku,
      name: line.name,
      unit: line.unit,
      quantity: line.quantity,
      reason: line.reason,
      received: line.receivedQuantity,
    })),
    creditNotes: request.creditNoteNumbers,
  };
}

export const returnListQuerySchema = z.object({
  status: z.enum(["open", "requested", "approved", "completed", "rejected", "cancelled", "all"]).default("approved"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export async function listReturnsViaApi(staff: StaffUser, query: z.infer<typeof returnListQuerySchema>): Promise<{ returns: ReturnJson[]; total: number }> {
  const { items, total } = await listReturnsForStaff(staff, {
    statuses: query.status === "all" ? undefined : parseReturnStatusFilter(query.status),
    limit: query.limit,
    offset: query.offset,
  });
  // The page's returns with their lines in one read, not one per return.
  const full = await getReturnsByIds(items.map((item) => item.id));
  return { returns: full.map(returnJson), total };
}

const returnOrThrow = async (staff: StaffUser, returnNumber: string) => staffMaySee(staff, await getReturnByNumber(returnNumber));

export async function getReturnViaApi(staff: StaffUser, returnNumber: string): Promise<ReturnJson> {
  return returnJson(await returnOrThrow(staff, returnNumber));
}

export const receiptSchema = z.object({
  lines: z
    .array(z.object({ line: z.number().int().positive(), received: z.number().int().min(0).max(10_000_000) }))
    .min(1)
    .max(500),
  note: z.string().trim().max(2000).nullish().transform((v) => v || null),
});

export async function reportReceiptViaApi(staff: StaffUser, returnNumber: string, input: z.infer<typeof receiptSchema>, now: Date): Promise<ReturnJson> {
  const request = await returnOrThrow(staff, returnNumber);
  const reported = new Map<number, number>();
  for (const line of input.lines) {
    if (reported.has(line.line)) throw new AppError("invalid_input", "line_twice", { line: line.line });
    reported.set(line.line, line.received);
  }
  const missing = request.lines.filter((line) => !reported.has(line.orderLineNumber)).map((line) => line.orderLineNumber);
  const unknown = [...reported.keys()].filter((line) => !request.lines.some((l) => l.orderLineNumber === line));
  if (missing.length > 0 || unknown.length > 0) {
    throw new AppError("invalid_input", "receipt_lines_mismatch", { missing: missing.join(","), unknown: unknown.join(",") });
  }
  // The same path as the goods-received form: its checks (0 … reported), its credit notes, its mail.
  const form: CompleteReturnInput = { returnId: request.id, note: input.note };
  for (const [line, received] of reported) form[`received_${line}`] = String(received);
  await completeReturnForStaff(staff, form, now);
  return returnJson(await returnOrThrow(staff, returnNumber));
}
