// The ERP's decision on an order through the admin API (POST /admin/api/orders/:number/confirmation and
// …/cancellation), through the route handlers with real keys: what the order page's confirm and cancel forms
// do, the ConfirmationRequest queued for a procurement system with the values the ERP sent, and a retry after
// a timeout answered "replayed" without a second document or mail.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { mailOutbox, orderLines, orders, outboundMessages, purchaseOrders } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import type { StaffUser } from "@/lib/auth/guards";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { sealOutboundSecret } from "@/lib/purchase-orders/order-responses";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const confirmationRoute = await import("@/app/admin/api/orders/[number]/confirmation/route");
const cancellationRoute = await import("@/app/admin/api/orders/[number]/cancellation/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let customer: InvoiceCustomer;
let paper: { sku: string };
let coffee: { sku: string };
let key: string;
const NOW = new Date("2026-11-28T10:00:00Z");
const FROM = { domain: "NetworkID", identity: "AN-ERP-DECISION-BUYER" };
const SECRET = "erp-decision-secret";

type Answer = { status: number; body: any };
async function post(handler: (request: Request, context: any) => Promise<Response>, apiKey: string, path: string, number: string, body: unknown): Promise<Answer> {
  const response = await handler(
    new Request(`http://localhost${path}`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ number }) },
  );
  return { status: response.status, body: await response.json() };
}
const decide = (number: string, body: unknown, apiKey = key) => post(confirmationRoute.POST, apiKey, `/admin/api/orders/${number}/confirmation`, number, body);
const cancel = (number: string, body: unknown, apiKey = key) => post(cancellationRoute.POST, apiKey, `/admin/api/orders/${number}/cancellation`, number, body);

const webOrder = async (): Promise<string> => (await placeWebOrder(customer, [{ sku: paper.sku, quantity: 2 }], { now: NOW })).orderNumber;
const orderRow = async (number: string) => (await handle.db.select().from(orders).where(eq(orders.orderNumber, number)))[0]!;
const queuedFor = async (number: string) => {
  const order = await orderRow(number);
  return handle.db.select().from(outboundMessages).where(eq(outboundMessages.orderId, order.id)).orderBy(asc(outboundMessages.id));
};
const mailsAbout = async (number: string) => (await handle.db.select({ subject: mailOutbox.subject }).from(mailOutbox)).filter((mail) => mail.subject.includes(number)).length;

let poCount = 0;
/** A purchase order from the buyer's procurement system outside a punchout cart, so it waits for review: 3 paper at 4.00, 2 coffee at 8.99. */
async function purchaseOrder(): Promise<string> {
  const orderId = `PO-ERP-${poCount++}`;
  const item = (line: number, sku: string, quantity: number, price: string) =>
    `<ItemOut quantity="${quantity}" lineNumber="${line}"><ItemID><SupplierPartID>${sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">${price}</Money></UnitPrice><Description xml:lang="nl">regel ${line}</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${orderId}@buyer" timestamp="2026-11-28T11:00:00+01:00">
<Header><From><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T10:59:00+01:00"><Total><Money currency="EUR">29.98</Money></Total>
<BillTo><Address><Name xml:lang="nl">B</Name></Address></BillTo></OrderRequestHeader>
${item(1, paper.sku, 3, "4.00")}
${item(2, coffee.sku, 2, "8.99")}
</OrderRequest></Request></cXML>`;
  const answer = await handleCxmlOrder({ bytes: Buffer.from(xml), truncated: false }, { remoteAddress: null, now: new Date(), baseUrl: "https://shop.example.nl", contentType: "text/xml" });
  expect(answer.cxmlCode).toBe(200);
  const [po] = await handle.db.select({ orderId: purchaseOrders.orderId }).from(purchaseOrders).where(eq(purchaseOrders.buyerOrderId, orderId));
  const [order] = await handle.db.select().from(orders).where(eq(orders.id, po!.orderId));
  expect(order!.status).toBe("needs_review");
  return order!.orderNumber;
}

