// The message log links what a message concerns: its order (list and detail), its connection and
// customer (detail), and a replay tells the account manager what it did. Also the customer page's
// list of the customer's connections.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orders, protocolMessages, purchaseOrders } from "@/db/schema";
import { replayMessageForStaff } from "@/lib/admin/message-replay";
import { getMessageForStaff, listMessageLogForStaff } from "@/lib/admin/protocol-messages";
import { listCustomerConnectionsForStaff } from "@/lib/admin/punchout-connections";
import type { StaffUser } from "@/lib/auth/guards";
import { listProtocolMessages } from "@/lib/data/protocol-messages";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const FROM = { domain: "NetworkID", identity: "AN-LOG-LINKS" };
const SECRET = "log-links-secret";

let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let connection: Awaited<ReturnType<typeof createCxmlConnection>>;
let otherConnection: Awaited<ReturnType<typeof createCxmlConnection>>;
let product: { id: number; sku: string };
let admin: StaffUser;
let manager: StaffUser;
let outsider: StaffUser;

function orderRequest(orderId: string, payloadId: string, type: "new" | "update" = "new"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${payloadId}" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="${FROM.domain}"><Identity>${FROM.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="${FROM.domain}"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest>
<OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T10:59:00+01:00" type="${type}" orderVersion="1">
<Total><Money currency="EUR">10.00</Money></Total>
</OrderRequestHeader>
<ItemOut quantity="1" lineNumber="1"><ItemID><SupplierPartID>${product.sku}</SupplierPartID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">10.00</Money></UnitPrice><Description xml:lang="nl">Artikel</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
}

async function post(xml: string) {
  return handleCxmlOrder({ bytes: new TextEncoder().encode(xml), truncated: false }, { remoteAddress: "203.0.113.9", now: NOW, baseUrl: "https://shop.example.nl", contentType: "text/xml" });
}

async function orderOf(buyerOrderId: string) {
  const [row] = await handle.db
    .select({ id: orders.id, number: orders.orderNumber })
    .from(purchaseOrders)
    .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
    .where(and(eq(purchaseOrders.connectionId, connection.id), eq(purchaseOrders.buyerOrderId, buyerOrderId)));
  return row ?? null;
}

async function countOrders(buyerOrderId: string): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(purchaseOrders).where(eq(purchaseOrders.buyerOrderId, buyerOrderId));
  return row!.n;
}

/** The inbound log row of a document, by its payloadID (the first one: the document as it came in). */
async function loggedInbound(payloadId: string) {
  const rows = await handle.db.select().from(protocolMessages).where(and(eq(protocolMessages.direction, "inbound"), eq(protocolMessages.connectionId, connection.id)));
  return rows.filter((row) => row.summary.payloadId === payloadId).sort((a, b) => a.id - b.id)[0]!;
}

/** A log row written by hand (as the outbound worker or a failed first attempt would). */
async function logRow(values: Partial<typeof protocolMessages.$inferInsert> & Pick<typeof protocolMessages.$inferInsert, "summary">) {
  const [row] = await handle.db
    .insert(protocolMessages)
    .values({ protocol: "cxml", direction: "outbound", type: "cxml.ConfirmationRequest", status: "ok", payload: "<cXML/>", connectionId: connection.id, companyId: customer.company.id, ...values })
    .returning();
  return row!;
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  connection = await createCxmlConnection(handle, customer.company.id, { name: "Ariba productie", from: [FROM], sender: [FROM], secret: SECRET, origins: [] });
  otherConnection = await createCxmlConnection(handle, other.company.id, { name: "Coupa", from: [{ domain: "NetworkID", identity: "AN-OTHER" }], sender: [FROM], secret: "x", origins: [] });
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  outsider = await createStaff(handle, "account_manager", [other.company.id]);
  expect((await post(orderRequest("PO-LINK-1", "link-1@buyer"))).cxmlCode).toBe(200);
}, 120_000);
afterAll(() => db.dispose());

