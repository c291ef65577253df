import { readFileSync } from "node:fs";
import path from "node:path";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  orderEvents,
  orderLines,
  orders,
  protocolMessages,
  punchoutConnections,
  punchoutSessions,
  punchoutTransferLines,
  punchoutTransfers,
  purchaseOrderDocuments,
  purchaseOrderLines,
  purchaseOrders,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { replayOrderRequestForStaff } from "@/lib/admin/purchase-orders";
import { listCompanyOrders } from "@/lib/data/orders";
import { upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import type { CxmlAnswer } from "@/lib/punchout/cxml-endpoint";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";
import { SHARED_DIR } from "@/tests/support/shared-dir";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const BASE_URL = "https://shop.example.nl";
const FROM = { domain: "NetworkID", identity: "AN-PO-BUYER" };
const SECRET = "po-shared-secret";
const SHARED = path.join(SHARED_DIR, "cxml");

let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let connection: Awaited<ReturnType<typeof createCxmlConnection>>;
let contractProduct: { id: number; sku: string };
let listProduct: { id: number; sku: string };
let packProduct: { id: number; sku: string };
let transferRefs: string[] = [];

async function post(xml: string): Promise<CxmlAnswer & { text: string }> {
  const answer = await handleCxmlOrder(
    { bytes: new TextEncoder().encode(xml), truncated: false },
    { remoteAddress: "203.0.113.9", now: NOW, baseUrl: BASE_URL, contentType: "text/xml" },
  );
  const text = /<Status [^>]*code="(\d+)"[^>]*>([^<]*)/.exec(answer.body)?.[2] ?? "";
  return { ...answer, text };
}

interface Line {
  sku: string;
  aux?: string | null;
  /** The buyer's own item id (ItemID/BuyerPartID). */
  buyerPartId?: string;
  quantity: string | number;
  price: string;
}

/** The header Total as the buyer's system computes it: the sum of its lines (lib/purchase-orders/header-reasons.ts). */
const linesTotal = (lines: readonly { quantity: number | string; price: string }[]) =>
  (Math.round(lines.reduce((sum, line) => sum + Math.round(Number(line.price) * 100) * Number(line.quantity), 0)) / 100).toFixed(2);

let sequence = 0;
function orderRequest(options: {
  /** The header Total as sent (default: the sum of the lines). */
  total?: string;
  /** Money@currency of the Total and every line (default EUR). */
  currency?: string;
  orderId: string;
  payloadId?: string;
  type?: "new" | "update" | "delete";
  lines?: Line[];
  secret?: string;
  from?: { domain: string; identity: string };
  shipToId?: string;
  version?: number;
  contactEmail?: string;
}): string {
  const from = options.from ?? FROM;
  const lines = (options.lines ?? [])
    .map(
      (line, index) => `<ItemOut quantity="${line.quantity}" lineNumber="${index + 1}" requestedDeliveryDate="2026-12-05">
<ItemID><SupplierPartID>${line.sku}</SupplierPartID>${line.aux ? `<SupplierPartAuxiliaryID>${line.aux}</SupplierPartAuxiliaryID>` : ""}${line.buyerPartId ? `<BuyerPartID>${line.buyerPartId}</BuyerPartID>` : ""}</ItemID>
<ItemDetail><UnitPrice><Money currency="${options.currency ?? "EUR"}">${line.price}</Money></UnitPrice><Description xml:lang="nl">Artikel ${line.sku}</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail>
<Distribution><Accounting name="Kosten"><Segment type="Cost Center" id="KP-100" description="Facilitair"/></Accounting><Charge><Money currency="EUR">1.00</Money></Charge></Distribution>
</ItemOut>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${options.payloadId ?? `po-${sequence++}@buyer.example`}" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="${from.domain}"><Identity>${from.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="${from.domain}"><Identity>${from.identity}</Identity><SharedSecret>${options.secret ?? SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest>
<OrderRequestHeader orderID="${options.orderId}" orderDate="2026-11-28T10:59:00+01:00" type="${options.type ?? "new"}" orderVersion="${options.version ?? 1}">
<Total><Money currency="${options.currency ?? "EUR"}">${options.total ?? linesTotal(options.lines ?? [])}</Money></Total>
<ShipTo><Address addressID="${options.shipToId ?? "NL-AMS-01"}" isoCountryCode="NL"><Name xml:lang="nl">Magazijn</Name><PostalAddress><Street>Stationsplein 1</Street><City>Amsterdam</City><PostalCode>1012 AB</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>
<BillTo><Address addressID="BILL-1" isoCountryCode="NL"><Name xml:lang="nl">Administratie</Name><PostalAddress><Street>Postbus 10</Street><City>Amsterdam</City><PostalCode>1000 AA</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></BillTo>
<Contact role="endUser"><Name xml:lang="nl">Jan</Name><Email>${options.contactEmail ?? "jan@buyer.example"}</Email></Contact>
<Comments xml:lang="nl">Graag voor 10 uur</Comments>
<Extrinsic name="CostCenter">KP-100</Extrinsic>
</OrderRequestHeader>
${lines}
</OrderRequest></Request></cXML>`;
}

async function orderFor(orderId: string, connectionId = connection.id) {
  const [row] = await handle.db
    .select({ order: orders, po: purchaseOrders })
    .from(purchaseOrders)
    .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
    .where(and(eq(purchaseOrders.connectionId, connectionId), eq(purchaseOrders.buyerOrderId, orderId)));
  if (!row) return null;
  const lines = await handle.db
    .select()
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.orderId, row.order.id), eq(purchaseOrderLines.revision, row.po.revision)))
    .orderBy(purchaseOrderLines.lineNumber);
  return { ...row, lines };
}

