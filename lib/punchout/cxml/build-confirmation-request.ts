/** `<ConfirmationRequest>` (order confirmation, Fulfill.dtd; PROTOCOLS.md §2.9). */
import { toDecimalString } from "@/lib/pricing/money";
import { buildHeader, type CxmlHeaderParties } from "@/lib/punchout/cxml/build-header";
import { el, formatCxmlTimestamp, renderCxmlDocument, type CxmlDeploymentMode, type XmlBuildElement } from "@/lib/punchout/cxml/xml";

/** The OrderRequest a follow-up document refers to: its orderID and the payloadID it arrived with. */
export interface CxmlOrderReference {
  orderId: string;
  /** OrderRequestHeader@orderDate as received. */
  orderDate?: string | null;
  payloadId: string;
}

export interface CxmlAmount {
  amountMinor: number;
  currency: string;
}

/** Fields every outbound server-to-server request shares. */
export interface OutboundRequestInput {
  payloadId: string;
  timestamp: Date;
  header: CxmlHeaderParties;
  /** Our shared secret for this buyer/hub (plain text: it must be sent). */
  senderSharedSecret: string;
  deploymentMode: CxmlDeploymentMode;
  /** cXML@xml:lang and Comments xml:lang, default "en-US". */
  lang?: string;
}

export type ConfirmationType = "accept" | "allDetail" | "detail" | "backordered" | "except" | "reject" | "requestToPay" | "replace";
export type ConfirmationStatusType = "accept" | "allDetail" | "detail" | "backordered" | "reject" | "unknown" | "requestToPay";

export interface ConfirmationStatusInput {
  type: ConfirmationStatusType;
  quantity: string | number;
  /** Defaults to the item's unit. */
  unitOfMeasure?: string;
  shipmentDate?: Date;
  deliveryDate?: Date;
  unitPrice?: CxmlAmount;
  comments?: string;
}

export interface ConfirmationItemInput {
  /** ItemOut@lineNumber of the OrderRequest. */
  lineNumber: number;
  quantity: string | number;
  unitOfMeasure: string;
  statuses: readonly ConfirmationStatusInput[];
}

export interface ConfirmationRequestInput extends OutboundRequestInput {
  type: ConfirmationType;
  operation?: "new" | "update";
  /** Our confirmation number (e.g. the sales order number). */
  confirmId?: string | null;
  noticeDate: Date;
  order: CxmlOrderReference;
  total?: CxmlAmount | null;
  comments?: string | null;
  items?: readonly ConfirmationItemInput[];
}

const QUANTITY = /^\d+(?:\.(\d+))?$/;

/** `%r8` quantity, positive, as a plain decimal string. */
export function formatQuantity(quantity: string | number, what: string): string {
  const text = typeof quantity === "number" ? String(quantity) : quantity.trim();
  if (!QUANTITY.test(text) || !/[1-9]/.test(text)) throw new RangeError(`${what}: quantity "${text}" must be a positive decimal`);
  return text;
}

/** Exact decimal comparison of sum(parts) with total, without floats. */
function sumEquals(parts: readonly string[], total: string): boolean {
  const scale = Math.max(...[...parts, total].map((q) => QUANTITY.exec(q)?.[1]?.length ?? 0));
  const scaled = (q: string): bigint => {
    const [whole = "0", fraction = ""] = q.split(".");
    return BigInt(whole + fraction.padEnd(scale, "0"));
  };
  return parts.reduce((sum, q) => sum + scaled(q), 0n) === scaled(total);
}

export const moneyElement = (amount: CxmlAmount): XmlBuildElement =>
  el("Money", { currency: amount.currency }, toDecimalString(amount.amountMinor, amount.currency));

export const commentsElement = (text: string | null | undefined, lang: string): XmlBuildElement | null =>
  text ? el("Comments", { "xml:lang": lang }, text) : null;

/** `<OrderReference orderID orderDate><DocumentReference payloadID/></OrderReference>`. */
export function orderReferenceElement(order: CxmlOrderReference): XmlBuildElement {
  if (!order.orderId || !order.payloadId) throw new RangeError("OrderReference needs the orderID and payloadID of the OrderRequest");
  return el(
    "OrderReference",
    { orderID: order.orderId, orderDate: order.orderDate ?? null },
    el("DocumentReference", { payloadID: order.payloadId }),
  );
}

function confirmationItem(item: ConfirmationItemInput, lang: string): XmlBuildElement {
  const what = `ConfirmationItem ${item.lineNumber}`;
  const quantity = formatQuantity(item.quantity, what);
  if (item.statuses.length === 0) throw new RangeError(`${what}: needs at least one ConfirmationStatus`);
  const statusQuantities = item.statuses.map((s) => formatQuantity(s.quantity, what));
  // Coupa rejects confirmations whose status quantities do not add up (PROTOCOLS.md §2.9).
  if (!sumEquals(statusQuantities, quantity)) throw new RangeError(`${what}: status quantities must add up to ${quantity}`);
  return el(
    "ConfirmationItem",
    { quantity, lineNumber: item.lineNumber },
    el("UnitOfMeasure", null, item.unitOfMeasure),
    item.statuses.map((status, index) =>
      el(
        "ConfirmationStatus",
        {
          quantity: statusQuantities[index],
          type: status.type,
          shipmentDate: status.shipmentDate ? formatCxmlTimestamp(status.shipmentDate) : null,
          deliveryDate: status.deliveryDate ? formatCxmlTimestamp(status.deliveryDate) : null,
        },
        el("UnitOfMeasure", null, status.unitOfMeasure ?? item.unitOfMeasure),
        status.unitPrice ? el("UnitPrice", null, moneyElement(status.unitPrice)) : null,
        commentsElement(status.comments, lang),
      ),
    ),
  );
}

/**
 * Builds a ConfirmationRequest referencing the OrderRequest's orderID and payloadID. `accept` /
 * `reject` may confirm the whole order without items; `detail` needs items; `reject` and `detail`
 * need comments (Coupa answers 417/400 otherwise).
 */
export function buildConfirmationRequest(input: ConfirmationRequestInput): string {
  const lang = input.lang ?? "en-US";
  const items = input.items ?? [];
  if ((input.type === "detail" || input.type === "allDetail") && items.length === 0) {
    throw new RangeError(`ConfirmationHeader type "${input.type}" needs ConfirmationItems`);
  }
  if ((input.type === "detail" || input.type === "reject") && !input.comments) {
    throw new RangeError(`ConfirmationHeader type "${input.type}" needs comments`);
  }
  const lineNumbers = new Set(items.map((i) => i.lineNumber));
  if (lineNumbers.size !== items.length) throw new RangeError("Duplicate ConfirmationItem lineNumber");
  return renderCxmlDocument(
    { payloadId: input.payloadId, timestamp: input.timestamp, lang, dtd: "Fulfill.dtd" },
    buildHeader(input.header, input.senderSharedSecret),
    el(
      "Request",
      { deploymentMode: input.deploymentMode },
      el(
        "ConfirmationRequest",
        null,
        el(
          "ConfirmationHeader",
          {
            confirmID: input.confirmId ?? null,
            operation: input.operation ?? "new",
            type: input.type,
            noticeDate: formatCxmlTimestamp(input.noticeDate),
          },
          input.total ? el("Total", null, moneyElement(input.total)) : null,
          commentsElement(input.comments, lang),
        ),
        orderReferenceElement(input.order),
        items.map((item) => confirmationItem(item, lang)),
      ),
    ),
  );
}