describe("the message log's order links", () => {
  it("lists an OrderRequest with the order it created; its answer and other types have none", async () => {
    const order = await orderOf("PO-LINK-1");
    expect(order).not.toBeNull();
    const entries = await listMessageLogForStaff(manager, { connectionId: connection.id });
    const messages = entries.flatMap((entry) => (entry.kind === "message" ? [entry.message] : []));
    const inbound = messages.find((m) => m.type === "cxml.OrderRequest" && m.summary.payloadId === "link-1@buyer");
    expect(inbound?.order).toEqual({ id: order!.id, number: order!.number });
    const answer = messages.find((m) => m.direction === "outbound" && m.summary.inReplyTo === "link-1@buyer");
    expect(answer).toBeDefined();
    expect(answer!.order).toBeNull();
  });

  it("resolves our order id given as a number (confirmations, replays), never the buyer's order id string nor another customer's order", async () => {
    const order = (await orderOf("PO-LINK-1"))!;
    const confirmation = await logRow({ summary: { payloadId: "conf-1", orderId: order.id } });
    // An inbound OrderRequest's orderId is the buyer's; even one that looks like our id is not ours.
    const buyersId = await logRow({ direction: "inbound", type: "cxml.OrderRequest", summary: { orderId: String(order.id) } });
    const fraction = await logRow({ summary: { orderId: order.id + 0.5 } });
    // Another customer's message naming this customer's order number links nothing.
    const foreign = await logRow({ connectionId: otherConnection.id, companyId: other.company.id, summary: { order: order.number } });
    const byId = new Map((await listProtocolMessages({}, 100)).map((m) => [m.id, m.order]));
    expect(byId.get(confirmation.id)).toEqual({ id: order.id, number: order.number });
    expect(byId.get(buyersId.id)).toBeNull();
    expect(byId.get(fraction.id)).toBeNull();
    expect(byId.get(foreign.id)).toBeNull();
  });

  it("shows a message with its connection, customer and order; the customer's scope still applies", async () => {
    const order = (await orderOf("PO-LINK-1"))!;
    const inbound = await loggedInbound("link-1@buyer");
    const detail = await getMessageForStaff(manager, inbound.id);
    expect(detail.connection).toEqual({ id: connection.id, name: "Ariba productie" });
    expect(detail.company).toEqual({ id: customer.company.id, name: customer.company.name });
    expect(detail.order).toEqual({ id: order.id, number: order.number });
    expect(detail.summary.order).toBe(order.number);
    await expect(getMessageForStaff(outsider, inbound.id)).rejects.toMatchObject({ code: "not_found" });
    // A message without connection or customer (an unknown sender) has neither.
    const anonymous = await logRow({ connectionId: null, companyId: null, direction: "inbound", type: "cxml.OrderRequest", status: "rejected", summary: {} });
    const shown = await getMessageForStaff(admin, anonymous.id);
    expect(shown.connection).toBeNull();
    expect(shown.company).toBeNull();
    expect(shown.order).toBeNull();
  });
});

