import "server-only";
import type { ProtocolMessage } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { listAssignedCompanyIds } from "@/lib/data/customers";
import { getProtocolMessage, listProtocolMessages, type MessageFilters } from "@/lib/data/protocol-messages";
import { AppError } from "@/lib/errors";

/** Account managers see their customers' messages; admins see all, including rejected unknown senders. */
export async function listMessagesForStaff(staff: StaffUser, filters: MessageFilters, limit = 200): Promise<ProtocolMessage[]> {
  if (staff.role === "admin") return listProtocolMessages(filters, limit);
  return listProtocolMessages({ ...filters, companyIds: await listAssignedCompanyIds(staff.id) }, limit);
}

export async function getMessageForStaff(staff: StaffUser, id: number): Promise<ProtocolMessage> {
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
