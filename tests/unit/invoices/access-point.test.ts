import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccessPointError,
  httpAccessPointSender,
  outboxFolderSender,
  peppolDocumentTypeId,
  type AccessPointMessage,
} from "@/lib/invoices/access-point";

const message = (overrides: Partial<AccessPointMessage> = {}): AccessPointMessage => ({
  invoiceNumber: "F2026-00001",
  documentXml: '<?xml version="1.0" encoding="UTF-8"?>\n<Invoice/>\n',
  senderId: { scheme: "0106", id: "87654321" },
  receiverId: { scheme: "0190", id: "00000001234567890000" },
  documentType: "invoice",
  profile: "peppol",
  ...overrides,
});

describe("Peppol identifiers", () => {
  it.each([
    ["invoice", "peppol", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"],
    ["credit_note", "peppol", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"],
    ["invoice", "nlcius", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0::2.1"],
  ] as const)("%s / %s → document type id", (documentType, profile, expected) => {
    expect(peppolDocumentTypeId({ documentType, profile })).toBe(expected);
  });
});

describe("outbox folder sender", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "koppel-ap-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes <number>.xml and a JSON envelope with the routing data, and nothing else", async () => {
    const sender = outboxFolderSender(dir, () => new Date("2026-11-28T10:00:00Z"));
    const { messageId } = await sender.send(message());
    expect(readdirSync(dir).sort()).toEqual(["F2026-00001.json", "F2026-00001.xml"]);
    expect(readFileSync(path.join(dir, "F2026-00001.xml"), "utf8")).toBe(message().documentXml);
    const envelope = JSON.parse(readFileSync(path.join(dir, "F2026-00001.json"), "utf8")) as Record<string, string>;
    expect(envelope).toMatchObject({
      invoiceNumber: "F2026-00001",
      file: "F2026-00001.xml",
      sender: "iso6523-actorid-upis::0106:87654321",
      receiver: "iso6523-actorid-upis::0190:00000001234567890000",
      processId: "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
      documentType: "invoice",
      profile: "peppol",
      createdAt: "2026-11-28T10:00:00.000Z",
    });
    expect(envelope.documentTypeId).toContain("Invoice-2::Invoice##");
    expect(messageId).toContain(envelope.messageId!);
    expect(messageId).toBe(`${envelope.messageId} (F2026-00001.xml)`);
    expect(messageId).not.toContain(dir);
  });

  it("keeps the NLCIUS variant apart, overwrites on resend with a new message id, and sanitises the file name", async () => {
    const sender = outboxFolderSender(dir);
    await sender.send(message({ profile: "nlcius", documentXml: "<a/>" }));
    const first = JSON.parse(readFileSync(path.join(dir, "F2026-00001-nlcius.json"), "utf8")) as { messageId: string };
    await sender.send(message({ profile: "nlcius", documentXml: "<b/>" }));
    const second = JSON.parse(readFileSync(path.join(dir, "F2026-00001-nlcius.json"), "utf8")) as { messageId: string };
    expect(second.messageId).not.toBe(first.messageId);
    expect(readFileSync(path.join(dir, "F2026-00001-nlcius.xml"), "utf8")).toBe("<b/>");
    await sender.send(message({ invoiceNumber: "../evil/F1" }));
    expect(readdirSync(dir).filter((name) => name.startsWith("..") || name.includes("/"))).toEqual([]);
    expect(readdirSync(dir)).toContain("_._evil_F1.xml");
    expect(readdirSync(dir).some((name) => name.endsWith(".tmp.xml") || name.endsWith(".tmp.json"))).toBe(false);
  });
});

describe("HTTP access point sender", () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: string; headers?: Record<string, string> } | "drop" = { status: 200, body: "{}" };
  const received: { headers: IncomingMessage["headers"]; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        if (answer === "drop") {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/outbound`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("POSTs the UBL with the bearer token and routing headers and returns the AP's message id", async () => {
    answer = { status: 202, body: JSON.stringify({ messageId: "ap-123" }) };
    const result = await httpAccessPointSender(url, "secret-token-1").send(message({ documentType: "credit_note" }));
    expect(result).toEqual({ messageId: "ap-123" });
    const request = received.at(-1)!;
    expect(request.body).toBe(message().documentXml);
    expect(request.headers.authorization).toBe("Bearer secret-token-1");
    expect(request.headers["content-type"]).toMatch(/^application\/xml/);
    expect(request.headers["x-peppol-sender"]).toBe("iso6523-actorid-upis::0106:87654321");
    expect(request.headers["x-peppol-receiver"]).toBe("iso6523-actorid-upis::0190:00000001234567890000");
    expect(request.headers["x-peppol-document-type"]).toContain("CreditNote-2::CreditNote##");
    expect(request.headers["x-invoice-number"]).toBe("F2026-00001");
  });

  it("accepts `id` in the body or an X-Message-Id header", async () => {
    answer = { status: 200, body: JSON.stringify({ id: 42 }) };
    expect(await httpAccessPointSender(url, undefined).send(message())).toEqual({ messageId: "42" });
    expect(received.at(-1)!.headers.authorization).toBeUndefined();
    answer = { status: 201, body: "accepted", headers: { "x-message-id": "hdr-7" } };
    expect(await httpAccessPointSender(url, "secret-token-1").send(message())).toEqual({ messageId: "hdr-7" });
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [400, false],
    [401, false],
    [422, false],
  ])("HTTP %i → AccessPointError, retryable %s", async (status, retryable) => {
    answer = { status, body: "nope" };
    const failure = await httpAccessPointSender(url, "secret-token-1").send(message()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AccessPointError);
    expect(failure).toMatchObject({ retryable, httpStatus: status });
    expect((failure as Error).message).toContain(String(status));
  });

  it("a 2xx without a message id is a permanent error (resending could deliver twice)", async () => {
    answer = { status: 200, body: "{}" };
    await expect(httpAccessPointSender(url, "t0ken-123").send(message())).rejects.toMatchObject({ retryable: false });
  });

  it("a dropped connection or an unreachable AP is retryable", async () => {
    answer = "drop";
    await expect(httpAccessPointSender(url, "t0ken-123").send(message())).rejects.toMatchObject({ name: "AccessPointError", retryable: true });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(httpAccessPointSender(`http://127.0.0.1:${port}/`, "t0ken-123", { timeoutMs: 2000 }).send(message())).rejects.toMatchObject({
      retryable: true,
    });
  });
});
