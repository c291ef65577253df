import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { invoiceDeliveries, invoices, outboundMessages, protocolMessages, purchaseOrders, type InvoiceDelivery } from "@/db/schema";
import { listMessageLogForStaff, messageInvoiceId } from "@/lib/admin/protocol-messages";
import { upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { deliverDueInvoices, resendInvoiceDelivery } from "@/lib/invoices/deliver-invoices";
import { issueCreditNote, issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { renderInvoiceFile } from "@/lib/invoices/render-invoice-file";
import { resendOutboundMessage, sealOutboundSecret } from "@/lib/purchase-orders/order-responses";
import { deliverDueMessages } from "@/lib/purchase-orders/outbound-worker";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import {
  createInvoiceCustomer,
  createSupplierProfile,
  CXML_VALIDATOR,
  placeCxmlOrder,
  placeWebOrder,
  runValidatorBatch,
  validatorsMissing,
} from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let server: Server;
let buyerUrl: string;
let product: Awaited<ReturnType<typeof createProduct>>;
const NOW = new Date("2026-11-28T10:00:00Z");
const OUR_SECRET = "our-invoice-secret-for-buyer";
/** What the fake buyer endpoint answers next (consumed in order); afterwards 200 + Status 200. */
let script: ({ http: number; cxml?: number } | "drop")[] = [];
const received: { payloadId: string; body: string; contentType: string | undefined }[] = [];
const produced: Record<string, string> = {};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    req.on("end", () => resolve(data));
  });

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 1000, vatRateBasisPoints: 2100 });
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const next = script.shift() ?? { http: 200, cxml: 200 };
    received.push({ payloadId: /<cXML[^>]*payloadID="([^"]+)"/.exec(body)?.[1] ?? "", body, contentType: req.headers["content-type"] });
    if (next === "drop") {
      req.socket.destroy();
      return;
    }
    res.writeHead(next.http, { "content-type": "text/xml" });
    res.end(next.cxml ? `<cXML payloadID="r-${received.length}@buyer" timestamp="2026-11-28T10:00:00+00:00"><Response><Status code="${next.cxml}" text="x"/></Response></cXML>` : "oops");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  buyerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cxml/invoices`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.dispose();
});

let n = 0;
/** A cXML customer whose OrderRequest came in through the real intake; the connection gets our outbound settings. */
async function cxmlCustomer(options: { url?: string | null } = {}) {
  const customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", vatId: "NL123456789B01", invoiceChannels: ["cxml"] });
  const buyerOrderId = `PO-INV-${n++}`;
  const order = await placeCxmlOrder(handle, customer, [{ productId: product.id, sku: product.sku, quantity: 4, unitPriceMinor: 1000, vatRateBasisPoints: 2100 }], {
    orderId: buyerOrderId,
    now: NOW,
  });
  const [po] = await handle.db.select().from(purchaseOrders).where(eq(purchaseOrders.orderId, order.orderId));
  await upsertPurchaseOrderSettings(po!.connectionId, {
    orderResponseUrl: options.url === undefined ? buyerUrl : options.url,
    outboundFrom: [{ domain: "NetworkID", identity: "AN-KOPPEL-SUPPLIER" }],
    outboundSharedSecretEncrypted: sealOutboundSecret(OUR_SECRET),
  });
  return { customer, order, buyerOrderId, connectionId: po!.connectionId };
}

async function issue(orderId: number) {
  const result = await issueInvoiceForOrder({ orderId, userId: null, now: NOW });
  if (!result.ok) throw new Error(`issue failed: ${result.error} ${result.detail ?? ""}`);
  return result.invoice;
}

const cxmlDelivery = async (invoiceId: number): Promise<InvoiceDelivery> =>
  (await handle.db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, invoiceId)).then((rows) => rows.find((r) => r.channel === "cxml")))!;
const invoiceRow = async (id: number) => (await handle.db.select().from(invoices).where(eq(invoices.id, id)))[0]!;
/** One invoice worker pass and one outbound worker pass, `minutes` ahead so leases and backoffs have elapsed. */
async function round(minutes = 0) {
  const now = () => new Date(Date.now() + minutes * 60_000);
  await deliverDueInvoices({ now, backoffBaseMs: 1000 });
  await deliverDueMessages({ now, backoffBaseMs: 1000 });
}

describe("cXML InvoiceDetailRequest through the outbound queue", () => {
  it("the buyer's endpoint receives a DTD-valid InvoiceDetailRequest referencing the OrderRequest; the delivery ends sent", async () => {
    const { order, buyerOrderId, connectionId, customer } = await cxmlCustomer();
    const created = await issue(order.orderId);
    expect(await cxmlDelivery(created.id)).toMatchObject({ status: "pending", outboundMessageId: null });

    await deliverDueInvoices();
    const queued = await cxmlDelivery(created.id);
    expect(queued.status).toBe("pending");
    expect(queued.outboundMessageId).not.toBeNull();
    const [message] = await handle.db.select().from(outboundMessages).where(eq(outboundMessages.id, queued.outboundMessageId!));
    expect(message).toMatchObject({ kind: "invoice", status: "pending", connectionId, orderId: order.orderId, url: buyerUrl });
    expect(message!.bodyEncrypted).not.toContain(OUR_SECRET);
    expect(queued.externalReference).toBe(message!.payloadId);

    received.length = 0;
    await deliverDueMessages();
    expect(received).toHaveLength(1);
    const body = received[0]!.body;
    expect(received[0]!.payloadId).toBe(message!.payloadId);
    expect(received[0]!.contentType).toMatch(/^text\/xml/);
    expect(body).toContain('<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.037/InvoiceDetail.dtd">');
    expect(body).toContain(`invoiceID="${created.number}"`);
    expect(body).toContain(`<OrderReference orderID="${buyerOrderId}"`);
    expect(body).toContain(`<DocumentReference payloadID="${order.payloadId}"/>`);
    expect(body).toContain('<InvoiceDetailItemReference lineNumber="1">');
    expect(body).toContain(`<SharedSecret>${OUR_SECRET}</SharedSecret>`);
    expect(body).toMatch(/<From>\s*<Credential domain="NetworkID">\s*<Identity>AN-KOPPEL-SUPPLIER<\/Identity>/);
    expect(body).toMatch(/<To>\s*<Credential domain="NetworkID">\s*<Identity>AN-INV-/);
    produced["invoice-detail-request"] = body;

    const sent = await cxmlDelivery(created.id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);

    // The message log: the HTTP attempt (secret redacted) links to the invoice, plus the delivery row.
    const logged = await handle.db.select().from(protocolMessages).where(eq(protocolMessages.type, "cxml.InvoiceDetailRequest"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ direction: "outbound", status: "ok", companyId: customer.company.id, connectionId });
    expect(logged[0]!.payload).not.toContain(OUR_SECRET);
    expect(messageInvoiceId(logged[0]!)).toBe(created.id);
    const admin = await createStaff(handle, "admin");
    const log = await listMessageLogForStaff(admin, { type: "invoice", connectionId });
    expect(log.map((e) => e.kind).sort()).toEqual(["invoice", "message"]);
    expect(log.find((e) => e.kind === "invoice")).toMatchObject({ delivery: { invoiceId: created.id, channel: "cxml", status: "sent", payloadId: message!.payloadId } });

    // The download is the document that was sent, without our SharedSecret.
    const file = await renderInvoiceFile(await invoiceRow(created.id), "cxml");
    expect(file.filename).toBe(`${created.number}-cxml.xml`);
    expect(file.body).toContain(`payloadID="${message!.payloadId}"`);
    expect(file.body).not.toContain("SharedSecret");
    expect(file.body).not.toContain(OUR_SECRET);
    produced["invoice-detail-download"] = file.body;
  });

  it("a credit note goes out as a line-level credit memo referencing the invoice and the same OrderRequest", async () => {
    const { order, buyerOrderId } = await cxmlCustomer();
    const invoice = await issue(order.orderId);
    await round();
    const credit = await issueCreditNote({ invoiceId: invoice.id, lines: "all", reason: "Retour", userId: null, now: NOW });
    if (!credit.ok) throw new Error(credit.error);
    received.length = 0;
    await round();
    expect(await cxmlDelivery(credit.invoice.id)).toMatchObject({ status: "sent" });
    const body = received.find((r) => r.body.includes(`invoiceID="${credit.invoice.number}"`))!.body;
    expect(body).toContain('purpose="lineLevelCreditMemo"');
    expect(body).toContain(`<InvoiceIDInfo invoiceID="${invoice.number}"`);
    expect(body).toContain(`<OrderReference orderID="${buyerOrderId}"`);
    expect(body).toContain(`<DocumentReference payloadID="${order.payloadId}"/>`);
    produced["credit-memo"] = body;
  });

  it("a failing endpoint is retried with the same payloadID; the error is mirrored; 4xx fails it; resend delivers it", async () => {
    const { order } = await cxmlCustomer();
    const created = await issue(order.orderId);
    script = [{ http: 500 }, "drop", { http: 200, cxml: 400 }];
    received.length = 0;
    await round();
    let row = await cxmlDelivery(created.id);
    expect(row.status).toBe("pending");
    expect(row.lastError).toMatch(/HTTP 500/);
    expect(row.attempts).toBe(1);
    await round(10);
    row = await cxmlDelivery(created.id);
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    await round(20);
    row = await cxmlDelivery(created.id);
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/Status 400/);
    const payloadIds = new Set(received.map((r) => r.payloadId));
    expect(payloadIds.size).toBe(1);
    // Nothing more happens to a failed delivery.
    await round(60);
    expect(received).toHaveLength(3);

    expect(await resendInvoiceDelivery(created.id, "cxml")).toBe(true);
    expect(await cxmlDelivery(created.id)).toMatchObject({ status: "pending", attempts: 0, lastError: null, outboundMessageId: row.outboundMessageId });
    await round();
    expect(await cxmlDelivery(created.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(received).toHaveLength(4);
    expect(received.at(-1)!.payloadId).toBe([...payloadIds][0]);
    const messages = await handle.db.select().from(outboundMessages).where(eq(outboundMessages.orderId, order.orderId));
    expect(messages.filter((m) => m.kind === "invoice")).toHaveLength(1);
  });

  it("a resend from the order's outbound list (requeueOutboundMessage) also puts the delivery back", async () => {
    const { order } = await cxmlCustomer();
    const created = await issue(order.orderId);
    script = [{ http: 403 }];
    await round();
    const failed = await cxmlDelivery(created.id);
    expect(failed.status).toBe("failed");
    expect(await resendOutboundMessage(failed.outboundMessageId!)).toBe(true);
    expect((await cxmlDelivery(created.id)).status).toBe("pending");
    await round(5);
    expect((await cxmlDelivery(created.id)).status).toBe("sent");
  });

  it("without an order-response URL the delivery fails with a clear error, and works after configuring one and resending", async () => {
    const { order, connectionId } = await cxmlCustomer({ url: null });
    const created = await issue(order.orderId);
    await round();
    const row = await cxmlDelivery(created.id);
    expect(row.status).toBe("failed");
    expect(row.outboundMessageId).toBeNull();
    expect(row.lastError).toMatch(/^no order-response URL configured for connection cXML /);
    await upsertPurchaseOrderSettings(connectionId, { orderResponseUrl: buyerUrl });
    expect(await resendInvoiceDelivery(created.id, "cxml")).toBe(true);
    await round();
    expect(await cxmlDelivery(created.id)).toMatchObject({ status: "sent" });
  });

  it("an invoice that bills no OrderRequest has no cXML delivery, cannot be resent or downloaded as cXML", async () => {
    const { customer } = await cxmlCustomer();
    const web = await placeWebOrder(customer, [{ sku: product.sku, quantity: 1 }], { poNumber: "WEB-1", now: NOW });
    const created = await issue(web.id);
    await round();
    expect(await cxmlDelivery(created.id)).toBeUndefined();
    expect(await resendInvoiceDelivery(created.id, "cxml")).toBe(false);
    expect(await cxmlDelivery(created.id)).toBeUndefined();
    await expect(renderInvoiceFile(await invoiceRow(created.id), "cxml")).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/does not bill a cXML OrderRequest/),
    });
  });

  it.skipIf(validatorsMissing !== null && !process.env.CI)("every InvoiceDetailRequest sent or downloaded is valid against InvoiceDetail.dtd", () => {
    if (validatorsMissing) throw new Error(validatorsMissing);
    expect(Object.keys(produced)).toEqual(expect.arrayContaining(["invoice-detail-request", "invoice-detail-download", "credit-memo"]));
    const result = runValidatorBatch(CXML_VALIDATOR, produced);
    expect(result.fatal, result.output).toEqual([]);
    expect(result.status, result.output).toBe(0);
  });
});
