import "server-only";
import { z } from "zod";
import type { OrderStatus } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import { listAssignedCompanyIds } from "@/lib/data/customers";
import { getOutboundMessage, listOrderOutboundMessages } from "@/lib/data/outbound-messages";
import { getPunchoutConnection } from "@/lib/data/punchout-connections";
import { getPurchaseOrderDetail, getPurchaseOrderSettings, listPurchaseOrders, upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { resendOutboundMessage, respondToOrder, sealOutboundSecret, shipOrder, type OrderResponseResult } from "@/lib/purchase-orders/order-responses";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { canSeeCustomer } from "./access";
import { getMessageForStaff } from "./protocol-messages";

/** The order inbox: admins see every intake order, account managers only their customers'. */
export async function listPurchaseOrdersForStaff(staff: StaffUser, status?: OrderStatus) {
  const companyIds = staff.role === "admin" ? undefined : await listAssignedCompanyIds(staff.id);
  return listPurchaseOrders({ status, companyIds });
}

export async function getPurchaseOrderForStaff(staff: StaffUser, orderId: number) {
  const detail = await getPurchaseOrderDetail(orderId);
  if (!detail || !(await canSeeCustomer(staff, detail.order.companyId))) throw new AppError("not_found", "order_not_found");
  const outbound = await listOrderOutboundMessages(orderId);
  return { ...detail, outbound };
}

function check(result: OrderResponseResult): void {
  if (result.ok) return;
  if (result.error === "not_found") throw new AppError("not_found", "order_not_found");
  if (result.error === "invalid_status") throw new AppError("conflict", "order_status_changed");
  throw new AppError("invalid_input", "invalid_input");
}

const id = z.coerce.number().int().positive();
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || null);

export const confirmOrderSchema = z.object({
  orderId: id,
  decision: z.enum(["accept", "change", "reject"]),
  comment: optionalText(1000),
  /** Per line (for "change"): line_<n>_quantity, line_<n>_price (decimal), line_<n>_date. */
}).catchall(z.unknown());

export type ConfirmOrderInput = z.infer<typeof confirmOrderSchema>;

const decimalToMinor = (text: string): number | null => (/^\d+(?:[.,]\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim().replace(",", ".")) * 100) : null);

export async function confirmOrderForStaff(staff: StaffUser, input: ConfirmOrderInput): Promise<void> {
  const detail = await getPurchaseOrderForStaff(staff, input.orderId);
  const changes =
    input.decision === "change"
      ? detail.lines.map((line) => {
          const field = (name: string) => String(input[`line_${line.lineNumber}_${name}`] ?? "").trim();
          const quantity = field("quantity") === "" ? line.quantity : Number(field("quantity"));
          const unitPriceMinor = field("price") === "" ? line.unitPriceMinor : decimalToMinor(field("price"));
          const date = field("date");
          if (!Number.isInteger(quantity) || quantity < 0 || unitPriceMinor === null) throw new AppError("invalid_input", "invalid_input");
          return { lineNumber: line.lineNumber, quantity, unitPriceMinor, deliveryDate: /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : null };
        })
      : [];
  check(await respondToOrder(input.orderId, staff.id, { kind: input.decision, comment: input.comment, changes }));
}

export const shipOrderSchema = z.object({
  orderId: id,
  carrier: z.string().trim().min(1).max(100),
  trackingNumber: z.string().trim().min(1).max(100),
  trackingUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(500)]).optional().transform((v) => v || null),
});

export async function shipOrderForStaff(staff: StaffUser, input: z.infer<typeof shipOrderSchema>): Promise<void> {
  await getPurchaseOrderForStaff(staff, input.orderId);
  check(await shipOrder(input.orderId, staff.id, input));
}

export const resendSchema = z.object({ orderId: id, messageId: id });

export async function resendForStaff(staff: StaffUser, input: z.infer<typeof resendSchema>): Promise<void> {
  await getPurchaseOrderForStaff(staff, input.orderId);
  const message = await getOutboundMessage(input.messageId);
  if (!message || message.orderId !== input.orderId) throw new AppError("not_found", "message_not_found");
  await resendOutboundMessage(message.id);
}

