import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orders, outboundMessages, protocolMessages, purchaseOrderSettings, purchaseOrders } from "@/db/schema";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { deliverDueMessages } from "@/lib/purchase-orders/outbound-worker";
import { resendOutboundMessage, respondToOrder, sealOutboundSecret, shipOrder } from "@/lib/purchase-orders/order-responses";
import {
  confirmOrderForStaff,
  getOrderSettingsForStaff,
  getPurchaseOrderForStaff,
  listOrdersForStaff,
  sendMissedConfirmationForStaff,
  updateOrderSettingsForStaff,
} from "@/lib/admin/purchase-orders";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection, validateCxmlBatch, validatorReady } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const FROM = { domain: "NetworkID", identity: "AN-OUTBOX-BUYER" };
const SECRET = "outbox-secret";
const OUR_SECRET = "our-secret-for-this-buyer";
let connectionId: number;
let companyId: number;
let product: { id: number; sku: string };
let server: Server;
let buyerUrl: string;
/** What the fake buyer answers next (consumed in order); afterwards 200 OK. */
let script: ({ http: number; cxml?: number } | "drop")[] = [];
const received: { payloadId: string; body: string }[] = [];
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
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  const customer = await createCompanyWithBuyer(handle);
  const connection = await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], to: { domain: "NetworkID", identity: "KOPPEL" }, secret: SECRET, origins: [] });
  connectionId = connection.id;
  companyId = customer.company.id;
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const next = script.shift() ?? { http: 200, cxml: 200 };
    received.push({ payloadId: /payloadID="([^"]+)"/.exec(body)?.[1] ?? "", body });
    if (next === "drop") {
      req.socket.destroy();
      return;
    }
    res.writeHead(next.http, { "content-type": "text/xml" });
    res.end(next.cxml ? `<cXML payloadID="r@buyer" timestamp="2026-11-28T10:00:00Z"><Response><Status code="${next.cxml}" text="x"/></Response></cXML>` : "oops");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  buyerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cxml/inbound`;
  await upsertPurchaseOrderSettings(connectionId, {
    orderResponseUrl: buyerUrl,
    outboundFrom: [{ domain: "NetworkID", identity: "KOPPEL" }],
    outboundSharedSecretEncrypted: sealOutboundSecret(OUR_SECRET),
  });
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.dispose();
});

let n = 0;
async function intake(options: { price?: string; quantity?: number } = {}): Promise<number> {
  const orderId = `PO-OUT-${n++}`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${orderId}@buyer" timestamp="2026-11-28T11:00:00+01:00">
<Header><From><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T10:59:00+01:00"><Total><Money currency="EUR">10.00</Money></Total>
<BillTo><Address><Name xml:lang="nl">B</Name></Address></BillTo></OrderRequestHeader>
<ItemOut quantity="${options.quantity ?? 4}" lineNumber="1"><ItemID><SupplierPartID>${product.sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">${options.price ?? "10.00"}</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
  const answer = await handleCxmlOrder({ bytes: Buffer.from(xml), truncated: false }, { remoteAddress: null, now: new Date(), baseUrl: "https://shop.example.nl", contentType: "text/xml" });
  expect(answer.cxmlCode).toBe(200);
  const [po] = await handle.db.select().from(purchaseOrders).where(eq(purchaseOrders.buyerOrderId, orderId));
  return po!.orderId;
}

const messagesOf = (orderId: number) => handle.db.select().from(outboundMessages).where(eq(outboundMessages.orderId, orderId)).orderBy(outboundMessages.id);
/** Runs the worker with a clock far enough ahead that every backoff has elapsed. */
const round = (minutesAhead = 0) => deliverDueMessages({ now: () => new Date(Date.now() + minutesAhead * 60_000), backoffBaseMs: 1000 });

describe("confirmations and ship notices through the outbox", () => {
  it("stores our outbound SharedSecret encrypted, not hashed, and the queued body encrypted", async () => {
    const [settings] = await handle.db.select().from(purchaseOrderSettings).where(eq(purchaseOrderSettings.connectionId, connectionId));
    expect(settings!.outboundSharedSecretEncrypted).not.toContain(OUR_SECRET);
    expect(decryptSecret(settings!.outboundSharedSecretEncrypted!, credentialsKey())).toBe(OUR_SECRET);
  });

  it("retries a confirmation after network error and 5xx/560 with the same payloadID, then marks it sent", async () => {
    const orderId = await intake();
    script = [{ http: 500 }, { http: 200, cxml: 560 }];
    const result = await respondToOrder(orderId, null, { kind: "accept" });
    expect(result).toEqual({ ok: true, queued: true });
    const [queued] = await messagesOf(orderId);
    expect(queued!.status).toBe("pending");
    expect(queued!.bodyEncrypted).not.toContain(OUR_SECRET);
    received.length = 0;
    await round();
    expect((await messagesOf(orderId))[0]!.status).toBe("pending");
    await round(10);
    expect((await messagesOf(orderId))[0]!.status).toBe("pending");
    await round(60);
    const [sent] = await messagesOf(orderId);
    expect(sent!.status).toBe("sent");
    expect(sent!.attempts).toBe(3);
    expect(received.map((r) => r.payloadId)).toEqual([queued!.payloadId, queued!.payloadId, queued!.payloadId]);
    expect(received[0]!.body).toContain(`<SharedSecret>${OUR_SECRET}</SharedSecret>`);
    expect(received[0]!.body).toContain('<ConfirmationHeader');
    expect(received[0]!.body).toContain(`payloadID="PO-OUT-0@buyer"`);
    produced["confirmation-accept"] = received[0]!.body;
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.status).toBe("confirmed");
    const logged = await handle.db.select().from(protocolMessages).where(eq(protocolMessages.type, "cxml.ConfirmationRequest"));
    expect(logged.length).toBeGreaterThanOrEqual(3);
    expect(logged.every((m) => !m.payload.includes(OUR_SECRET))).toBe(true);
    expect(logged.every((m) => m.companyId === companyId && m.connectionId === connectionId)).toBe(true);
  });

  it("a dropped connection is retried too; a 4xx is a permanent failure that can be resent by hand", async () => {
    const orderId = await intake();
    script = ["drop", { http: 200, cxml: 400 }];
    await respondToOrder(orderId, null, { kind: "change", comment: "Minder op voorraad", changes: [{ lineNumber: 1, quantity: 3, unitPriceMinor: 1000 }] });
    await round();
    expect((await messagesOf(orderId))[0]!.status).toBe("pending");
    await round(10);
    const [failed] = await messagesOf(orderId);
    expect(failed!.status).toBe("failed");
    expect(failed!.lastError).toMatch(/400/);
    produced["confirmation-detail"] = received.at(-1)!.body;
    expect(await resendOutboundMessage(failed!.id)).toBe(true);
    await round(20);
    const [sent] = await messagesOf(orderId);
    expect(sent!.status).toBe("sent");
    expect(received.at(-1)!.payloadId).toBe(failed!.payloadId);
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.subtotalMinor).toBe(3000);
  });

  it("reject needs a reason; rejected orders are confirmed as reject", async () => {
    const orderId = await intake({ price: "1.00" });
    expect(await respondToOrder(orderId, null, { kind: "reject", comment: "" })).toEqual({ ok: false, error: "invalid_input" });
    expect(await respondToOrder(orderId, null, { kind: "reject", comment: "Prijs klopt niet" })).toEqual({ ok: true, queued: true });
    await round(30);
    produced["confirmation-reject"] = received.at(-1)!.body;
    expect(received.at(-1)!.body).toContain('type="reject"');
  });

  it("records a shipment and sends a ShipNoticeRequest with carrier and tracking", async () => {
    const orderId = await intake();
    expect(await shipOrder(orderId, null, { carrier: "PostNL", trackingNumber: "too-early" })).toEqual({ ok: false, error: "invalid_status" });
    await respondToOrder(orderId, null, { kind: "accept" });
    expect(await shipOrder(orderId, null, { carrier: "PostNL", trackingNumber: "3SABC123", trackingUrl: "https://postnl.example/3SABC123" })).toEqual({ ok: true, queued: true });
    expect(await shipOrder(orderId, null, { carrier: "PostNL", trackingNumber: "again" })).toEqual({ ok: false, error: "invalid_status" });
    await round(40);
    const [, sent] = await messagesOf(orderId);
    expect(sent!.kind).toBe("ship_notice");
    expect(sent!.status).toBe("sent");
    const body = received.at(-1)!.body;
    expect(body).toContain("3SABC123");
    expect(body).toContain("PostNL");
    produced["ship-notice"] = body;
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.status).toBe("shipped");
  });


  it("admin order inbox: account managers see and act on their customers' orders only", async () => {
    const orderId = await intake();
    const mine = await createStaff(handle, "account_manager", [companyId]);
    const other = await createStaff(handle, "account_manager", []);
    const admin = await createStaff(handle, "admin");
    expect((await listOrdersForStaff(mine)).some((row) => row.id === orderId)).toBe(true);
    expect((await listOrdersForStaff(admin, { status: "needs_review" })).some((row) => row.id === orderId)).toBe(true);
    expect(await listOrdersForStaff(other)).toEqual([]);
    await expect(getPurchaseOrderForStaff(other, orderId)).rejects.toMatchObject({ code: "not_found" });
    await expect(confirmOrderForStaff(other, { orderId, decision: "accept", comment: null })).rejects.toMatchObject({ code: "not_found" });
    await expect(getOrderSettingsForStaff(other, connectionId)).rejects.toMatchObject({ code: "not_found" });
    const detail = await getPurchaseOrderForStaff(mine, orderId);
    expect(detail.purchaseLines[0]!.reasons.map((r) => r.code)).toContain("not_in_transfer");
    await confirmOrderForStaff(mine, { orderId, decision: "change", comment: "Prijs aangepast", line_1_quantity: "4", line_1_price: "9,50" });
    const after = await getPurchaseOrderForStaff(mine, orderId);
    expect(after.order.status).toBe("confirmed");
    expect(after.lines[0]!.unitPriceMinor).toBe(950);
    expect(after.outbound).toHaveLength(1);
    expect("bodyEncrypted" in after.outbound[0]!).toBe(false);
    await round(50);
    produced["confirmation-changed-price"] = received.at(-1)!.body;
    expect(received.at(-1)!.body).toContain('type="detail"');
  });

  it("order settings keep our secret encrypted and an OCI order secret hashed", async () => {
    const admin = await createStaff(handle, "admin");
    await updateOrderSettingsForStaff(admin, {
      connectionId,
      orderResponseUrl: buyerUrl,
      outboundDomain: "NetworkID",
      outboundIdentity: "KOPPEL",
      outboundSecret: "rotated-secret",
      orderSecret: null,
      priceTolerancePercent: 2.5,
      autoConfirm: false,
    });
    const [row] = await handle.db.select().from(purchaseOrderSettings).where(eq(purchaseOrderSettings.connectionId, connectionId));
    expect(row!.priceToleranceBasisPoints).toBe(250);
    expect(decryptSecret(row!.outboundSharedSecretEncrypted!, credentialsKey())).toBe("rotated-secret");
    const view = await getOrderSettingsForStaff(admin, connectionId);
    expect(JSON.stringify(view)).not.toContain("rotated-secret");
    expect(view.hasOutboundSecret).toBe(true);
  });

  it("says on the order, before the decision, that a connection without an address tells the buyer nothing", async () => {
    const orderId = await intake();
    const mine = await createStaff(handle, "account_manager", [companyId]);
    expect((await getPurchaseOrderForStaff(mine, orderId)).responseAddressMissing).toBe(false);
    await upsertPurchaseOrderSettings(connectionId, { orderResponseUrl: null });
    try {
      expect((await getPurchaseOrderForStaff(mine, orderId)).responseAddressMissing).toBe(true);
      // Deciding anyway is allowed (the manager may tell the customer himself); nothing is queued.
      expect(await confirmOrderForStaff(mine, { orderId, decision: "accept", comment: null })).toEqual({ queued: false });
      expect(await messagesOf(orderId)).toEqual([]);
    } finally {
      await upsertPurchaseOrderSettings(connectionId, { orderResponseUrl: buyerUrl });
    }
  });

  it("sends the confirmation of a decision taken without an address later, once, as the decision would have sent it", async () => {
    const mine = await createStaff(handle, "account_manager", [companyId]);
    const other = await createStaff(handle, "account_manager", []);
    const late = await intake();
    const twin = await intake();
    const decision = { decision: "change" as const, comment: "Minder op voorraad", line_1_quantity: "3", line_1_price: "9,50", line_1_date: "2026-12-08" };
    await upsertPurchaseOrderSettings(connectionId, { orderResponseUrl: null });
    try {
      expect(await confirmOrderForStaff(mine, { orderId: late, ...decision })).toEqual({ queued: false });
      // Still no address: not offered, and refused when pressed anyway.
      expect((await getPurchaseOrderForStaff(mine, late)).canSendMissedConfirmation).toBe(false);
      await expect(sendMissedConfirmationForStaff(mine, { orderId: late })).rejects.toMatchObject({ code: "conflict", message: "confirmation_no_address" });
    } finally {
      await upsertPurchaseOrderSettings(connectionId, { orderResponseUrl: buyerUrl });
    }
    // The same decision on a twin order with the address set: what the decision would have sent.
    expect(await confirmOrderForStaff(mine, { orderId: twin, ...decision })).toEqual({ queued: true });
    expect((await getPurchaseOrderForStaff(mine, twin)).canSendMissedConfirmation).toBe(false);
    expect((await getPurchaseOrderForStaff(mine, late)).canSendMissedConfirmation).toBe(true);
    // Undecided orders are not offered it.
    expect((await getPurchaseOrderForStaff(mine, await intake())).canSendMissedConfirmation).toBe(false);

    // Another manager's customer: refused as not found, nothing queued.
    await expect(sendMissedConfirmationForStaff(other, { orderId: late })).rejects.toMatchObject({ code: "not_found" });
    expect(await messagesOf(late)).toEqual([]);

    // The order's history says who sent it when; the refusals above wrote nothing.
    const sentEntries = async () => (await getPurchaseOrderForStaff(mine, late)).events.filter((event) => event.kind === "confirmation_sent");
    expect(await sentEntries()).toEqual([]);
    const sentAt = new Date(Date.now() - 1000);
    await sendMissedConfirmationForStaff(mine, { orderId: late }, sentAt);
    const entry = { kind: "confirmation_sent", status: "confirmed", userId: mine.id, userName: mine.name, comment: null, createdAt: sentAt };
    expect(await sentEntries()).toEqual([expect.objectContaining(entry)]);
    // A second press, and two at once, queue nothing more and add no entry.
    await expect(sendMissedConfirmationForStaff(mine, { orderId: late })).rejects.toMatchObject({ code: "conflict", message: "confirmation_already_sent" });
    const both = await Promise.allSettled([sendMissedConfirmationForStaff(mine, { orderId: late }), sendMissedConfirmationForStaff(mine, { orderId: late })]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await sentEntries()).toEqual([expect.objectContaining(entry)]);
    const queued = await messagesOf(late);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: "confirmation", url: buyerUrl, status: "pending" });
    expect((await getPurchaseOrderForStaff(mine, late)).canSendMissedConfirmation).toBe(false);
    expect((await handle.db.select().from(orders).where(eq(orders.id, late)))[0]!.status).toBe("confirmed");

    // Through the outbox: delivered by the worker and in the message log like any other.
    script = [];
    received.length = 0;
    await round(60);
    expect((await messagesOf(late))[0]!.status).toBe("sent");
    const lateBody = received.find((r) => r.payloadId === queued[0]!.payloadId)!.body;
    const twinPayloadId = (await messagesOf(twin))[0]!.payloadId;
    const twinBody = received.find((r) => r.payloadId === twinPayloadId)!.body;
    const [lateOrder, twinOrder] = await Promise.all([getPurchaseOrderForStaff(mine, late), getPurchaseOrderForStaff(mine, twin)]);
    // Alike but for what names the order and the moment.
    const neutral = (body: string, order: typeof lateOrder) =>
      body
        .replace(/(payloadID|timestamp|noticeDate)="[^"]*"/g, '$1="*"')
        .replaceAll(order.order.orderNumber, "ORDER")
        .replaceAll(order.purchaseOrder!.buyerOrderId, "PO");
    expect(neutral(lateBody, lateOrder)).toBe(neutral(twinBody, twinOrder));
    expect(lateBody).toContain('type="detail"');
    expect(lateBody).toContain("Minder op voorraad");
    produced["confirmation-late"] = lateBody;
    const logged = await handle.db.select().from(protocolMessages).where(eq(protocolMessages.type, "cxml.ConfirmationRequest"));
    expect(logged.some((m) => m.payload.includes(queued[0]!.payloadId))).toBe(true);
  });

  it("order settings of a new connection show the identity our documents use: the connection's To", async () => {
    const customer = await createCompanyWithBuyer(handle);
    const fresh = await createCxmlConnection(handle, customer.company.id, { from: [{ domain: "DUNS", identity: "fresh-buyer" }], sender: [{ domain: "DUNS", identity: "fresh-buyer" }], to: { domain: "DUNS", identity: "KOPPEL-DUNS" }, secret: "s", origins: [] });
    const admin = await createStaff(handle, "admin");
    const view = await getOrderSettingsForStaff(admin, fresh.id);
    expect(view.outbound).toEqual({ domain: "DUNS", identity: "KOPPEL-DUNS" });
    expect(view.orderResponseUrl).toBe("");
  });

  it.runIf(validatorReady)("every generated ConfirmationRequest / ShipNoticeRequest is DTD-valid", () => {
    expect(Object.keys(produced).length).toBe(6);
    const result = validateCxmlBatch(produced);
    expect(result.status, result.output).toBe(0);
  });
});