describe("replaying a logged OrderRequest", () => {
  it("says the order existed and was not created twice", async () => {
    const order = (await orderOf("PO-LINK-1"))!;
    const inbound = await loggedInbound("link-1@buyer");
    expect(await replayMessageForStaff(manager, inbound.id)).toEqual({ kind: "existing", order: { id: order.id, number: order.number } });
    expect(await countOrders("PO-LINK-1")).toBe(1);
    await expect(replayMessageForStaff(outsider, inbound.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("names the order it created when the first attempt failed on our side", async () => {
    // As logged when storing failed (a 500): the document is in the log, no order exists.
    const failed = await logRow({
      direction: "inbound",
      type: "cxml.OrderRequest",
      status: "error",
      httpStatus: 200,
      payload: orderRequest("PO-LINK-2", "link-2@buyer").replace(SECRET, "***"),
      summary: { payloadId: "link-2@buyer", cxmlStatus: 500 },
      error: "500: database unavailable",
    });
    expect(await countOrders("PO-LINK-2")).toBe(0);
    const outcome = await replayMessageForStaff(admin, failed.id);
    const order = await orderOf("PO-LINK-2");
    expect(order).not.toBeNull();
    expect(outcome).toEqual({ kind: "created", order: { id: order!.id, number: order!.number } });
    // Again: now it exists.
    expect(await replayMessageForStaff(admin, failed.id)).toEqual({ kind: "existing", order: { id: order!.id, number: order!.number } });
    expect(await countOrders("PO-LINK-2")).toBe(1);
  });

  it("says why it was refused again: another document already created the buyer's order", async () => {
    expect((await post(orderRequest("PO-LINK-1", "link-1-again@buyer"))).cxmlCode).toBe(409);
    const refused = await loggedInbound("link-1-again@buyer");
    expect(refused.status).toBe("rejected");
    const outcome = await replayMessageForStaff(admin, refused.id);
    expect(outcome).toMatchObject({ kind: "refused", code: 409 });
    expect(outcome.kind === "refused" && outcome.reason).toMatch(/PO-LINK-1 already exists/);
    expect(await countOrders("PO-LINK-1")).toBe(1);
  });
});

describe("a customer's connections", () => {
  it("lists the customer's own connections, within the staff member's scope", async () => {
    expect((await listCustomerConnectionsForStaff(manager, customer.company.id)).map((c) => c.id)).toEqual([connection.id]);
    expect((await listCustomerConnectionsForStaff(admin, other.company.id)).map((c) => c.id)).toEqual([otherConnection.id]);
    expect(await listCustomerConnectionsForStaff(outsider, customer.company.id)).toEqual([]);
  });
});

describe("finding a purchase order's messages by its number (\"did you get our order?\")", () => {
  const ids = async (staff: StaffUser, document: string) =>
    (await listMessageLogForStaff(staff, { document })).map((entry) => (entry.kind === "message" ? `${entry.message.direction} ${entry.message.type} ${entry.message.status}` : "invoice"));

  it("finds the OrderRequests with that orderID, refused ones included, and our Responses to them; and what we sent for its order", async () => {
    expect((await post(orderRequest("PO-FIND-1", "find-1@buyer"))).cxmlCode).toBe(200);
    // The same number again under another payloadID: refused (409), but the customer did send it.
    expect((await post(orderRequest("PO-FIND-1", "find-1-again@buyer"))).cxmlCode).toBe(409);
    const order = (await orderOf("PO-FIND-1"))!;
    await logRow({ summary: { payloadId: "find-conf@koppel", orderId: order.id } });
    const found = await ids(manager, "PO-FIND-1");
    expect(found.filter((row) => row === "inbound cxml.OrderRequest ok")).toHaveLength(1);
    expect(found.filter((row) => row === "inbound cxml.OrderRequest rejected")).toHaveLength(1);
    expect(found.filter((row) => row.startsWith("outbound cxml.Response"))).toHaveLength(2);
    expect(found).toContain("outbound cxml.ConfirmationRequest ok");
    expect(found).not.toContain("invoice");
    // Our order number finds the same order's messages we sent; a payloadID finds that document and its Response.
    expect(await ids(manager, order.number)).toContain("outbound cxml.ConfirmationRequest ok");
    expect(await ids(manager, "find-1-again@buyer")).toEqual(["outbound cxml.Response rejected", "inbound cxml.OrderRequest rejected"]);
    // Exact numbers only, and only within the staff member's customers.
    expect(await ids(manager, "PO-FIND")).toEqual([]);
    expect(await ids(outsider, "PO-FIND-1")).toEqual([]);
  });
});

describe("a document we could not read", () => {
  it("is logged on the connection its From identity names, findable by its PO number; an unknown identity stays with the administrator", async () => {
    const broken = orderRequest("PO-BROKEN-1", "broken-1@buyer").replace("</OrderRequestHeader>", "</OrderRequestHeadr>");
    expect((await post(broken)).cxmlCode).toBe(406);
    const rows = (await listMessageLogForStaff(manager, { document: "PO-BROKEN-1" })).flatMap((entry) => (entry.kind === "message" ? [entry.message] : []));
    expect(rows.map((m) => `${m.direction} ${m.type} ${m.status} ${m.connectionId}`)).toEqual([
      `outbound cxml.Response rejected ${connection.id}`,
      `inbound cxml.unparseable rejected ${connection.id}`,
    ]);
    expect(rows[1]!.error).toMatch(/^406: /);
    expect(rows[1]!.summary).toMatchObject({ payloadId: "broken-1@buyer", orderId: "PO-BROKEN-1", cxmlStatus: 406 });
    expect(rows[1]!.payload).not.toContain(SECRET);
    expect(await listMessageLogForStaff(outsider, { document: "PO-BROKEN-1" })).toEqual([]);

    const stranger = broken.replaceAll(FROM.identity, "AN-NOBODY-BROKEN").replace("PO-BROKEN-1", "PO-BROKEN-2").replace("broken-1@buyer", "broken-2@buyer");
    expect((await post(stranger)).cxmlCode).toBe(406);
    expect(await listMessageLogForStaff(manager, { document: "PO-BROKEN-2" })).toEqual([]);
    const forAdmin = (await listMessageLogForStaff(admin, { document: "PO-BROKEN-2" })).flatMap((entry) => (entry.kind === "message" ? [entry.message] : []));
    expect(forAdmin.find((m) => m.direction === "inbound")).toMatchObject({ connectionId: null, companyId: null });
  });
});