/** The ConfirmationItems of a queued ConfirmationRequest by line number: their statuses' type, quantity, date and price. */
function confirmationItems(xml: string) {
  return new Map(
    [...xml.matchAll(/<ConfirmationItem quantity="[^"]+" lineNumber="(\d+)">([\s\S]*?)<\/ConfirmationItem>/g)].map(([, line, body]) => [
      Number(line),
      [...body!.matchAll(/<ConfirmationStatus ([^>]*)>([\s\S]*?)<\/ConfirmationStatus>/g)].map(([, attributes, inner]) => ({
        type: /type="(\w+)"/.exec(attributes!)?.[1],
        quantity: /quantity="([^"]+)"/.exec(attributes!)?.[1],
        deliveryDate: /deliveryDate="(\d{4}-\d{2}-\d{2})/.exec(attributes!)?.[1] ?? null,
        price: /<Money currency="EUR">([^<]+)<\/Money>/.exec(inner!)?.[1] ?? null,
      })),
    ]),
  );
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle, { code: "ERPD" });
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, stock: 100 });
  coffee = await createProduct(handle, category.id, { listPriceMinor: 899, stock: 100 });
  customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678" });
  const connection = await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], to: { domain: "NetworkID", identity: "KOPPEL" }, secret: SECRET, origins: [] });
  // Queued only: no worker runs here, the test reads the queued document itself.
  await upsertPurchaseOrderSettings(connection.id, {
    orderResponseUrl: "http://127.0.0.1:9/cxml/inbound",
    outboundFrom: [{ domain: "NetworkID", identity: "KOPPEL" }],
    outboundSharedSecretEncrypted: sealOutboundSecret("our-secret"),
  });
  admin = await createStaff(handle, "admin");
  key = (await createStaffApiKey(admin, "ERP decisions", NOW, ["orders"])).key;
}, 120_000);
afterAll(() => fresh.dispose());

