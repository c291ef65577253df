import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { mailOutbox, type MailOutboxRow } from "@/db/schema";
import type { Db } from "@/db/client";
import { database } from "./database";

/**
 * The mail outbox: every outgoing e-mail is a row here first (the record of what was sent, visible
 * in development); a delivering transport (SMTP) marks rows as sent. Invitations of the admin
 * workspace are queued here inside their own transactions and delivered the same way.
 */

/** A file sent with a message (invoice PDFs). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutboxMessage {
  toEmail: string;
  toName: string;
  kind: string;
  subject: string;
  bodyText: string;
  userId?: number | null;
  attachments?: MailAttachment[];
}

/** Per message; mail servers commonly refuse messages above 10–25 MB once base64 adds a third. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const attachmentSchema = z.object({
  // A plain file name: no path, no quotes or line breaks that could break the MIME header.
  filename: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\"\r\n\u0000-\u001f]+$/, "a plain file name without path, quotes or control characters"),
  contentType: z.string().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, "a MIME type such as application/pdf"),
  content: z.instanceof(Uint8Array),
});
const attachmentsSchema = z
  .array(attachmentSchema)
  .max(10)
  .refine((list) => list.reduce((sum, a) => sum + a.content.byteLength, 0) <= MAX_ATTACHMENT_BYTES, "attachments exceed 10 MB in total");

/**
 * Queues messages; attachments are stored base64 in the row, so the outbox row is the complete
 * record of what was sent. Invalid attachments throw before anything is written.
 */
export async function queueMail(messages: OutboxMessage[], now: Date): Promise<number[]> {
  return queueMailIn(await database(), messages, now);
}

/**
 * queueMail inside a transaction the caller holds: a message that tells of a change is queued with
 * it, all or nothing. Addresses are stored lower-cased, like users' e-mail addresses.
 */
export async function queueMailIn(tx: Pick<Db, "insert">, messages: OutboxMessage[], now: Date): Promise<number[]> {
  if (messages.length === 0) return [];
  const values = messages.map(({ attachments, ...m }) => {
    const parsed = attachmentsSchema.safeParse(attachments ?? []);
    if (!parsed.success) throw new Error(`invalid mail attachment for ${m.kind} mail: ${z.prettifyError(parsed.error)}`);
    return {
      ...m,
      toEmail: m.toEmail.toLowerCase(),
      userId: m.userId ?? null,
      createdAt: now,
      attachments: parsed.data.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        contentBase64: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength).toString("base64"),
      })),
    };
  });
  const rows = await tx.insert(mailOutbox).values(values).returning({ id: mailOutbox.id });
  return rows.map((r) => r.id);
}

/** The attachments of an outbox row as bytes again (for delivery and for the development view). */
export function outboxAttachments(row: Pick<MailOutboxRow, "attachments">): MailAttachment[] {
  return (row.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: new Uint8Array(Buffer.from(a.contentBase64, "base64")),
  }));
}

/**
 * Delivers unsent rows one by one, oldest first. Each row is locked while it is delivered (two
 * servers never send the same message) and marked sent in the same transaction; a failed
 * delivery leaves the row unsent for the next attempt and stops the run.
 */
export async function deliverUnsentMail(
  deliver: (row: MailOutboxRow) => Promise<void>,
  options: { limit: number; now: () => Date },
): Promise<{ sent: number; error: unknown }> {
  const db = await database();
  let sent = 0;
  for (let i = 0; i < options.limit; i++) {
    try {
      const delivered = await db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(mailOutbox)
          .where(isNull(mailOutbox.sentAt))
          .orderBy(asc(mailOutbox.id))
          .limit(1)
          .for("update", { skipLocked: true });
        if (!row) return false;
        await deliver(row);
        await tx.update(mailOutbox).set({ sentAt: options.now() }).where(and(eq(mailOutbox.id, row.id), isNull(mailOutbox.sentAt)));
        return true;
      });
      if (!delivered) break;
      sent++;
    } catch (error) {
      return { sent, error };
    }
  }
  return { sent, error: null };
}

/** The newest outbox messages (development view and tests). */
export async function listOutbox(options: { limit: number; toEmail?: string }): Promise<MailOutboxRow[]> {
  const db = await database();
  return db
    .select()
    .from(mailOutbox)
    .where(options.toEmail ? eq(mailOutbox.toEmail, options.toEmail.toLowerCase()) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(options.limit);
}
