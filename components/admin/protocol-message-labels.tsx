import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/admin/tabs";

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
 * and the known refusal reasons of the OCI entry (the log keeps the reason code, e.g.
 * `hook_url_not_allowed: http://evil.example`; cXML refusals carry their protocol status text).
 */
export async function MessageDirection({ message }: { message: Pick<Message, "direction"> }) {
  const t = await getTranslations("punchout.admin.log");
  return <>{t(`directions.${message.direction}`)}</>;
}

// A cart goes back through the buyer's browser (a form posted to the HOOK_URL / BrowserFormPost): the
// HTTP status logged is that of our own page, not an answer of the buyer's system.
const VIA_BROWSER = new Set(["oci.transfer", "cxml.PunchOutOrderMessage"]);

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

/** A known refusal reason in words ("Unknown USERNAME or wrong PASSWORD"); nothing for others. */
export async function MessageReason({ message }: { message: Pick<Message, "error"> }) {
  const t = await getTranslations("punchout.admin.log");
  const code = message.error?.split(":", 1)[0]?.trim() ?? "";
  return message.error && t.has(`reasons.${code}`) ? <div className="text-xs text-slate-700">{t(`reasons.${code}`)}</div> : null;
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
