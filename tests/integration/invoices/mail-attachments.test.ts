import { createServer, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { mailOutbox, type MailOutboxRow } from "@/db/schema";
import { outboxAttachments } from "@/lib/data/mail-outbox";
import { renderInvoicePdf } from "@/lib/invoices/render-pdf";
import { invoiceMail } from "@/lib/mail/invoice-mail";
import { type MailAttachment, sendMail, setMailTransportForTests, smtpTransport } from "@/lib/mail/send-mail";
import { invoice } from "../../unit/einvoice/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/** A local SMTP server that keeps the DATA of every message (nothing leaves the machine). */
function fakeSmtp() {
  const received: string[] = [];
  const server = createServer((socket: Socket) => {
    let buffer = "";
    let data: string[] | null = null;
    socket.write("220 fake.smtp ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      let index: number;
      while ((index = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (data) {
          if (line === ".") {
            received.push(data.join("\n"));
            data = null;
            socket.write("250 queued\r\n");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-fake.smtp\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") (data = []), socket.write("354 go on\r\n");
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

/** The attachments of a raw MIME message: filename, content type and base64-decoded bytes. */
function mimeAttachments(raw: string): MailAttachment[] {
  const boundary = /boundary="?([^"\n;]+)"?/.exec(raw)?.[1];
  if (!boundary) throw new Error("not a multipart message");
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .filter((part) => /Content-Disposition: attachment/i.test(part))
    .map((part) => {
      const [headers, ...body] = part.replace(/^\n/, "").split("\n\n");
      const unfolded = headers!.replace(/\n[ \t]+/g, " ");
      return {
        filename: /filename="?([^";\n]+)"?/.exec(unfolded)![1]!,
        contentType: /Content-Type: ([^;\n]+)/i.exec(unfolded)![1]!,
        content: new Uint8Array(Buffer.from(body.join("\n\n").replace(/\s+/g, ""), "base64")),
      };
    });
}

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let pdf: Uint8Array;
/** Every byte value, so an encoding that is not binary-safe shows. */
const binary = new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
const doc = invoice({ number: "F2026-00044", paymentMeans: { code: "58", iban: "NL91ABNA0417164300" } });
const base = { toEmail: "Crediteuren@DeVries.test", toName: "Bouwbedrijf De Vries B.V.", kind: "invoice", subject: "Factuur F2026-00044", bodyText: "In de bijlage." };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  pdf = await renderInvoicePdf({ number: doc.number, kind: doc.kind, document: doc, locale: "nl" });
});
beforeEach(async () => {
  await handle.db.delete(mailOutbox);
});
afterEach(() => setMailTransportForTests(undefined));
afterAll(async () => {
  setMailTransportForTests(undefined);
  await db.dispose();
});

describe("mail attachments", () => {
  it("stores attachments base64 in the outbox row (the record of what was sent)", async () => {
    setMailTransportForTests(null);
    await sendMail({
      ...base,
      attachments: [
        { filename: "Factuur-F2026-00044.pdf", contentType: "application/pdf", content: pdf },
        { filename: "bytes.bin", contentType: "application/octet-stream", content: binary },
      ],
    });
    const [row] = await handle.db.select().from(mailOutbox);
    expect(row!.toEmail).toBe("crediteuren@devries.test");
    expect(row!.sentAt).toBeNull();
    expect(row!.attachments).toEqual([
      { filename: "Factuur-F2026-00044.pdf", contentType: "application/pdf", contentBase64: Buffer.from(pdf).toString("base64") },
      { filename: "bytes.bin", contentType: "application/octet-stream", contentBase64: Buffer.from(binary).toString("base64") },
    ]);
    expect(Buffer.from(row!.attachments[0]!.contentBase64, "base64").subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("stores no attachments for plain messages", async () => {
    setMailTransportForTests(null);
    await sendMail(base);
    const [row] = await handle.db.select().from(mailOutbox);
    expect(row!.attachments).toEqual([]);
  });

  it("hands filename, content type and the exact bytes to the delivering transport", async () => {
    const delivered: { row: MailOutboxRow; attachments: MailAttachment[] }[] = [];
    setMailTransportForTests({ name: "capture", deliver: async (row) => void delivered.push({ row, attachments: outboxAttachments(row) }) });
    await sendMail([
      { ...base, attachments: [{ filename: "Factuur-F2026-00044.pdf", contentType: "application/pdf", content: pdf }] },
      { ...base, subject: "Tweede", attachments: [{ filename: "bytes.bin", contentType: "application/octet-stream", content: binary }] },
    ]);
    expect(delivered.map((d) => d.row.subject)).toEqual(["Factuur F2026-00044", "Tweede"]);
    expect(delivered[0]!.attachments).toEqual([{ filename: "Factuur-F2026-00044.pdf", contentType: "application/pdf", content: new Uint8Array(pdf) }]);
    expect(delivered[1]!.attachments).toEqual([{ filename: "bytes.bin", contentType: "application/octet-stream", content: binary }]);
    const rows = await handle.db.select().from(mailOutbox);
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
  });

  it("sends the attachments over SMTP as MIME parts with the same bytes", async () => {
    const smtp = fakeSmtp();
    const port = await smtp.start();
    try {
      setMailTransportForTests(smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`, "Koppel <facturen@koppel.test>"));
      const message = invoiceMail({ email: "crediteuren@devries.test", name: "Bouwbedrijf De Vries B.V." }, { number: doc.number, kind: doc.kind, document: doc, pdf }, "nl");
      await sendMail({ ...message, attachments: [...(message.attachments ?? []), { filename: "bytes.bin", contentType: "application/octet-stream", content: binary }] });
      expect(smtp.received).toHaveLength(1);
      const raw = smtp.received[0]!;
      expect(raw).toContain("Subject: Factuur F2026-00044 van Koppel B.V.");
      expect(raw).toMatch(/Content-Type: multipart\/mixed/);
      expect(mimeAttachments(raw)).toEqual([
        { filename: "Factuur-F2026-00044.pdf", contentType: "application/pdf", content: new Uint8Array(pdf) },
        { filename: "bytes.bin", contentType: "application/octet-stream", content: binary },
      ]);
      const [row] = await handle.db.select().from(mailOutbox);
      expect(row!.sentAt).not.toBeNull();
    } finally {
      await smtp.stop();
    }
  });

  it.each([
    ["a path in the file name", { filename: "../etc/passwd", contentType: "application/pdf" }, /file name/],
    ["a line break in the file name", { filename: "a\r\nBcc: x@y.test.pdf", contentType: "application/pdf" }, /file name/],
    ["an empty file name", { filename: "", contentType: "application/pdf" }, /filename/],
    ["a malformed content type", { filename: "a.pdf", contentType: "pdf" }, /MIME type/],
  ])("rejects %s and queues nothing of the batch", async (_label, attachment, error) => {
    setMailTransportForTests(null);
    await expect(
      sendMail([
        { ...base, subject: "Goed" },
        { ...base, attachments: [{ ...attachment, content: pdf }] },
      ]),
    ).rejects.toThrow(error);
    expect(await handle.db.select().from(mailOutbox)).toEqual([]);
  });

  it("rejects attachments over 10 MB in total", async () => {
    setMailTransportForTests(null);
    const big = new Uint8Array(6 * 1024 * 1024);
    await expect(
      sendMail({ ...base, attachments: [{ filename: "a.bin", contentType: "application/octet-stream", content: big }, { filename: "b.bin", contentType: "application/octet-stream", content: big }] }),
    ).rejects.toThrow(/10 MB/);
    expect(await handle.db.select().from(mailOutbox)).toEqual([]);
  });
});
