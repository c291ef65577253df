import "server-only";
import { z } from "zod";
import type { OrderStatus, PurchaseOrderLineReason } from "@/db/schema";
import { listProductsBySkus } from "@/lib/data/catalog";
import { listActiveSuccessors } from "@/lib/data/product-relations";
import type { StaffUser } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import { listAssignedCompanyIds } from "@/lib/data/customers";
import { getOutboundMessage, listOrderOutboundMessages } from "@/lib/data/outbound-messages";
import { getPunchoutConnection } from "@/lib/data/punchout-connections";
import { getRecipient } from "@/lib/data/account";
import { getCreditUse, getOverdueInvoices } from "@/lib/data/credit";
import { listInvoices } from "@/lib/data/invoices";
import {
  getOrderDetail,
  getPurchaseOrderSettings,
  listOrderLinesForExport,
  listOrders,
  openToShip,
  ORDER_SOURCES,
  shippedByLine,
  upsertPurchaseOrderSettings,
  type OrderSource,
} from "@/lib/data/purchase-orders";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { INVOICEABLE_ORDER_STATUSES, quantitiesToInvoice } from "@/lib/invoices/document-from-order";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { issueInvoiceForOrder, type IssueResult } from "@/lib/invoices/issue-invoice";
import { accountOrderLink, mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { creditHoldCancelledMail } from "@/lib/mail/credit-hold-mail";
import { orderCancelledMail } from "@/lib/mail/order-cancelled-mails";
import { mayStaffCancel, STAFF_CANCELLABLE_STATUSES } from "@/lib/orders/cancellation";
import { throwUnlessCancelled } from "@/lib/orders/cancel-order";
import { EDITABLE_ORDER_STATUSES } from "@/lib/orders/order-edit";
import type { ShownOrderStatus } from "@/lib/orders/shown-status";
import { cancelWebOrder } from "@/lib/data/order-history";
import { deliverQueuedMail, sendMail } from "@/lib/mail/send-mail";
import { orderConfirmationMailer } from "@/lib/orders/order-confirmation";
import { parseDecimalToMinor } from "@/lib/pricing/money";
import {
  AUTO_INVOICE_FAILED,
  cancelHeldWebOrder,
  confirmWebOrder,
  missedConfirmationBlock,
  sendMissedConfirmation,
  recordShipment,
  resendOutboundMessage,
  respondToOrder,
  sealOutboundSecret,
  SHIPPABLE_ORDER_STATUSES,
  type OrderResponseResult,
} from "@/lib/purchase-orders/order-responses";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { addressedAs } from "@/lib/purchase-orders/outbound-identity";
import { canSeeCustomer } from "./access";
import { getMessageForStaff } from "./protocol-messages";

/** Filters of the order inbox (parsed from the query string by the page). */
export interface OrderInboxFilters {
  status?: ShownOrderStatus;
  source?: OrderSource;
  search?: string;
}

/** The order inbox (web, OCI and cXML orders): admins see every customer's, account managers only their customers'. */
export async function listOrdersForStaff(staff: StaffUser, filters: OrderInboxFilters = {}) {
  const companyIds = staff.role === "admin" ? undefined : await listAssignedCompanyIds(staff.id);
  return listOrders({ ...filters, companyIds });
}

/** The lines of the orders the inbox's filters find, for its CSV download (same scope as the inbox). */
export async function orderLinesForStaff(staff: StaffUser, filters: OrderInboxFilters, limit: number) {
  const companyIds = staff.role === "admin" ? undefined : await listAssignedCompanyIds(staff.id);
  return listOrderLinesForExport({ ...filters, companyIds }, limit);
}

/** Per order line: shipped, still to ship and invoiced quantities. */
export interface OrderLineProgress {
  lineNumber: number;
  ordered: number;
  shipped: number;
  openToShip: number;
  invoiced: number;
}

/**
 * One order as the admin detail page shows it, for any channel; not found when the staff member
 * may not see the customer. Purchase-order parts (connection, cXML header, buyer lines, outbound
 * messages) are null/empty for web orders.
 */
/**
 * The purchase-order lines the intake could not match to a product in the shop ("unknown_product",
 * detail: the buyer's SupplierPartID) that name one we took out of the shop, with its successor where
 * an admin named one (lib/catalog/product-relations.ts): what the account manager offers the buyer
 * instead. By SKU; two reads, only for orders holding such a line.
 */
async function discontinuedOfUnknownLines(lines: readonly { reasons: readonly PurchaseOrderLineReason[] }[]): Promise<Map<string, { successor: { sku: string; nameNl: string; nameEn: string } | null }>> {
  const skus = lines.flatMap((line) => line.reasons.flatMap((reason) => (reason.code === "unknown_product" && reason.detail ? [reason.detail] : [])));
  if (skus.length === 0) return new Map();
  const inactive = [...(await listProductsBySkus(skus)).values()].filter((product) => !product.active);
  const successors = inactive.length > 0 ? await listActiveSuccessors(inactive.map((product) => product.id)) : new Map();
  return new Map(
    inactive.map((product) => {
      const successor = successors.get(product.id);
      return [product.sku, { successor: successor ? { sku: successor.sku, nameNl: successor.nameNl, nameEn: successor.nameEn } : null }];
    }),
  );
}

export async function getOrderForStaff(staff: StaffUser, orderId: number) {
  const detail = await getOrderDetail(orderId);
  if (!detail || !(await canSeeCustomer(staff, detail.order.companyId))) throw new AppError("not_found", "order_not_found");
  const reviewing = detail.order.status === "needs_review";
  const [outbound, invoiceRows, credit, overdue, discontinued, orderSettings] = await Promise.all([
    detail.purchaseOrder ? listOrderOutboundMessages(orderId) : Promise.resolve([]),
    listInvoices({ orderId }),
    // While an order waits for review, whoever decides sees the customer's credit and overdue invoices as they are now.
    reviewing ? getCreditUse(detail.order.companyId) : Promise.resolve(null),
    reviewing ? getOverdueInvoices(detail.order.companyId, calendarDate(new Date())) : Promise.resolve(null),
    discontinuedOfUnknownLines(detail.purchaseLines),
    detail.purchaseOrder && detail.connection ? getPurchaseOrderSettings(detail.connection.id) : Promise.resolve(null),
  ]);
  const shipped = shippedByLine(detail.shipments);
  const open = openToShip(detail.lines, detail.shipments);
  const progress: OrderLineProgress[] = detail.lines.map((line) => ({
    lineNumber: line.lineNumber,
    ordered: line.quantity,
    shipped: shipped.get(line.lineNumber) ?? 0,
    openToShip: open.get(line.lineNumber) ?? 0,
    invoiced: detail.invoicedByLine.get(line.lineNumber) ?? 0,
  }));
  const invoicedShipments = new Set(detail.invoicedShipmentIds);
  const billable = { lines: detail.lines.map((line) => ({ ...line, gtin: null })), invoicedByLine: detail.invoicedByLine };
  // Same rule as the invoice planner: a shipment has nothing left to bill once it was invoiced
  // itself or all of its quantities are on other invoices already (e.g. "invoice all open lines").
  const shipments = detail.shipments.map((shipment) => {
    const invoiced = invoicedShipments.has(shipment.id) || quantitiesToInvoice({ ...billable, shipment }).size === 0;
    return { ...shipment, invoiced, autoInvoiceFailure: invoiced ? null : autoInvoiceFailureOf(detail.events, shipment.shipmentNumber) };
  });
  const statusAllows = (INVOICEABLE_ORDER_STATUSES as readonly OrderStatus[]).includes(detail.order.status);
  return {
    ...detail,
    shipments,
    outbound,
    invoices: invoiceRows,
    credit,
    overdue,
    progress,
    discontinued,
    /**
     * A purchase order whose connection has no address for confirmations and ship notices: deciding or
     * shipping it tells the buyer's system nothing (nothing is queued to send later either), so the page
     * says so before the account manager acts, with the way to the connection's order settings.
     */
    responseAddressMissing: detail.purchaseOrder !== null && detail.connection !== null && !orderSettings?.orderResponseUrl,
    /**
     * "Send the confirmation now": decided while the connection had no address for confirmations, so
     * none was queued, and the connection has one now (lib/purchase-orders/order-responses.ts).
     */
    canSendMissedConfirmation:
      detail.purchaseOrder !== null &&
      detail.connection !== null &&
      missedConfirmationBlock(detail, outbound.map((message) => message.kind), Boolean(orderSettings?.orderResponseUrl)) === null,
    canConfirm: detail.purchaseOrder ? CONFIRMABLE_PURCHASE_ORDER.includes(detail.order.status) : detail.order.status === "placed" || detail.order.status === "needs_review",
    canShip: SHIPPABLE_ORDER_STATUSES.includes(detail.order.status) && open.size > 0,
    canInvoice: statusAllows && quantitiesToInvoice({ ...billable, shipment: null }).size > 0,
    canInvoiceShipments: statusAllows,
    // A web order on the customer's request, until something of it ships or is invoiced (a held one through its review).
    canCancel: mayStaffCancel(detail.order) && detail.shipments.length === 0 && invoiceRows.length === 0,
    // Its lines may change (lib/orders/order-edit.ts) under the same conditions, for a placed, held or confirmed order.
    canEdit:
      detail.order.source === "web" &&
      (EDITABLE_ORDER_STATUSES as readonly OrderStatus[]).includes(detail.order.status) &&
      detail.shipments.length === 0 &&
      invoiceRows.length === 0,
  };
}

export type OrderForStaff = Awaited<ReturnType<typeof getOrderForStaff>>;

/** The reason of the latest failed automatic invoice of a shipment, from the order history (null: none). */
function autoInvoiceFailureOf(events: readonly { comment: string | null }[], shipmentNumber: string): string | null {
  const prefix = `${AUTO_INVOICE_FAILED} ${shipmentNumber} (`;
  const comment = events.findLast((event) => event.comment?.startsWith(prefix))?.comment;
  return comment ? comment.slice(prefix.length).replace(/\)$/, "") : null;
}