async function countOrders(orderId: string): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(purchaseOrders).where(eq(purchaseOrders.buyerOrderId, orderId));
  return row!.n;
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  contractProduct = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  listProduct = await createProduct(handle, category.id, { listPriceMinor: 2599 });
  packProduct = await createProduct(handle, category.id, { listPriceMinor: 500, minOrderQuantity: 10, orderMultiple: 10 });
  customer = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [{ productId: contractProduct.id, kind: "fixed", priceMinor: 450 }]);
  connection = await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], to: null, secret: SECRET, origins: ["https://procurement.example.com"] });
  const [session] = await handle.db
    .insert(punchoutSessions)
    .values({
      connectionId: connection.id,
      companyId: customer.company.id,
      userId: connection.technicalUserId!,
      protocol: "cxml",
      status: "transferred",
      returnUrl: "https://procurement.example.com/return",
      expiresAt: NOW,
    })
    .returning();
  const [transfer] = await handle.db.insert(punchoutTransfers).values({ sessionId: session!.id, companyId: customer.company.id, currency: "EUR", totalMinor: 0 }).returning();
  transferRefs = ["REF-A-1", "REF-A-2", "REF-A-3"];
  await handle.db.insert(punchoutTransferLines).values([
    { transferId: transfer!.id, reference: transferRefs[0]!, lineNumber: 1, productId: contractProduct.id, sku: contractProduct.sku, description: "x", quantity: 2, unit: "EA", unitPriceMinor: 450, vatRateBasisPoints: 2100 },
    { transferId: transfer!.id, reference: transferRefs[1]!, lineNumber: 2, productId: listProduct.id, sku: listProduct.sku, description: "y", quantity: 1, unit: "EA", unitPriceMinor: 2599, vatRateBasisPoints: 2100 },
    { transferId: transfer!.id, reference: transferRefs[2]!, lineNumber: 3, productId: packProduct.id, sku: packProduct.sku, description: "z", quantity: 10, unit: "EA", unitPriceMinor: 500, vatRateBasisPoints: 2100 },
  ]);
  await handle.db.update(punchoutConnections).set({ name: "PO connection" }).where(eq(punchoutConnections.id, connection.id));
}, 120_000);
afterAll(() => db.dispose());

const cleanLines = (): Line[] => [
  { sku: contractProduct.sku, aux: transferRefs[0], quantity: 2, price: "4.50" },
  { sku: listProduct.sku, aux: transferRefs[1], quantity: 1, price: "25.99" },
];

