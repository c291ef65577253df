import "server-only";
import { createTransport } from "nodemailer";
import type { MailOutboxRow } from "@/db/schema";
import { deliverUnsentMail, outboxAttachments, queueMail, type OutboxMessage } from "@/lib/data/mail-outbox";
import { env } from "@/lib/env";

/**
 * THE way Koppel sends e-mail. Every message is written to the mail outbox first (the default
 * transport: nothing leaves the machine, the outbox is visible at /dev/mail in development);
 * when SMTP_URL is configured the SMTP transport then delivers the outbox and marks rows sent.
 * Tests never configure SMTP, so no real mail is ever sent from a test.
 */

export type MailMessage = OutboxMessage;
export type { MailAttachment } from "@/lib/data/mail-outbox";

/** Delivers one outbox row to the outside world. */
export interface MailTransport {
  readonly name: string;
  deliver(row: MailOutboxRow): Promise<void>;
}

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = createTransport(url);
  return {
    name: "smtp",
    async deliver(row) {
      await transporter.sendMail({
        from,
        to: { name: row.toName, address: row.toEmail },
        subject: row.subject,
        text: row.bodyText,
        attachments: outboxAttachments(row).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
      });
    },
  };
}

const holder = globalThis as unknown as { __koppelMailTransport?: MailTransport | null };

/** The delivering transport, or null when only the outbox is used (no SMTP_URL). */
export function deliveringTransport(): MailTransport | null {
  if (holder.__koppelMailTransport === undefined) {
    holder.__koppelMailTransport = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : null;
  }
  return holder.__koppelMailTransport;
}

/** Tests swap the delivering transport (e.g. an SMTP transport aimed at a local fake server). */
export function setMailTransportForTests(transport: MailTransport | null | undefined): void {
  holder.__koppelMailTransport = transport;
}

/**
 * Queues messages in the outbox and, with SMTP configured, delivers what is queued. A failing
 * delivery never fails the business action that sent the mail: the rows stay queued for the
 * next run and the error is logged.
 */
export async function sendMail(messages: MailMessage | MailMessage[], now: Date = new Date()): Promise<void> {
  const list = (Array.isArray(messages) ? messages : [messages]).map((m) => ({ ...m, toEmail: m.toEmail.toLowerCase() }));
  await queueMail(list, now);
  await deliverQueuedMail();
}

/** Delivers the unsent outbox (also mail queued by other features inside their transactions). */
export async function deliverQueuedMail(limit = 100): Promise<{ sent: number; failed: boolean }> {
  const transport = deliveringTransport();
  if (!transport) return { sent: 0, failed: false };
  const result = await deliverUnsentMail((row) => transport.deliver(row), { limit, now: () => new Date() });
  if (result.error) console.error(`[koppel] mail delivery via ${transport.name} failed; messages stay queued`, result.error);
  return { sent: result.sent, failed: result.error !== null };
}

/**
 * With SMTP configured: retries the outbox every minute in the server process (messages queued by
 * other features in their own transactions, and deliveries that failed earlier).
 */
export function startMailDelivery(intervalMs = 60_000): void {
  const state = globalThis as unknown as { __koppelMailTimer?: ReturnType<typeof setInterval> };
  if (!deliveringTransport() || state.__koppelMailTimer) return;
  state.__koppelMailTimer = setInterval(() => void deliverQueuedMail().catch((error: unknown) => console.error("[koppel] mail delivery run failed", error)), intervalMs);
  state.__koppelMailTimer.unref?.();
}