/** @deprecated use getOrderForStaff (it handles every order, not only purchase orders). */
export const getPurchaseOrderForStaff = getOrderForStaff;

const CONFIRMABLE_PURCHASE_ORDER: readonly OrderStatus[] = ["needs_review", "accepted"];

function check(result: OrderResponseResult): void {
  if (result.ok) return;
  if (result.error === "not_found") throw new AppError("not_found", "order_not_found");
  if (result.error === "invalid_status") throw new AppError("conflict", "order_status_changed");
  throw new AppError("invalid_input", "invalid_input");
}

const id = z.coerce.number().int().positive().max(2_147_483_647);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || null);

export const confirmOrderSchema = z.object({
  orderId: id,
  /**
   * Web orders only know "accept" (placed → confirmed), which is also what they get without one. A
   * purchase order needs the account manager's own choice: none is preselected on an order under
   * review, and a missing one is refused, not read as "confirm all".
   */
  decision: z.enum(["accept", "change", "reject"]).optional(),
  comment: optionalText(1000),
  /** Per line (for "change"): line_<n>_quantity, line_<n>_price (decimal), line_<n>_date. */
}).catchall(z.unknown());

export type ConfirmOrderInput = z.infer<typeof confirmOrderSchema>;

const decimalToMinor = (text: string): number | null => (/^\d+(?:[.,]\d{1,2})?$/.test(text.trim()) ? Math.round(Number(text.trim().replace(",", ".")) * 100) : null);