describe("POST /punchout/cxml/order — intake", () => {
  it("stores a clean order (header, lines, raw document, Response) and accepts it", async () => {
    const answer = await post(orderRequest({ orderId: "PO-CLEAN", payloadId: "clean-1@buyer", lines: cleanLines() }));
    expect(answer.cxmlCode).toBe(200);
    expect(answer.httpStatus).toBe(200);
    const stored = await orderFor("PO-CLEAN");
    expect(stored?.order.status).toBe("accepted");
    expect(stored?.order.source).toBe("cxml");
    expect(stored?.order.companyId).toBe(customer.company.id);
    expect(stored?.order.poNumber).toBe("PO-CLEAN");
    expect(stored?.order.costCenter).toBe("KP-100");
    expect(stored?.order.subtotalMinor).toBe(2 * 450 + 2599);
    expect(stored?.po.payloadId).toBe("clean-1@buyer");
    expect(stored?.po.header).toMatchObject({ comments: [{ text: "Graag voor 10 uur" }], extrinsics: [{ name: "CostCenter", value: "KP-100" }] });
    expect(stored?.lines.map((l) => [l.lineNumber, l.supplierPartAuxiliaryId, l.quantity, l.buyerUnitPriceMinor, l.ourUnitPriceMinor, l.requestedDeliveryDate, l.reasons])).toEqual([
      [1, "REF-A-1", "2", 450, 450, "2026-12-05", []],
      [2, "REF-A-2", "1", 2599, 2599, "2026-12-05", []],
    ]);
    const [doc] = await handle.db.select().from(purchaseOrderDocuments).where(eq(purchaseOrderDocuments.payloadId, "clean-1@buyer"));
    expect(doc?.rawDocument).toContain("<OrderRequestHeader orderID=\"PO-CLEAN\"");
    expect(doc?.rawDocument).not.toContain(SECRET);
    expect(doc?.responseXml).toBe(answer.body);
    const history = await listCompanyOrders(customer.company.id);
    expect(history.some((o) => o.poNumber === "PO-CLEAN" && o.source === "cxml")).toBe(true);
  });

  it("places the order for the customer's user whose e-mail address the contact gives", async () => {
    await post(orderRequest({ orderId: "PO-CONTACT", lines: cleanLines().slice(0, 1), contactEmail: customer.user.email.toUpperCase() }));
    expect((await orderFor("PO-CONTACT"))?.order).toMatchObject({ userId: customer.user.id, status: "accepted" });
  });

  it("stores order, lines, purchase lines, event and document in full, and logs request then Response", async () => {
    // Line 1 names the buyer's own item id: the order line keeps it for the invoice (UBL BT-156).
    const poLines = cleanLines().map((line, index) => (index === 0 ? { ...line, buyerPartId: "MAT-4711" } : line));
    const answer = await post(orderRequest({ orderId: "PO-FULL", payloadId: "full-1@buyer", lines: poLines }));
    expect(answer.cxmlCode).toBe(200);
    const stored = (await orderFor("PO-FULL"))!;
    expect(stored.order).toMatchObject({
      orderNumber: expect.stringMatching(/^K\d+$/),
      userId: null,
      currency: "EUR",
      note: "Graag voor 10 uur",
      requestedDeliveryDate: null,
      shipTo: { name: "Magazijn", street: "Stationsplein 1", postalCode: "1012 AB", city: "Amsterdam", countryCode: "NL", externalId: "NL-AMS-01" },
      billTo: { name: "Administratie", street: "Postbus 10", postalCode: "1000 AA", city: "Amsterdam", countryCode: "NL", externalId: "BILL-1" },
      subtotalMinor: 3499,
      vatMinor: 735,
      totalMinor: 4234,
      vatBreakdown: [{ vatRateBasisPoints: 2100, taxableMinor: 3499, vatMinor: 735 }],
    });
    expect(stored.order.placedAt).toBeInstanceOf(Date);
    expect(stored.po).toMatchObject({
      revision: 1,
      orderVersion: 1,
      orderDate: "2026-11-28T10:59:00+01:00",
      deploymentMode: "production",
      currency: "EUR",
      buyerTotalMinor: 3499,
      documentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(stored.po.header).toMatchObject({ shipTo: { addressId: "NL-AMS-01" }, billTo: { addressId: "BILL-1" }, reasons: [] });
    const lines = await handle.db.select().from(orderLines).where(eq(orderLines.orderId, stored.order.id)).orderBy(orderLines.lineNumber);
    expect(lines.map(({ id: _id, orderId, ...line }) => [orderId === stored.order.id, line])).toEqual([
      [
        true,
        {
          customerArticleNumber: "MAT-4711",
          lineNumber: 1,
          productId: contractProduct.id,
          sku: contractProduct.sku,
          name: `Artikel ${contractProduct.sku}`,
          unit: "EA",
          quantity: 2,
          unitPriceMinor: 450,
          listPriceMinor: 1000,
          lineTotalMinor: 900,
          vatRateBasisPoints: 2100,
          // Set only when the line is confirmed with changes (lib/purchase-orders/order-responses.ts).
          confirmedDeliveryDate: null,
          priceSource: expect.objectContaining({ kind: "contract", priceListId: expect.any(Number) }),
        },
      ],
      [
        true,
        {
          customerArticleNumber: null,
          lineNumber: 2,
          productId: listProduct.id,
          sku: listProduct.sku,
          name: `Artikel ${listProduct.sku}`,
          unit: "EA",
          quantity: 1,
          unitPriceMinor: 2599,
          listPriceMinor: 2599,
          lineTotalMinor: 2599,
          vatRateBasisPoints: 2100,
          // Set only when the line is confirmed with changes (lib/purchase-orders/order-responses.ts).
          confirmedDeliveryDate: null,
          priceSource: { kind: "list" },
        },
      ],
    ]);
    const [first] = stored.lines;
    expect(first).toMatchObject({
      revision: 1,
      supplierPartId: contractProduct.sku,
      unitOfMeasure: "EA",
      currency: "EUR",
      description: `Artikel ${contractProduct.sku}`,
      productId: contractProduct.id,
      transferLineId: expect.any(Number),
      reasons: [],
    });
    expect(first!.details).toMatchObject({ distributions: [{ segments: [expect.objectContaining({ id: "KP-100" })] }] });
    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, stored.order.id));
    expect(events.map((e) => [e.status, e.comment, e.userId])).toEqual([["accepted", null, null]]);
    const [doc] = await handle.db.select().from(purchaseOrderDocuments).where(eq(purchaseOrderDocuments.payloadId, "full-1@buyer"));
    expect(doc).toMatchObject({ orderId: stored.order.id, connectionId: connection.id, type: "new", buyerOrderId: "PO-FULL", documentSha256: stored.po.documentSha256 });
    const log = (await handle.db.select().from(protocolMessages).where(eq(protocolMessages.connectionId, connection.id))).filter(
      (m) => (m.summary as { payloadId?: string; inReplyTo?: string }).payloadId === "full-1@buyer" || (m.summary as { inReplyTo?: string }).inReplyTo === "full-1@buyer",
    );
    expect(log.sort((a, b) => a.id - b.id).map((m) => [m.direction, m.type, m.status, m.httpStatus, m.companyId])).toEqual([
      ["inbound", "cxml.OrderRequest", "ok", 200, customer.company.id],
      ["outbound", "cxml.Response", "ok", 200, customer.company.id],
    ]);
    expect(log[0]!.summary).toMatchObject({ orderId: "PO-FULL", order: stored.order.orderNumber, status: "accepted", cxmlStatus: 200 });
    expect(log[1]!.payload).toBe(answer.body);
    // Written with the order in one statement: the inbound row is the stored (redacted) document.
    expect(log[0]).toMatchObject({ payload: doc!.rawDocument, contentType: "text/xml", remoteAddress: "203.0.113.9", sessionId: null, error: null, durationMs: expect.any(Number) });
    expect(log[0]!.payload).not.toContain(SECRET);
    expect(log[0]!.summary).toEqual({
      payloadId: "full-1@buyer",
      deploymentMode: "production",
      bytes: expect.any(Number),
      orderId: "PO-FULL",
      type: "new",
      lines: 2,
      order: stored.order.orderNumber,
      status: "accepted",
      cxmlStatus: 200,
    });
    expect(log[1]).toMatchObject({ contentType: "text/xml; charset=UTF-8", remoteAddress: "203.0.113.9", error: null });
    expect(log[1]!.summary).toEqual({ payloadId: /payloadID="([^"]+)"/.exec(answer.body)![1], inReplyTo: "full-1@buyer", cxmlStatus: 200, statusText: null });
  });

  it("answers a repeated payloadID with the same Response and creates nothing", async () => {
    const xml = orderRequest({ orderId: "PO-REPEAT", payloadId: "repeat-1@buyer", lines: cleanLines() });
    const first = await post(xml);
    const second = await post(xml);
    expect(second.body).toBe(first.body);
    expect(await countOrders("PO-REPEAT")).toBe(1);
    const docs = await handle.db.select().from(purchaseOrderDocuments).where(eq(purchaseOrderDocuments.buyerOrderId, "PO-REPEAT"));
    expect(docs).toHaveLength(1);
  });

  it("refuses the same orderID as type new with another payload (409)", async () => {
    await post(orderRequest({ orderId: "PO-DUP", lines: cleanLines() }));
    const again = await post(orderRequest({ orderId: "PO-DUP", lines: cleanLines() }));
    expect(again.cxmlCode).toBe(409);
    expect(await countOrders("PO-DUP")).toBe(1);
  });

  it("50 identical requests in parallel create exactly one order and give one Response", async () => {
    const xml = orderRequest({ orderId: "PO-PARALLEL", payloadId: "parallel@buyer", lines: cleanLines() });
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(xml)));
    expect(new Set(answers.map((a) => a.cxmlCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await countOrders("PO-PARALLEL")).toBe(1);
    const stored = await orderFor("PO-PARALLEL");
    const [lineCount] = await handle.db.select({ n: count() }).from(orderLines).where(eq(orderLines.orderId, stored!.order.id));
    expect(lineCount!.n).toBe(2);
    const [orphanCount] = await handle.db.select({ n: count() }).from(orders).where(eq(orders.poNumber, "PO-PARALLEL"));
    expect(orphanCount!.n).toBe(1);
  }, 60_000);

  it("puts a tampered price in needs_review with the reason on the line", async () => {
    const lines = cleanLines();
    lines[0] = { ...lines[0]!, price: "0.45" };
    const answer = await post(orderRequest({ orderId: "PO-TAMPER", lines }));
    expect(answer.cxmlCode).toBe(200);
    const stored = await orderFor("PO-TAMPER");
    expect(stored?.order.status).toBe("needs_review");
    expect(stored?.lines[0]?.reasons).toEqual([{ code: "price_lower", detail: "45 < 450" }]);
    expect(stored?.lines[1]?.reasons).toEqual([]);
  });

  it("holds an order in another currency for review, with the reason in the header and on each line; nothing is lost", async () => {
    const answer = await post(orderRequest({ orderId: "PO-USD", payloadId: "usd-1@buyer", lines: cleanLines(), currency: "USD" }));
    expect(answer.cxmlCode, answer.text).toBe(200);
    const stored = (await orderFor("PO-USD"))!;
    expect(stored.order.status).toBe("needs_review");
    expect(stored.po.header.reasons).toEqual([{ code: "currency", detail: "USD ≠ EUR" }]);
    // What the buyer sent stays as sent: its currency, Total and prices, and the document itself.
    expect(stored.po).toMatchObject({ currency: "USD", buyerTotalMinor: 3499 });
    expect(stored.lines.map((line) => [line.currency, line.buyerUnitPriceMinor, line.quantity, line.reasons])).toEqual([
      ["USD", 450, "2", [{ code: "currency", detail: "USD ≠ EUR" }]],
      ["USD", 2599, "1", [{ code: "currency", detail: "USD ≠ EUR" }]],
    ]);
    const [document] = await handle.db.select().from(purchaseOrderDocuments).where(eq(purchaseOrderDocuments.buyerOrderId, "PO-USD"));
    expect(document!.rawDocument).toContain('<Money currency="USD">25.99</Money>');
    const [event] = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, stored.order.id));
    expect(event!.comment).toBe("currency");
  });

  it("holds the Coupa sample in USD for review with the currency reason (it used to pass without one)", async () => {
    const xml = readFileSync(path.join(SHARED, "samples/officeluv-cxml/order_request.xml"), "utf8")
      .replace(/<Header>[\s\S]*?<\/Header>/, `<Header><From><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To><Sender><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>Coupa Procurement 1.0</UserAgent></Sender></Header>`)
      .replace('orderID="3309"', 'orderID="PO-COUPA-USD"')
      .replace(/payloadID="[^"]+"/, 'payloadID="coupa-usd-1@buyer"');
    expect((await post(xml)).cxmlCode).toBe(200);
    const stored = (await orderFor("PO-COUPA-USD"))!;
    expect(stored.order.status).toBe("needs_review");
    // Its Total (91.71) is its lines' sum (8.10 + 9 × 9.29): no total reason.
    expect(stored.po.header.reasons).toEqual(expect.arrayContaining([{ code: "currency", detail: "USD ≠ EUR" }]));
    expect((stored.po.header.reasons as { code: string }[]).map((reason) => reason.code)).not.toContain("total_mismatch");
  });

  it("holds an order whose Total is not its lines' sum, with both amounts; lines and Total kept as sent", async () => {
    const answer = await post(orderRequest({ orderId: "PO-TOTAL", lines: cleanLines(), total: "575.00" }));
    expect(answer.cxmlCode).toBe(200);
    const stored = (await orderFor("PO-TOTAL"))!;
    expect(stored.order.status).toBe("needs_review");
    expect(stored.po.header.reasons).toEqual([{ code: "total_mismatch", detail: "57500 ≠ 3499" }]);
    expect(stored.po.buyerTotalMinor).toBe(57500);
    expect(stored.lines.map((line) => [line.buyerUnitPriceMinor, line.reasons])).toEqual([
      [450, []],
      [2599, []],
    ]);
    expect(stored.order).toMatchObject({ subtotalMinor: 3499, currency: "EUR" });
    const [event] = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, stored.order.id));
    expect(event!.comment).toBe("total_mismatch");
  });

  it("respects the per-connection price tolerance", async () => {
    const other = await createCxmlConnection(handle, customer.company.id, {
      from: [{ domain: "NetworkID", identity: "AN-TOLERANT" }],
      sender: [{ domain: "NetworkID", identity: "AN-TOLERANT" }],
      secret: SECRET,
      origins: [],
    });
    await upsertPurchaseOrderSettings(other.id, { priceToleranceBasisPoints: 500 });
    const from = { domain: "NetworkID", identity: "AN-TOLERANT" };
    await post(orderRequest({ orderId: "PO-TOL-OK", from, lines: [{ sku: contractProduct.sku, aux: transferRefs[0], quantity: 2, price: "4.70" }] }));
    await post(orderRequest({ orderId: "PO-TOL-HIGH", from, lines: [{ sku: contractProduct.sku, aux: transferRefs[0], quantity: 2, price: "4.80" }] }));
    expect((await orderFor("PO-TOL-OK", other.id))?.order.status).toBe("accepted");
    const high = await orderFor("PO-TOL-HIGH", other.id);
    expect(high?.order.status).toBe("needs_review");
    expect(high?.lines[0]?.reasons.map((r) => r.code)).toEqual(["price_higher"]);
  });

  it("flags unknown products, invalid multiples, lines outside any transfer and unknown ship-to", async () => {
    const answer = await post(
      orderRequest({
        orderId: "PO-REVIEW",
        shipToId: "UNKNOWN-DOCK",
        lines: [
          { sku: "DOES-NOT-EXIST", quantity: 1, price: "1.00" },
          { sku: packProduct.sku, aux: transferRefs[2], quantity: 15, price: "5.00" },
          { sku: listProduct.sku, quantity: 1, price: "25.99" },
        ],
      }).replace("<PostalCode>1012 AB</PostalCode>", "<PostalCode>9999 ZZ</PostalCode>"),
    );
    expect(answer.cxmlCode).toBe(200);
    const stored = await orderFor("PO-REVIEW");
    expect(stored?.order.status).toBe("needs_review");
    expect(stored?.lines.map((l) => l.reasons.map((r) => r.code))).toEqual([["not_in_transfer", "unknown_product"], ["invalid_quantity"], ["not_in_transfer"]]);
    expect((stored?.po.header as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toEqual(["unknown_ship_to"]);
    const [orderLineCount] = await handle.db.select({ n: count() }).from(orderLines).where(eq(orderLines.orderId, stored!.order.id));
    expect(orderLineCount!.n).toBe(3);
  });

  it("update replaces the lines and keeps the earlier revision; delete cancels", async () => {
    await post(orderRequest({ orderId: "PO-UPD", lines: cleanLines() }));
    const update = await post(orderRequest({ orderId: "PO-UPD", type: "update", version: 2, lines: [{ sku: listProduct.sku, aux: transferRefs[1], quantity: 3, price: "25.99" }] }));
    expect(update.cxmlCode).toBe(200);
    const stored = await orderFor("PO-UPD");
    expect(stored?.po.revision).toBe(2);
    expect(stored?.po.orderVersion).toBe(2);
    expect(stored?.lines.map((l) => [l.supplierPartId, l.quantity])).toEqual([[listProduct.sku, "3"]]);
    const all = await handle.db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.orderId, stored!.order.id));
    expect(all).toHaveLength(3);
    const current = await handle.db.select().from(orderLines).where(eq(orderLines.orderId, stored!.order.id));
    expect(current.map((l) => l.quantity)).toEqual([3]);
    expect(stored?.order.subtotalMinor).toBe(3 * 2599);

    const del = await post(orderRequest({ orderId: "PO-UPD", type: "delete" }));
    expect(del.cxmlCode).toBe(200);
    expect((await orderFor("PO-UPD"))?.order.status).toBe("cancelled");
    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, stored!.order.id)).orderBy(orderEvents.id);
    expect(events.map((e) => e.status)).toEqual(["accepted", "accepted", "cancelled"]);
  });

  it("refuses delete once shipped, and update/delete of an unknown order", async () => {
    await post(orderRequest({ orderId: "PO-SHIPPED", lines: cleanLines() }));
    const stored = await orderFor("PO-SHIPPED");
    await handle.db.update(orders).set({ status: "shipped" }).where(eq(orders.id, stored!.order.id));
    const del = await post(orderRequest({ orderId: "PO-SHIPPED", type: "delete" }));
    expect(del.cxmlCode).toBe(400);
    expect(del.text).toMatch(/shipped/);
    expect((await orderFor("PO-SHIPPED"))?.order.status).toBe("shipped");
    expect((await post(orderRequest({ orderId: "PO-NOPE", type: "update", lines: cleanLines() }))).cxmlCode).toBe(400);
  });

  it("answers bad input with 401/406/400, never 5xx, and stores nothing", async () => {
    expect((await post(orderRequest({ orderId: "PO-BADAUTH", secret: "wrong", lines: cleanLines() }))).cxmlCode).toBe(401);
    const garbage = await post("<cXML><not closed");
    expect(garbage.cxmlCode).toBe(406);
    expect(garbage.httpStatus).toBe(400);
    expect((await post(orderRequest({ orderId: "PO-EMPTY", lines: [] }))).cxmlCode).toBe(400);
    expect((await post(orderRequest({ orderId: "PO-MONEY", lines: [{ sku: listProduct.sku, quantity: 1, price: "1.234" }] }))).cxmlCode).toBe(400);
    for (const id of ["PO-BADAUTH", "PO-EMPTY", "PO-MONEY"]) expect(await countOrders(id)).toBe(0);
    // Refused before it was read as an order, it still carries its orderID in the log: found by the PO number.
    const [refused] = await handle.db
      .select({ summary: protocolMessages.summary, connectionId: protocolMessages.connectionId })
      .from(protocolMessages)
      .where(and(eq(protocolMessages.direction, "inbound"), sql`${protocolMessages.summary}->>'orderId' = 'PO-BADAUTH'`));
    expect(refused).toMatchObject({ summary: { orderId: "PO-BADAUTH", cxmlStatus: 401 }, connectionId: connection.id });
  });

  it("accepts order requests from an OCI connection with cXML order credentials", async () => {
    const oci = await handle.db
      .insert(punchoutConnections)
      .values({
        companyId: customer.company.id,
        protocol: "oci",
        name: "SAP via Business Network",
        presetId: "generic",
        username: `oci-${Date.now()}`,
        secretHash: await hashPassword("oci-password"),
        cxmlFrom: [{ domain: "NetworkID", identity: "AN-SAP-OCI" }],
        cxmlSender: [{ domain: "NetworkID", identity: "AN-SAP-OCI" }],
      })
      .returning();
    const from = { domain: "NetworkID", identity: "AN-SAP-OCI" };
    expect((await post(orderRequest({ orderId: "PO-OCI-0", from, secret: "oci-order-secret", lines: cleanLines() }))).cxmlCode).toBe(401);
    await upsertPurchaseOrderSettings(oci[0]!.id, { orderSecretHash: await hashPassword("oci-order-secret") });
    expect((await post(orderRequest({ orderId: "PO-OCI-1", from, secret: "oci-order-secret", lines: cleanLines() }))).cxmlCode).toBe(200);
    expect((await orderFor("PO-OCI-1", oci[0]!.id))?.order.status).toBe("accepted");
  });

  it.each([
    ["examples/OrderRequest.xml"],
    ["samples/friendsofcxml-cxml-php/OrderRequest.xml"],
    ["samples/officeluv-cxml/order_request.xml"],
    ["samples/officeluv-cxml/purchase_order_request_200.xml"],
  ])("accepts the shared document %s (stored, reviewed)", async (file) => {
    const original = readFileSync(path.join(SHARED, file), "utf8");
    const xml = original
      .replace(/<Header>[\s\S]*?<\/Header>/, `<Header><From><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To><Sender><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>Coupa Procurement 1.0</UserAgent></Sender></Header>`)
      .replace(/deploymentMode="test"/, 'deploymentMode="production"');
    const answer = await post(xml);
    expect(answer.cxmlCode, answer.text).toBe(200);
    const orderId = /orderID="([^"]+)"/.exec(xml)![1]!;
    const stored = await orderFor(orderId);
    expect(stored).not.toBeNull();
    expect(stored!.lines.length).toBeGreaterThan(0);
    expect(["accepted", "needs_review"]).toContain(stored!.order.status);
  });

  it("replays a logged OrderRequest safely (stored Response, nothing new); never one that failed authentication", async () => {
    const admin = await createStaff(handle, "admin");
    const outsider = await createStaff(handle, "account_manager", []);
    const logged = await handle.db.select().from(protocolMessages).where(and(eq(protocolMessages.type, "cxml.OrderRequest"), eq(protocolMessages.direction, "inbound")));
    const clean = logged.find((m) => m.payload.includes('orderID="PO-CLEAN"'))!;
    expect(clean.payload).not.toContain(SECRET);
    await expect(replayOrderRequestForStaff(outsider, clean.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await replayOrderRequestForStaff(admin, clean.id)).toEqual({ code: 200 });
    expect(await countOrders("PO-CLEAN")).toBe(1);
    const docs = await handle.db.select().from(purchaseOrderDocuments).where(eq(purchaseOrderDocuments.buyerOrderId, "PO-CLEAN"));
    expect(docs).toHaveLength(1);
    const badAuth = logged.find((m) => m.payload.includes('orderID="PO-BADAUTH"'))!;
    await expect(replayOrderRequestForStaff(admin, badAuth.id)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await countOrders("PO-BADAUTH")).toBe(0);
  });
});