describe("POST /admin/api/orders/:number/confirmation", () => {
  it("accepts a web order; the same again is replayed; another decision afterwards is a conflict", async () => {
    const number = await webOrder();
    expect((await orderRow(number)).status).toBe("placed");
    expect(await decide(number, { decision: "accept" })).toEqual({ status: 200, body: { orderNumber: number, status: "confirmed", queued: false, replayed: false } });
    expect((await orderRow(number)).status).toBe("confirmed");
    expect(await decide(number, { decision: "accept" })).toEqual({ status: 200, body: { orderNumber: number, status: "confirmed", queued: false, replayed: true } });
    expect(await decide(number, { decision: "reject", comment: "Toch niet" })).toMatchObject({ status: 409, body: { error: "order_status_changed", code: "conflict", details: { status: "confirmed" } } });
    expect((await orderRow(number)).status).toBe("confirmed");
  });

  it("confirms a purchase order with a changed line: the order holds it and the ConfirmationRequest carries it; a retry sends nothing new", async () => {
    const number = await purchaseOrder();
    const body = { decision: "change", comment: "Minder papier op voorraad", lines: [{ line: 1, quantity: 2, unitPriceMinor: 350, deliveryDate: "2026-12-15" }] };
    expect(await decide(number, body)).toEqual({ status: 200, body: { orderNumber: number, status: "confirmed", queued: true, replayed: false } });

    const order = await orderRow(number);
    const lines = await handle.db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.lineNumber));
    expect(lines.map((line) => [line.lineNumber, line.quantity, line.unitPriceMinor, line.confirmedDeliveryDate])).toEqual([
      [1, 2, 350, "2026-12-15"],
      [2, 2, 899, null],
    ]);
    const queued = await queuedFor(number);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.kind).toBe("confirmation");
    const xml = decryptSecret(queued[0]!.bodyEncrypted, credentialsKey());
    expect(xml).toMatch(/<ConfirmationHeader[^>]*type="detail"/);
    const items = confirmationItems(xml);
    // Line 1: 2 of the 3 at 3.50 for 15 December, the third rejected with the ERP's comment.
    expect(items.get(1)).toEqual([
      { type: "detail", quantity: "2", deliveryDate: "2026-12-15", price: "3.50" },
      { type: "reject", quantity: "1", deliveryDate: null, price: null },
    ]);
    expect(xml).toContain("Minder papier op voorraad");
    // A line the ERP left out is confirmed as ordered (the confirm form sends every line of a change).
    expect(items.get(2)).toEqual([{ type: "detail", quantity: "2", deliveryDate: null, price: "8.99" }]);

    // The ERP timed out and sends the same call again: answered as done, no second ConfirmationRequest.
    expect(await decide(number, body)).toEqual({ status: 200, body: { orderNumber: number, status: "confirmed", queued: false, replayed: true } });
    expect(await queuedFor(number)).toHaveLength(1);
    // Other values, or another decision, on the decided order: a conflict, nothing changed or sent.
    expect(await decide(number, { ...body, lines: [{ line: 1, quantity: 1 }] })).toMatchObject({ status: 409, body: { error: "order_status_changed", details: { status: "confirmed" } } });
    expect(await decide(number, { decision: "accept" })).toMatchObject({ status: 409, body: { error: "order_status_changed" } });
    expect(await queuedFor(number)).toHaveLength(1);
  });

  it("a line at 0 leaves the order, and its retry is a replay too", async () => {
    const number = await purchaseOrder();
    const body = { decision: "change", lines: [{ line: 2, quantity: 0 }] };
    expect(await decide(number, body)).toMatchObject({ status: 200, body: { status: "confirmed", queued: true, replayed: false } });
    const order = await orderRow(number);
    expect((await handle.db.select().from(orderLines).where(eq(orderLines.orderId, order.id))).map((line) => line.lineNumber)).toEqual([1]);
    expect(await decide(number, body)).toMatchObject({ status: 200, body: { replayed: true } });
    expect(await queuedFor(number)).toHaveLength(1);
  });

  it("rejecting a purchase order needs a comment, which the buyer's system is told", async () => {
    const number = await purchaseOrder();
    expect(await decide(number, { decision: "reject" })).toMatchObject({ status: 400, body: { error: "reject_comment_required", details: { field: "comment" } } });
    expect(await decide(number, { decision: "reject", comment: "   " })).toMatchObject({ status: 400, body: { error: "reject_comment_required" } });
    expect((await orderRow(number)).status).toBe("needs_review");
    expect(await queuedFor(number)).toHaveLength(0);

    expect(await decide(number, { decision: "reject", comment: "Artikel uit assortiment" })).toEqual({ status: 200, body: { orderNumber: number, status: "rejected", queued: true, replayed: false } });
    const [queued] = await queuedFor(number);
    const xml = decryptSecret(queued!.bodyEncrypted, credentialsKey());
    expect(xml).toMatch(/<ConfirmationHeader[^>]*type="reject"/);
    expect(xml).toContain("Artikel uit assortiment");
    expect(await decide(number, { decision: "reject", comment: "Artikel uit assortiment" })).toMatchObject({ status: 200, body: { status: "rejected", replayed: true } });
    expect(await decide(number, { decision: "accept" })).toMatchObject({ status: 409, body: { error: "order_status_changed", details: { status: "rejected" } } });
    expect(await queuedFor(number)).toHaveLength(1);
  });

  it("refuses lines with another decision, a line twice, a line the order lacks, a quantity above the ordered one, and every line at 0", async () => {
    const number = await purchaseOrder();
    const lineOne = [{ line: 1, quantity: 1 }];
    const refused = await decide(number, { decision: "accept", lines: lineOne });
    expect(refused).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(refused.body.issues.map((issue: { path: unknown[]; message: string }) => [issue.path, issue.message])).toEqual([[["lines"], "lines_only_with_change"]]);
    const twice = await decide(number, { decision: "change", lines: [...lineOne, { line: 1, unitPriceMinor: 100 }] });
    expect(twice.body.issues.map((issue: { path: unknown[]; message: string }) => [issue.path, issue.message])).toEqual([[["lines", 1, "line"], "line_twice"]]);
    expect(await decide(number, { decision: "change", lines: [{ line: 1, quantity: 1, discount: 5 }] })).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(await decide(number, { decision: "change", lines: [...lineOne, { line: 9, quantity: 1 }] })).toMatchObject({
      status: 400,
      body: { error: "line_unknown", details: { line: 9, field: "lines[1].line" } },
    });
    expect(await decide(number, { decision: "change", lines: [{ line: 2, unitPriceMinor: 100 }, { line: 1, quantity: 4 }] })).toMatchObject({
      status: 400,
      body: { error: "invalid_input", details: { fieldErrors: { "lines[1].quantity": ["above_ordered"] } } },
    });
    expect(await decide(number, { decision: "change", lines: [{ line: 1, quantity: 0 }, { line: 2, quantity: 0 }] })).toMatchObject({ status: 400, body: { error: "all_lines_rejected" } });
    expect((await orderRow(number)).status).toBe("needs_review");
    expect(await queuedFor(number)).toHaveLength(0);
  });

  it("is not found for an account manager's key on a customer they do not manage, and forbidden for a key without the orders scope", async () => {
    const number = await webOrder();
    const other = await createInvoiceCustomer(handle, { kvkNumber: "87654321" });
    const manager = await createStaff(handle, "account_manager", [other.company.id]);
    const managerKey = (await createStaffApiKey(manager, "ERP", NOW)).key;
    expect(await decide(number, { decision: "accept" }, managerKey)).toMatchObject({ status: 404, body: { error: "order_not_found" } });
    expect(await cancel(number, { reason: "Dubbel besteld" }, managerKey)).toMatchObject({ status: 404, body: { error: "order_not_found" } });
    const stockKey = (await createStaffApiKey(admin, "ERP stock", NOW, ["stock"])).key;
    expect(await decide(number, { decision: "accept" }, stockKey)).toMatchObject({ status: 403, body: { error: "insufficient_scope", details: { required: "orders" } } });
    expect(await cancel(number, { reason: "Dubbel besteld" }, stockKey)).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
    expect((await orderRow(number)).status).toBe("placed");
  });
});