/** `queued`: a response went into the outbox for the buyer's system (false: nothing is sent, e.g. no order-response URL). */
export async function confirmOrderForStaff(staff: StaffUser, input: ConfirmOrderInput): Promise<{ queued: boolean }> {
  const detail = await getOrderForStaff(staff, input.orderId);
  if (!detail.purchaseOrder) {
    // A web order has no buyer system to answer: confirming tells the buyer we accepted it. One held
    // for credit review (lib/orders/credit.ts) is released or cancelled, and its orderer is mailed:
    // released, its order confirmation (queued with the release; it was never confirmed before),
    // cancelled, why.
    const held = detail.order.status === "needs_review";
    const decision = input.decision ?? "accept";
    if (decision === "change" || (decision === "reject" && !held)) throw new AppError("invalid_input", "web_order_confirm_only");
    if (decision === "reject" && !input.comment) throw new AppError("invalid_input", "comment_required", { field: "comment" });
    if (decision === "reject") {
      check(await cancelHeldWebOrder(input.orderId, staff.id, input.comment!));
      await mailHeldOrderCancelled(detail.order, input.comment!);
      return { queued: false };
    }
    const confirmation = held ? await orderConfirmationMailer(detail.order.userId === null ? null : await getRecipient(detail.order.userId), detail.order) : null;
    const comment = input.comment?.trim() || null;
    check(
      await confirmWebOrder(input.orderId, staff.id, comment, (stored, from) =>
        confirmation && from === "needs_review" ? confirmation(stored, { kind: "released", comment }) : null,
      ),
    );
    if (confirmation) await deliverQueuedMail().catch((error: unknown) => console.error(`[koppel] delivering the confirmation of ${detail.order.orderNumber} failed`, error));
    return { queued: false };
  }
  // Each refusal is said at its field (the form shows it there and moves the focus to it), before anything is sent.
  const decision = input.decision;
  if (!decision) throw new AppError("invalid_input", "decision_required", { fieldErrors: { decision: ["decision_required"] } });
  // The buyer's system is told the reason of a rejection.
  if (decision === "reject" && !input.comment) throw new AppError("invalid_input", "reject_comment_required", { field: "comment" });
  const fieldErrors: Record<string, string[]> = {};
  const changes =
    decision === "change"
      ? detail.lines.map((line) => {
          const name = (part: string) => `line_${line.lineNumber}_${part}`;
          const field = (part: string) => String(input[name(part)] ?? "").trim();
          const quantity = field("quantity") === "" ? line.quantity : Number(field("quantity"));
          const unitPriceMinor = field("price") === "" ? line.unitPriceMinor : decimalToMinor(field("price"));
          const date = field("date");
          // A calendar day (the date field's YYYY-MM-DD) at noon UTC, so it is that day in the buyer's time zone too; a day that does not exist is refused, not rolled over.
          const noon = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : null;
          const deliveryDate = noon && !Number.isNaN(noon.getTime()) && noon.toISOString().startsWith(date) ? noon : null;
          if (!Number.isInteger(quantity) || quantity < 0 || quantity > 1_000_000_000) fieldErrors[name("quantity")] = ["whole_number"];
          // A confirmation can lower a line or reject it, never raise it: the ConfirmationRequest confirms at most
          // what was ordered, and our order would otherwise hold (and ship and invoice) more than the buyer's.
          else if (quantity > line.quantity) fieldErrors[name("quantity")] = ["above_ordered"];
          if (unitPriceMinor === null) fieldErrors[name("price")] = ["invalid_amount"];
          if (date !== "" && deliveryDate === null) fieldErrors[name("date")] = ["invalid_date"];
          return { lineNumber: line.lineNumber, quantity, unitPriceMinor: unitPriceMinor ?? 0, deliveryDate };
        })
      : [];
  if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid_input", "invalid_input", { fieldErrors });
  const result = await respondToOrder(input.orderId, staff.id, { kind: decision, comment: input.comment, changes });
  // Every line at 0 is no confirmation (respondToOrder refuses it): it rejects the order, which needs "Reject" and a reason.
  if (!result.ok && result.error === "all_lines_rejected") throw new AppError("invalid_input", "all_lines_rejected", { fieldErrors: { decision: ["all_lines_rejected"] } });
  check(result);
  return { queued: result.ok && result.queued };
}

