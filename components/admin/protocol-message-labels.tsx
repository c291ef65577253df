import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/admin/tabs";
import { messageTypeKey, refusalReasonKey, type MessageOrderLink as OrderLink } from "@/lib/admin/protocol-message-types";

/** What the labels read of a protocol_messages row (components do not import the data layer). */
interface Message {
  type: string;
  direction: "inbound" | "outbound";
  status: "ok" | "rejected" | "error";
  httpStatus: number | null;
  error: string | null;
}

/**
 * The message log's words for a message, in the staff member's language: direction and outcome,
 * and the known refusal reasons (the log keeps the reason code, e.g. `hook_url_not_allowed:
 * http://evil.example`, or a cXML status with the reason in parentheses: refusalReasonKey).
 */
export async function MessageDirection({ message }: { message: Pick<Message, "direction"> }) {
  const t = await getTranslations("punchout.admin.log");
  return <>{t(`directions.${message.direction}`)}</>;
}

// A cart goes back through the buyer's browser (a form posted to the HOOK_URL / BrowserFormPost): the
// HTTP status logged is that of our own page, not an answer of the buyer's system.
const VIA_BROWSER = new Set(["oci.transfer", "oci.cancel", "cxml.PunchOutOrderMessage"]);

/** The outcome as a badge: processed (green), refused (amber: the sender's input), error (red: ours). */
export async function MessageStatusBadge({ message }: { message: Message }) {
  const t = await getTranslations("punchout.admin.log");
  const tone = message.status === "ok" ? "green" : message.status === "rejected" ? "amber" : "red";
  return (
    <Badge tone={tone}>
      {t(`statuses.${message.status}`)}
      {message.httpStatus !== null && !VIA_BROWSER.has(message.type) ? ` · HTTP ${message.httpStatus}` : ""}
    </Badge>
  );
}

/** A known refusal reason in words ("Unknown USERNAME or wrong PASSWORD", "Wrong SharedSecret: …"); nothing for others. */
export async function MessageReason({ message }: { message: Pick<Message, "error"> }) {
  const t = await getTranslations("punchout.admin.log");
  const key = refusalReasonKey(message.error);
  return key && t.has(`reasons.${key}`) ? (
    <div className="text-xs text-slate-700" data-testid="message-reason">
      {t(`reasons.${key}`)}
    </div>
  ) : null;
}

/** The log's status cell: badge, how a cart went back, the reason in words and as logged. */
export async function MessageOutcome({ message }: { message: Message }) {
  const t = await getTranslations("punchout.admin.log");
  return (
    <>
      <MessageStatusBadge message={message} />
      {VIA_BROWSER.has(message.type) && message.status === "ok" && <div className="text-xs text-slate-500">{t("viaBrowser")}</div>}
      <MessageReason message={message} />
      {message.error && <div className="font-mono text-xs break-all text-slate-500">{message.error}</div>}
    </>
  );
}

/** A message type by its readable name ("OCI-aanroep"), the logged type below it; an unknown type as it is. */
export async function MessageTypeName({ type }: { type: string }) {
  const t = await getTranslations("punchout.admin.log");
  const key = messageTypeKey(type);
  if (!key) return <span className="font-mono text-xs">{type}</span>;
  return (
    <>
      <span className="block">{t(`types.${key}`)}</span>
      <span className="block font-mono text-xs font-normal text-slate-500">{type}</span>
    </>
  );
}

/** The order a message belongs to, linked to its page; nothing when there is none. */
export function MessageOrderLink({ order }: { order: OrderLink | null }) {
  if (!order) return null;
  return (
    <Link href={`/admin/orders/${order.id}`} className="text-brand-700 underline" data-testid="message-order-link">
      {order.number}
    </Link>
  );
}

/** One summary value as text: lists joined, yes/no for flags, a dash for nothing, nested parts as compact JSON. */
function summaryValue(value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? yes : no;
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) return value.length ? value.join(", ") : "—";
  return JSON.stringify(value);
}

/**
 * What the log noted of a message (payload id, cXML status, order number, line counts…) as a table
 * of its fields, under the names the protocols use, rather than as raw JSON. The value naming the
 * message's order (its number under `order`, our id as a number under `orderId`) links to the order.
 */
export async function MessageSummary({ summary, order = null }: { summary: Record<string, unknown>; order?: OrderLink | null }) {
  const [t, statuses] = await Promise.all([getTranslations("punchout.admin.log"), getTranslations("purchaseOrders.status")]);
  const entries = Object.entries(summary);
  // Our own notes in words ("Status bij ontvangst: Controle nodig"); the protocols' field names
  // (payloadId, buyerCookie, cxmlStatus, orderId…) stay as the protocols spell them.
  const label = (key: string) => (t.has(`summaryKeys.${key}`) ? t(`summaryKeys.${key}`) : key);
  const valueText = (key: string, value: unknown) =>
    key === "status" && typeof value === "string" && statuses.has(value)
      ? statuses(value)
      : key === "type" && typeof value === "string" && t.has(`summaryTypes.${value}`)
        ? t(`summaryTypes.${value}`)
        : summaryValue(value, t("yes"), t("no"));
  if (entries.length === 0) return <p className="text-sm text-slate-500">—</p>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="message-summary">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="text-xs leading-5 text-slate-500" title={key}>
            {label(key)}
          </dt>
          <dd className="font-mono text-xs leading-5 break-all">
            {order && ((key === "order" && value === order.number) || (key === "orderId" && value === order.id)) ? (
              <Link href={`/admin/orders/${order.id}`} className="text-brand-700 underline" data-testid="summary-order-link">
                {valueText(key, value)}
              </Link>
            ) : (
              valueText(key, value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
