import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { deliverQueuedMail, sendMail, setMailTransportForTests, smtpTransport } from "@/lib/mail/send-mail";
import { useFreshDatabase } from "../../support/test-database";

/** A minimal SMTP server on 127.0.0.1 that records what it receives (nothing leaves the machine). */
function fakeSmtp(options: { rejectData?: boolean } = {}) {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server: Server = createServer((socket: Socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 fake.smtp ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            if (options.rejectData) socket.write("554 rejected\r\n");
            else {
              received.push(current);
              socket.write("250 queued\r\n");
            }
            current = { from: "", to: [], data: "" };
          } else current.data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-fake.smtp\r\n250 8BITMIME\r\n");
        else if (verb === "MAIL") (current.from = line), socket.write("250 ok\r\n");
        else if (verb === "RCPT") current.to.push(line), socket.write("250 ok\r\n");
        else if (verb === "DATA") (inData = true), socket.write("354 go on\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  return {
    received,
    start: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const message = { toEmail: "Inkoop@Example.test", toName: "Inkoop", kind: "test", subject: "Bestelling K1 goedgekeurd", bodyText: "Hallo,\nuw bestelling is goedgekeurd." };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
});
afterAll(async () => {
  setMailTransportForTests(undefined);
  await db.dispose();
});

describe("the one mail interface", () => {
  it("writes to the outbox only when no SMTP is configured (tests never send real mail)", async () => {
    setMailTransportForTests(null);
    await sendMail(message);
    const rows = await handle.db.select().from(mailOutbox);
    expect(rows).toMatchObject([{ toEmail: "inkoop@example.test", subject: message.subject, sentAt: null }]);
    await expect(deliverQueuedMail()).resolves.toEqual({ sent: 0, failed: false });
  });

  it("delivers the outbox over SMTP when configured – also mail queued earlier by other features – and marks it sent", async () => {
    const smtp = fakeSmtp();
    const port = await smtp.start();
    try {
      setMailTransportForTests(smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`, "Koppel <no-reply@koppel.test>"));
      await sendMail({ ...message, toEmail: "second@example.test", subject: "Tweede" });
      const rows = await handle.db.select().from(mailOutbox);
      expect(rows.every((row) => row.sentAt !== null)).toBe(true);
      expect(smtp.received).toHaveLength(2);
      expect(smtp.received.map((m) => m.to.join())).toEqual([expect.stringContaining("inkoop@example.test"), expect.stringContaining("second@example.test")]);
      expect(smtp.received[0]!.data).toContain("Subject: Bestelling K1 goedgekeurd");
      await expect(deliverQueuedMail()).resolves.toEqual({ sent: 0, failed: false });
    } finally {
      await smtp.stop();
    }
  });

  it("keeps messages queued when the SMTP server refuses them, without failing the sender", async () => {
    const smtp = fakeSmtp({ rejectData: true });
    const port = await smtp.start();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      setMailTransportForTests(smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`, "Koppel <no-reply@koppel.test>"));
      await expect(sendMail({ ...message, subject: "Derde" })).resolves.toBeUndefined();
      const unsent = (await handle.db.select().from(mailOutbox)).filter((row) => row.sentAt === null);
      expect(unsent.map((row) => row.subject)).toEqual(["Derde"]);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
      await smtp.stop();
    }
  });
});
