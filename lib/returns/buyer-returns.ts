import "server-only";
import { z } from "zod";
import type { ReturnStatus } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { listCustomerManagers } from "@/lib/data/customers";
import {
  cancelReturn,
  createReturnRequest,
  getCompanyReturn,
  getReturnableOrder,
  searchReturns,
  type ReturnableOrder,
  type ReturnView,
} from "@/lib/data/returns";
import { AppError } from "@/lib/errors";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { returnRequestedMail } from "@/lib/mail/return-mails";
import { sendMail } from "@/lib/mail/send-mail";
import { seesWholeCompany, type OrderViewer } from "@/lib/orders/order-access";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { supplierReturnAddress } from "./return-address";
import { RETURN_REASON_CODES, type ReturnReasonCode } from "./return-rules";

/**
 * Returns on the buyer's side: report shipped goods of an order for return, follow the request,
 * withdraw it while undecided. Who sees which return follows the orders: a plain buyer the returns
 * of their own orders (and those they reported), approvers and company admins the whole
 * company's. Another company's return does not exist for anybody.
 */

export type ReturnViewer = OrderViewer;

/**
 * The form: the order, a note, and per order line `quantity_<line number>` (empty or 0: not
 * returned) and `reason_<line number>`.
 */
export const returnRequestSchema = z
  .object({
    orderId: z.coerce.number().int().positive().max(2_147_483_647),
    comment: z.string().trim().max(2000).optional().transform((v) => v || null),
  })
  .catchall(z.string().max(40));

export type ReturnRequestInput = { orderId: number; comment: string | null } & { [field: string]: string | number | null };