export const cancelWebOrderSchema = z.object({
  orderId: id,
  comment: z.string().trim().min(1, "reason_required").max(1000),
});

/**
 * Staff cancel a web order on the customer's request (lib/orders/cancellation.ts) with a reason
 * the orderer is mailed; refused once something of it shipped or was invoiced.
 */
export async function cancelWebOrderForStaff(staff: StaffUser, input: z.infer<typeof cancelWebOrderSchema>, now = new Date()): Promise<void> {
  // Also here, not only in the schema: the orderer is never told their order is cancelled without why.
  const comment = input.comment?.trim();
  if (!comment) throw new AppError("invalid_input", "reason_required", { fieldErrors: { comment: ["reason_required"] } });
  const detail = await getOrderDetail(input.orderId);
  if (!detail || !(await canSeeCustomer(staff, detail.order.companyId))) throw new AppError("not_found", "order_not_found");
  if (!mayStaffCancel(detail.order)) throw new AppError("conflict", "order_not_cancellable");
  throwUnlessCancelled(await cancelWebOrder({ orderId: detail.order.id, from: STAFF_CANCELLABLE_STATUSES, userId: staff.id, comment, now }));
  const orderer = detail.order.userId === null ? null : await getRecipient(detail.order.userId);
  if (!orderer || !readsMail(orderer.email)) return;
  const orderLink = accountOrderLink(await mailBaseUrl(), detail.order.orderNumber);
  await sendMail(
    orderCancelledMail(orderer, {
      orderNumber: detail.order.orderNumber,
      poNumber: detail.order.poNumber,
      by: "supplier",
      cancelledByName: staff.name,
      comment,
      orderLink,
    }),
    now,
  ).catch((error: unknown) => console.error(`[koppel] cancellation mail for ${detail.order.orderNumber} failed`, error));
}

