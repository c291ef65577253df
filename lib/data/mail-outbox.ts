import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { mailOutbox, type MailOutboxRow } from "@/db/schema";
import { database } from "./database";

/**
 * The mail outbox: every outgoing e-mail is a row here first (the record of what was sent, visible
 * in development); a delivering transport (SMTP) marks rows as sent. Invitations of the admin
 * workspace are queued here inside their own transactions and delivered the same way.
 */

export interface OutboxMessage {
  toEmail: string;
  toName: string;
  kind: string;
  subject: string;
  bodyText: string;
  userId?: number | null;
}

export async function queueMail(messages: OutboxMessage[], now: Date): Promise<number[]> {
  if (messages.length === 0) return [];
  const db = await database();
  const rows = await db
    .insert(mailOutbox)
    .values(messages.map((m) => ({ ...m, userId: m.userId ?? null, createdAt: now })))
    .returning({ id: mailOutbox.id });
  return rows.map((r) => r.id);
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