/** The lines a form asks to return, or the per-field problems (fieldErrors keys are the form's names). */
export function returnLinesOf(input: ReturnRequestInput): { orderLineNumber: number; quantity: number; reason: ReturnReasonCode }[] {
  const fieldErrors: Record<string, string[]> = {};
  const lines: { orderLineNumber: number; quantity: number; reason: ReturnReasonCode }[] = [];
  for (const [field, value] of Object.entries(input)) {
    // Line numbers as the form writes them (no leading zero), so one line cannot be named twice ("quantity_01").
    const match = /^quantity_([1-9]\d{0,5})$/.exec(field);
    if (!match || typeof value !== "string") continue;
    const text = value.trim();
    if (text === "") continue;
    if (!/^\d{1,7}$/.test(text)) {
      fieldErrors[field] = ["return_quantity_whole"];
      continue;
    }
    // "00" is zero as well: not returned (a line of nothing would break the lines' quantity check).
    if (Number(text) === 0) continue;
    const orderLineNumber = Number(match[1]);
    const reason = input[`reason_${orderLineNumber}`];
    if (typeof reason !== "string" || !RETURN_REASON_CODES.includes(reason as ReturnReasonCode)) {
      fieldErrors[`reason_${orderLineNumber}`] = ["return_reason_required"];
      continue;
    }
    lines.push({ orderLineNumber, quantity: Number(text), reason: reason as ReturnReasonCode });
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid_input", "return_lines_invalid", { fieldErrors });
  if (lines.length === 0) throw new AppError("invalid_input", "return_no_lines");
  return lines.sort((a, b) => a.orderLineNumber - b.orderLineNumber);
}

/** The order's returnable lines and return window, if the viewer may see the order. */
export async function getReturnableOrderForViewer(viewer: ReturnViewer, orderId: number): Promise<ReturnableOrder | null> {
  const order = await getReturnableOrder(viewer.companyId, orderId);
  return order && (seesWholeCompany(viewer) || order.orderUserId === viewer.id) ? order : null;
}

/**
 * Reports a return. The order must be one the user sees; what is returnable and the return window
 * are checked again when the request is stored (lib/data/returns.ts), under the order's lock.
 * The customer's account managers are told by mail.
 */
export async function requestReturn(
  user: ReturnViewer & Pick<BuyerUser, "name" | "companyName">,
  input: ReturnRequestInput,
  now: Date,
): Promise<{ returnNumber: string }> {
  const lines = returnLinesOf(input);
  const outcome = await createReturnRequest({
    companyId: user.companyId,
    orderId: input.orderId,
    // A plain buyer returns only goods of their own orders, like they see only those.
    ...(seesWholeCompany(user) ? {} : { placedBy: user.id }),
    userId: user.id,
    buyerComment: input.comment,
    lines,
    today: calendarDate(now),
  });
  if (!outcome.ok) {
    const { problem } = outcome;
    if (problem.problem === "not_found") throw new AppError("not_found", "order_not_found");
    if (problem.problem === "window_closed") throw new AppError("conflict", "return_window_closed", problem.deadline ? { deadline: problem.deadline } : undefined);
    if (problem.problem === "no_lines") throw new AppError("invalid_input", "return_no_lines");
    if (problem.problem === "line_unknown") throw new AppError("invalid_input", "return_line_unknown", { line: problem.orderLineNumber });
    throw new AppError("invalid_input", "return_quantity_too_high", {
      line: problem.orderLineNumber,
      max: problem.max,
      fieldErrors: { [`quantity_${problem.orderLineNumber}`]: ["return_quantity_too_high"] },
    });
  }
  // The request stands even if the mail cannot be queued; managers also see it in /admin/returns.
  const { order } = outcome;
  await notifyManagers(user, { id: outcome.id, returnNumber: outcome.returnNumber, orderNumber: order.orderNumber, lines, comment: input.comment }, order, now).catch(
    (error: unknown) => console.error(`[koppel] return request mail for ${outcome.returnNumber} failed`, error),
  );
  return { returnNumber: outcome.returnNumber };
}

async function notifyManagers(
  user: Pick<BuyerUser, "companyId" | "companyName" | "name">,
  request: { id: number; returnNumber: string; orderNumber: string; lines: { orderLineNumber: number; quantity: number; reason: ReturnReasonCode }[]; comment: string | null },
  order: ReturnableOrder,
  now: Date,
): Promise<void> {
  const managers = (await listCustomerManagers(user.companyId)).filter((manager) => manager.active);
  if (managers.length === 0) return;
  const link = `${await mailBaseUrl()}/admin/returns/${request.id}`;
  const skuOf = new Map(order.lines.map((line) => [line.lineNumber, line.sku]));
  await sendMail(
    managers.map((manager) =>
      returnRequestedMail(manager, {
        returnNumber: request.returnNumber,
        orderNumber: request.orderNumber,
        companyName: user.companyName,
        requesterName: user.name,
        lines: request.lines.map((line) => ({ sku: skuOf.get(line.orderLineNumber) ?? "", quantity: line.quantity, reason: line.reason })),
        comment: request.comment,
        link,
      }),
    ),
    now,
  );
}

/** Plain buyers see returns of their own orders and those they reported; approvers and admins all. */
const mayView = (viewer: ReturnViewer, request: Pick<ReturnView, "requestedBy" | "orderUserId">) =>
  seesWholeCompany(viewer) || request.requestedBy.id === viewer.id || request.orderUserId === viewer.id;

export async function getReturnForViewer(viewer: ReturnViewer, returnNumber: string): Promise<ReturnView | null> {
  const request = await getCompanyReturn(viewer.companyId, returnNumber);
  return request && mayView(viewer, request) ? request : null;
}

/**
 * Where to send the goods, on the buyer's return page: only while the return is approved and the
 * goods are expected (before approval nothing may be sent; afterwards it is done with).
 */
export async function returnAddressFor(request: Pick<ReturnView, "status">): Promise<string | null> {
  return request.status === "approved" ? supplierReturnAddress() : null;
}

export function listReturnsForViewer(viewer: ReturnViewer, options: { statuses?: ReturnStatus[]; orderId?: number; limit: number; offset: number }) {
  return searchReturns({ ...options, companyId: viewer.companyId, ...(seesWholeCompany(viewer) ? {} : { ownBy: viewer.id }) });
}

export const cancelReturnSchema = z.object({ returnNumber: z.string().trim().min(1).max(40) });

/** Withdraws a request nobody has decided on yet. */
export async function withdrawReturn(user: ReturnViewer, returnNumber: string, now: Date): Promise<void> {
  const request = await getReturnForViewer(user, returnNumber);
  if (!request) throw new AppError("not_found", "return_not_found");
  if (!(await cancelReturn({ returnId: request.id, companyId: user.companyId, userId: user.id, now }))) throw new AppError("conflict", "return_not_cancellable");
}