/** The orderer of a held web order we cancelled hears why; the cancellation stands if the mail cannot be queued. */
async function mailHeldOrderCancelled(order: { orderNumber: string; poNumber: string | null; userId: number | null }, comment: string): Promise<void> {
  const orderer = order.userId === null ? null : await getRecipient(order.userId);
  if (!orderer || !readsMail(orderer.email)) return;
  const orderLink = accountOrderLink(await mailBaseUrl(), order.orderNumber);
  await sendMail(creditHoldCancelledMail(orderer, { orderNumber: order.orderNumber, poNumber: order.poNumber, comment, orderLink })).catch((error: unknown) =>
    console.error(`[koppel] credit hold mail for ${order.orderNumber} failed`, error),
  );
}

export const shipOrderSchema = z
  .object({
    orderId: id,
    carrier: z.string().trim().min(1).max(100),
    trackingNumber: z.string().trim().min(1).max(100),
    trackingUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(500)]).optional().transform((v) => v || null),
    /** Per line the quantity shipped now: ship_<lineNumber> (empty or 0 = not in this shipment). No fields = everything open. */
  })
  .catchall(z.unknown());

export type ShipOrderInput = z.infer<typeof shipOrderSchema>;

const SHIP_FIELD = /^ship_(\d{1,6})$/;

/** The ship_<n> fields as shipment lines; null when the form sent none (ship everything open). */
export function shipmentLinesOf(input: Record<string, unknown>): { lineNumber: number; quantity: number }[] | null {
  const lines: { lineNumber: number; quantity: number }[] = [];
  let any = false;
  for (const [key, value] of Object.entries(input)) {
    const match = SHIP_FIELD.exec(key);
    if (!match) continue;
    any = true;
    if (typeof value !== "string") throw new AppError("invalid_input", "ship_quantity_invalid", { line: Number(match[1]) });
    const text = value.trim();
    if (text === "") continue;
    if (!/^\d{1,9}$/.test(text)) throw new AppError("invalid_input", "ship_quantity_invalid", { line: Number(match[1]) });
    const quantity = Number(text);
    if (quantity > 0) lines.push({ lineNumber: Number(match[1]), quantity });
  }
  if (any && lines.length === 0) throw new AppError("invalid_input", "ship_nothing_selected");
  return any ? lines.sort((a, b) => a.lineNumber - b.lineNumber) : null;
}