describe("POST /admin/api/orders/:number/cancellation", () => {
  it("cancels a web order and mails the orderer the reason once; a retry is replayed", async () => {
    const number = await webOrder();
    const before = await mailsAbout(number);
    expect(await cancel(number, { reason: "" })).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(await cancel(number, { reason: "Klant heeft gebeld: dubbel besteld" })).toEqual({ status: 200, body: { orderNumber: number, status: "cancelled", replayed: false } });
    expect((await orderRow(number)).status).toBe("cancelled");
    expect(await mailsAbout(number)).toBe(before + 1);
    expect(await cancel(number, { reason: "Klant heeft gebeld: dubbel besteld" })).toEqual({ status: 200, body: { orderNumber: number, status: "cancelled", replayed: true } });
    expect(await mailsAbout(number)).toBe(before + 1);
    // A decision on the cancelled order is a conflict.
    expect(await decide(number, { decision: "accept" })).toMatchObject({ status: 409, body: { error: "order_status_changed", details: { status: "cancelled" } } });
  });

  it("refuses a purchase order (its buyer's system cancels it; the ERP rejects it instead)", async () => {
    const number = await purchaseOrder();
    expect(await cancel(number, { reason: "Dubbel" })).toMatchObject({ status: 409, body: { error: "order_not_cancellable", code: "conflict", details: { status: "needs_review" } } });
    expect((await orderRow(number)).status).toBe("needs_review");
  });
});
