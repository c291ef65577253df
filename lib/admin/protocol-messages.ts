import "server-only";
import type { InvoiceDeliveryStatus, ProtocolMessage } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { listAssignedCompanyIds } from "@/lib/data/customers";
import { listInvoiceDeliveryLog, type InvoiceDeliveryLogRow } from "@/lib/data/invoice-deliveries";
import {
  getProtocolMessage,
  listProtocolMessages,
  type LoggedProtocolMessage,
  type MessageFilters,
  type ProtocolMessageDetail,
} from "@/lib/data/protocol-messages";
import { getConnectionLabels, searchPunchoutConnections } from "@/lib/data/punchout-connections";
import { AppError } from "@/lib/errors";
import { managerScope } from "./access";
import { INVOICE_CHANNELS, INVOICE_LOG_TYPE, invoiceLogType } from "./protocol-message-types";

export { INVOICE_LOG_TYPE, invoiceLogType };

/**
 * One row of the message log: a logged protocol message, or an outbound invoice on one channel
 * (its current delivery status; a cXML invoice also has one protocol message per HTTP attempt).
 */
export type MessageLogEntry = { kind: "message"; at: Date; message: LoggedProtocolMessage } | { kind: "invoice"; at: Date; delivery: InvoiceDeliveryLogRow };

const INVOICE_DETAIL_REQUEST = "cxml.InvoiceDetailRequest";
/** The log's status vocabulary for deliveries, as the outbound worker logs its attempts (retry = error). */
const DELIVERY_STATUS_FOR: Record<NonNullable<MessageFilters["status"]>, InvoiceDeliveryStatus> = { ok: "sent", error: "pending", rejected: "failed" };

/**
 * The message log for staff: protocol messages plus outbound invoice deliveries (Peppol, NLCIUS,
 * cXML, e-mail), newest first. The type filter "invoice" shows all outbound invoices (deliveries
 * and the InvoiceDetailRequest attempts), "invoice.peppol" etc. one channel's deliveries.
 */
export async function listMessageLogForStaff(
  staff: StaffUser,
  { connectionSearch, ...filters }: MessageFilters & {
    /** Only the connections this finds in the staff member's connection list (searchPunchoutConnections). */
    connectionSearch?: string;
  },
  limit = 200,
): Promise<MessageLogEntry[]> {
  const search = connectionSearch?.trim();
  const [companyIds, connectionIds] = await Promise.all([
    staff.role === "admin" ? undefined : listAssignedCompanyIds(staff.id),
    search ? searchPunchoutConnections({ managerId: managerScope(staff), query: search }).then(({ items }) => items.map((c) => c.id)) : undefined,
  ]);
  if (connectionIds) filters.connectionIds = connectionIds;
  const type = filters.type?.trim() || undefined;
  const channel = INVOICE_CHANNELS.find((c) => type === invoiceLogType(c));
  const wantsMessages = channel === undefined;
  // A search for one document shows its messages (an invoice's cXML attempts among them), not every delivery.
  const wantsInvoices =
    filters.direction !== "inbound" && filters.sessionId === undefined && filters.document === undefined && (type === undefined || type === INVOICE_LOG_TYPE || channel !== undefined);
  const scoped = { ...filters, ...(companyIds ? { companyIds } : {}) };
  const [messages, deliveries] = await Promise.all([
    wantsMessages ? listProtocolMessages({ ...scoped, type: type === INVOICE_LOG_TYPE ? INVOICE_DETAIL_REQUEST : type }, limit) : [],
    wantsInvoices
      ? listInvoiceDeliveryLog(
          {
            companyIds: companyIds ?? (filters.companyId !== undefined ? [filters.companyId] : undefined),
            from: filters.from,
            until: filters.until,
            channel,
            status: filters.status ? DELIVERY_STATUS_FOR[filters.status] : undefined,
            connectionId: filters.connectionId,
            connectionIds: filters.connectionIds,
          },
          limit,
        )
      : [],
  ]);
  const entries: MessageLogEntry[] = [
    ...messages.map((message) => ({ kind: "message" as const, at: message.createdAt, message })),
    ...deliveries
      .filter((delivery) => filters.companyId === undefined || delivery.companyId === filters.companyId)
      .map((delivery) => ({ kind: "invoice" as const, at: delivery.createdAt, delivery })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

/** Name and customer of the connections the entries name, for the log's connection column. */
export function connectionLabelsOf(entries: MessageLogEntry[]): Promise<Map<number, { name: string; companyName: string }>> {
  const ids = entries.map((entry) => (entry.kind === "message" ? entry.message.connectionId : entry.delivery.connectionId));
  return getConnectionLabels(ids.filter((id): id is number => id !== null));
}

/** The invoice a logged message belongs to (outbound InvoiceDetailRequest attempts record it in the summary). */
export function messageInvoiceId(message: Pick<ProtocolMessage, "summary">): number | null {
  const id = message.summary.invoiceId;
  return typeof id === "number" && Number.isInteger(id) && id > 0 ? id : null;
}

/** A logged message with its order, connection and customer, if the staff member may see its customer. */
export async function getMessageForStaff(staff: StaffUser, id: number): Promise<ProtocolMessageDetail> {
  const message = await getProtocolMessage(id);
  const visible =
    message && (staff.role === "admin" || (message.companyId !== null && (await listAssignedCompanyIds(staff.id)).includes(message.companyId)));
  if (!message || !visible) throw new AppError("not_found", "message_not_found");
  return message;
}

/** Pretty-prints a logged payload for reading: XML indented, form bodies one field per line. */
export function prettyPayload(message: Pick<ProtocolMessage, "payload" | "contentType">): string {
  const text = message.payload;
  if (text.trimStart().startsWith("<")) return indentXml(text);
  if (message.contentType?.includes("x-www-form-urlencoded")) {
    return [...new URLSearchParams(text)].map(([name, value]) => `${name} = ${value}`).join("\n");
  }
  return text;
}

function indentXml(xml: string): string {
  let depth = 0;
  return xml
    .replace(/>\s*</g, ">\n<")
    .split("\n")
    .map((line) => {
      if (/^<\//.test(line)) depth = Math.max(depth - 1, 0);
      const out = `${"  ".repeat(depth)}${line}`;
      if (/^<[^!?/][^>]*[^/]>$/.test(line) && !/^<([\w:.-]+)[^>]*>.*<\/\1>$/.test(line)) depth++;
      return out;
    })
    .join("\n");
}