/**
 * Records a (partial) shipment of any order the staff member may see. The result says whether the
 * customer's automatic invoice (invoiceOnShipment) was issued or failed; the shipment stands either way.
 */
export async function shipOrderForStaff(staff: StaffUser, input: ShipOrderInput, now = new Date()) {
  await getOrderForStaff(staff, input.orderId);
  const lines = shipmentLinesOf(input);
  const result = await recordShipment(input.orderId, staff.id, { carrier: input.carrier, trackingNumber: input.trackingNumber, trackingUrl: input.trackingUrl, lines: lines ?? undefined }, now);
  if (result.ok) return result;
  if (result.error === "not_found") throw new AppError("not_found", "order_not_found");
  if (result.error === "invalid_status") throw new AppError("conflict", "order_not_shippable");
  if (result.error === "exceeds_open") throw new AppError("invalid_input", "ship_quantity_too_high", { line: Number(result.detail) });
  throw new AppError("invalid_input", result.detail ? "ship_line_unknown" : "ship_nothing_selected", result.detail ? { line: Number(result.detail) } : undefined);
}

/** issueInvoiceForOrder failures as form errors (keys of purchaseOrders.errors, detail passed on). */
function invoiced(result: IssueResult): { id: number; number: string } {
  if (result.ok) return result.invoice;
  const details = result.detail ? { detail: result.detail } : undefined;
  if (result.error === "not_found") throw new AppError("not_found", "order_not_found");
  if (result.error === "invalid_status") throw new AppError("conflict", "invoice_invalid_status", details);
  if (result.error === "nothing_to_invoice") throw new AppError("conflict", "nothing_to_invoice", details);
  if (result.error === "master_data_missing") throw new AppError("invalid_input", "master_data_missing", details);
  throw new AppError("invalid_input", "invoice_invalid_input", details);
}

export const SHIPPING_VAT_RATES = ["2100", "900", "0"] as const;

/** Euros as typed ("7,50", "7.50"; empty = none) → minor units, or null when it is not an amount. */
function optionalAmountMinor(text: string): number | null {
  const amountMinor = text === "" ? 0 : parseDecimalToMinor(text, "EUR", { decimalComma: text.includes(",") });
  return amountMinor === null || amountMinor < 0 || amountMinor > 100_000_000 ? null : amountMinor;
}

export const invoiceOrderSchema = z
  .object({
    orderId: id,
    /** Optional shipping charge in euros ("7,50"); empty or 0 = none. */
    shippingAmount: z.string().trim().max(20).optional().default(""),
    shippingVatRate: z.enum(SHIPPING_VAT_RATES).default("2100"),
    shippingReason: z.string().trim().max(100).optional().default(""),
    /** Optional document-level discount in euros, at one VAT rate. */
    discountAmount: z.string().trim().max(20).optional().default(""),
    discountVatRate: z.enum(SHIPPING_VAT_RATES).default("2100"),
    discountReason: z.string().trim().max(100).optional().default(""),
  })
  .transform((input, ctx) => {
    // The shipping charge and the discount are entered alike: an amount in euros, a rate, a reason.
    const amounts = (["shipping", "discount"] as const).map((kind) => {
      const amountMinor = optionalAmountMinor(input[`${kind}Amount`]);
      const reason = input[`${kind}Reason`];
      if (amountMinor === null) ctx.addIssue({ code: "custom", path: [`${kind}Amount`], message: "invalid_amount" });
      else if (amountMinor > 0 && reason === "") ctx.addIssue({ code: "custom", path: [`${kind}Reason`], message: "required" });
      return amountMinor ? [{ reason, amountMinor, vatRateBp: Number(input[`${kind}VatRate`]) }] : [];
    });
    if (ctx.issues.length) return z.NEVER;
    const [charges, allowances] = amounts;
    return { orderId: input.orderId, charges: charges!, allowances: allowances! };
  });