export const orderSettingsSchema = z.object({
  connectionId: id,
  orderResponseUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(500)]).transform((v) => v || null),
  outboundDomain: z.string().trim().max(100).default("NetworkID"),
  outboundIdentity: z.string().trim().max(200).default(""),
  /** Empty keeps the stored secret. */
  outboundSecret: z.string().max(500).optional().transform((v) => v || null),
  /** Empty keeps the stored order secret (OCI connections: the SharedSecret of their OrderRequests). */
  orderSecret: z.string().max(500).optional().transform((v) => v || null),
  priceTolerancePercent: z.coerce.number().min(0).max(100).default(0),
  autoConfirm: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export async function getOrderSettingsForStaff(staff: StaffUser, connectionId: number) {
  const connection = await getPunchoutConnection(connectionId);
  if (!connection || !(await canSeeCustomer(staff, connection.companyId))) throw new AppError("not_found", "connection_not_found");
  const settings = await getPurchaseOrderSettings(connectionId);
  return {
    connection: { id: connection.id, name: connection.name, protocol: connection.protocol },
    orderResponseUrl: settings?.orderResponseUrl ?? "",
    outbound: settings?.outboundFrom[0] ?? { domain: "NetworkID", identity: "" },
    hasOutboundSecret: Boolean(settings?.outboundSharedSecretEncrypted),
    hasOrderSecret: Boolean(settings?.orderSecretHash),
    priceTolerancePercent: (settings?.priceToleranceBasisPoints ?? 0) / 100,
    autoConfirm: settings?.autoConfirm ?? false,
  };
}

export async function updateOrderSettingsForStaff(staff: StaffUser, input: z.infer<typeof orderSettingsSchema>): Promise<void> {
  await getOrderSettingsForStaff(staff, input.connectionId);
  await upsertPurchaseOrderSettings(input.connectionId, {
    orderResponseUrl: input.orderResponseUrl,
    outboundFrom: input.outboundIdentity ? [{ domain: input.outboundDomain || "NetworkID", identity: input.outboundIdentity }] : [],
    priceToleranceBasisPoints: Math.round(input.priceTolerancePercent * 100),
    autoConfirm: input.autoConfirm,
    ...(input.outboundSecret ? { outboundSharedSecretEncrypted: sealOutboundSecret(input.outboundSecret) } : {}),
    ...(input.orderSecret ? { orderSecretHash: await hashPassword(input.orderSecret) } : {}),
  });
}

/** The statuses an intake order can have (the web-checkout-only ones are left out). */
export const ORDER_FILTER_STATUSES = ["needs_review", "accepted", "confirmed", "shipped", "rejected", "cancelled"] as const satisfies readonly OrderStatus[];

export const replaySchema = z.object({ messageId: id });

/**
 * Re-runs a logged inbound OrderRequest against the current code, as its connection (the logged copy
 * has its SharedSecret redacted). Idempotency makes this safe: a document that was stored before
 * gets its stored Response again and changes nothing.
 */
export async function replayOrderRequestForStaff(staff: StaffUser, messageId: number): Promise<{ code: number }> {
  const message = await getMessageForStaff(staff, messageId);
  // Never replay what failed authentication: replay runs as the connection without checking the secret.
  const authFailed = [401, 403].includes(Number(message.summary.cxmlStatus));
  if (message.direction !== "inbound" || message.type !== "cxml.OrderRequest" || message.connectionId === null || authFailed) {
    throw new AppError("invalid_input", "not_replayable");
  }
  const connection = await getPunchoutConnection(message.connectionId);
  if (!connection) throw new AppError("not_found", "connection_not_found");
  const answer = await handleCxmlOrder(
    { bytes: new TextEncoder().encode(message.payload), truncated: /<!-- truncated at \d+ bytes -->$/.test(message.payload) },
    { remoteAddress: null, now: new Date(), baseUrl: env.APP_URL ?? "http://koppel.invalid", contentType: message.contentType },
    connection,
  );
  return { code: answer.cxmlCode };
}