export type InvoiceOrderInput = z.infer<typeof invoiceOrderSchema>;

/** "Invoice all open lines" (optionally with a shipping charge and a discount) for an order the staff member may see. */
export async function invoiceOrderForStaff(staff: StaffUser, input: InvoiceOrderInput, now = new Date()): Promise<{ id: number; number: string }> {
  await getOrderForStaff(staff, input.orderId);
  return invoiced(await issueInvoiceForOrder({ orderId: input.orderId, userId: staff.id, charges: input.charges, allowances: input.allowances, now }));
}

export const invoiceShipmentSchema = z.object({ orderId: id, shipmentId: id });

/** "Invoice this shipment": the shipped quantities of one shipment of the order. */
export async function invoiceShipmentForStaff(staff: StaffUser, input: z.infer<typeof invoiceShipmentSchema>, now = new Date()): Promise<{ id: number; number: string }> {
  const detail = await getOrderForStaff(staff, input.orderId);
  if (!detail.shipments.some((shipment) => shipment.id === input.shipmentId)) throw new AppError("not_found", "shipment_not_found");
  return invoiced(await issueInvoiceForOrder({ orderId: input.orderId, shipmentId: input.shipmentId, userId: staff.id, now }));
}

export const resendSchema = z.object({ orderId: id, messageId: id });

export async function resendForStaff(staff: StaffUser, input: z.infer<typeof resendSchema>): Promise<void> {
  await getOrderForStaff(staff, input.orderId);
  const message = await getOutboundMessage(input.messageId);
  if (!message || message.orderId !== input.orderId) throw new AppError("not_found", "message_not_found");
  await resendOutboundMessage(message.id);
}

export const missedConfirmationSchema = z.object({ orderId: id });

/** "Send the confirmation now" on an order the staff member may see (the same check as the rest of the order page). */
export async function sendMissedConfirmationForStaff(staff: StaffUser, input: z.infer<typeof missedConfirmationSchema>, now = new Date()): Promise<void> {
  await getOrderForStaff(staff, input.orderId);
  const result = await sendMissedConfirmation(input.orderId, staff.id, now);
  if (result.ok) return;
  if (result.error === "not_found") throw new AppError("not_found", "order_not_found");
  // Sent already (another press, or a colleague's), or not decided (any more): the page's state has moved on.
  if (result.error === "already_sent") throw new AppError("conflict", "confirmation_already_sent");
  if (result.error === "no_address") throw new AppError("conflict", "confirmation_no_address");
  throw new AppError("conflict", "order_status_changed");
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
    // Nothing stored: what our documents use anyway (outboundIdentity), the connection's To identity, not an empty field.
    outbound: settings?.outboundFrom[0] ?? addressedAs(connection),
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

/**
 * Status filter of the order inbox: every status (web orders: awaiting_approval, placed; purchase
 * orders: needs_review, accepted), "shipped" split into partly and in full as the list shows them.
 */
export const ORDER_FILTER_STATUSES = [
  "awaiting_approval",
  "placed",
  "needs_review",
  "accepted",
  "confirmed",
  "partly_shipped",
  "shipped",
  "rejected",
  "cancelled",
] as const satisfies readonly ShownOrderStatus[];
export { ORDER_SOURCES };

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** The inbox's filters from its URL (the page and its CSV download read the same parameters). */
export const orderInboxParamsSchema = z.object({
  status: z.preprocess(first, z.enum(ORDER_FILTER_STATUSES).optional().catch(undefined)),
  source: z.preprocess(first, z.enum(ORDER_SOURCES).optional().catch(undefined)),
  q: z.preprocess(first, z.string().trim().max(100).optional().catch(undefined)),
});

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
