import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, orderEvents, orderLines, orders, productRelations, punchoutSessions, punchoutTransferLines, punchoutTransfers, purchaseOrderLines, purchaseOrders } from "@/db/schema";
import { getOrderForStaff } from "@/lib/admin/purchase-orders";
import { sendQuote } from "@/lib/admin/quotes";
import type { BuyerUser } from "@/lib/auth/guards";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { transferPunchoutCart } from "@/lib/punchout/transfer";
import { acceptQuote, getQuoteForViewer, requestProductQuote } from "@/lib/quotes/buyer-quotes";
import { inPunchout, openPunchoutSession } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * An OrderRequest from a procurement system does not go through the shop: for a customer whose
 * assortment is its contract (lib/catalog/assortment.ts) a line outside it sends the order to the
 * account manager's review queue ("not_in_assortment", naming the SKU) instead of being accepted;
 * the order is still received (Status 200) and stored in full.
 */

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const SECRET = "po-assortment-secret";
const CONTRACT_FROM = { domain: "NetworkID", identity: "AN-PO-CONTRACT" };
const ALL_FROM = { domain: "NetworkID", identity: "AN-PO-ALL" };

let contractProduct: { id: number; sku: string };
let otherProduct: { id: number; sku: string };
let contractCustomer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let allCustomer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
/** Transferred cart lines by customer: [contract product, other product]. */
const refs = { contract: ["C-REF-1", "C-REF-2"], all: ["A-REF-1", "A-REF-2"] };

interface Line {
  sku: string;
  aux?: string;
  quantity: number;
  price: string;
}

/** The header Total as the buyer's system computes it: the sum of its lines (lib/purchase-orders/header-reasons.ts). */
const linesTotal = (lines: readonly { quantity: number | string; price: string }[]) =>
  (Math.round(lines.reduce((sum, line) => sum + Math.round(Number(line.price) * 100) * Number(line.quantity), 0)) / 100).toFixed(2);

let sequence = 0;
function orderRequest(from: { domain: string; identity: string }, orderId: string, lines: Line[], type: "new" | "update" = "new"): string {
  const items = lines
    .map(
      (line, index) => `<ItemOut quantity="${line.quantity}" lineNumber="${index + 1}">
<ItemID><SupplierPartID>${line.sku}</SupplierPartID>${line.aux ? `<SupplierPartAuxiliaryID>${line.aux}</SupplierPartAuxiliaryID>` : ""}</ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">${line.price}</Money></UnitPrice><Description xml:lang="nl">Artikel ${line.sku}</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail>
</ItemOut>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="assortment-${sequence++}@buyer.example" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="${from.domain}"><Identity>${from.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="${from.domain}"><Identity>${from.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest>
<OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T10:59:00+01:00" type="${type}" orderVersion="${type === "new" ? 1 : 2}">
<Total><Money currency="EUR">${linesTotal(lines)}</Money></Total>
<ShipTo><Address addressID="NL-AMS-01" isoCountryCode="NL"><Name xml:lang="nl">Magazijn</Name><PostalAddress><Street>Stationsplein 1</Street><City>Amsterdam</City><PostalCode>1012 AB</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>
<BillTo><Address addressID="BILL-1" isoCountryCode="NL"><Name xml:lang="nl">Administratie</Name><PostalAddress><Street>Postbus 10</Street><City>Amsterdam</City><PostalCode>1000 AA</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></BillTo>
</OrderRequestHeader>
${items}
</OrderRequest></Request></cXML>`;
}

async function post(xml: string) {
  const answer = await handleCxmlOrder(
    { bytes: new TextEncoder().encode(xml), truncated: false },
    { remoteAddress: "203.0.113.9", now: NOW, baseUrl: "https://shop.example.nl", contentType: "text/xml" },
  );
  return { ...answer, text: /<Status [^>]*>([^<]*)/.exec(answer.body)?.[1] ?? "" };
}

async function stored(companyId: number, orderId: string) {
  const [row] = await handle.db
    .select({ order: orders, po: purchaseOrders })
    .from(purchaseOrders)
    .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
    .where(and(eq(orders.companyId, companyId), eq(purchaseOrders.buyerOrderId, orderId)));
  const lines = await handle.db
    .select()
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.orderId, row!.order.id), eq(purchaseOrderLines.revision, row!.po.revision)))
    .orderBy(purchaseOrderLines.lineNumber);
  const ordered = await handle.db.select().from(orderLines).where(eq(orderLines.orderId, row!.order.id)).orderBy(orderLines.lineNumber);
  const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, row!.order.id)).orderBy(orderEvents.id);
  return { ...row!, lines, ordered, events };
}

/** A transferred cart of the customer (the references its OrderRequests quote back). */
async function transferred(customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>, connectionId: number, references: string[]) {
  const [session] = await handle.db
    .insert(punchoutSessions)
    .values({ connectionId, companyId: customer.company.id, userId: customer.user.id, protocol: "cxml", status: "transferred", returnUrl: "https://procurement.example.com/return", expiresAt: NOW })
    .returning();
  const [transfer] = await handle.db.insert(punchoutTransfers).values({ sessionId: session!.id, companyId: customer.company.id, currency: "EUR", totalMinor: 0 }).returning();
  const line = (reference: string, lineNumber: number, product: { id: number; sku: string }, unitPriceMinor: number) => ({
    transferId: transfer!.id,
    reference,
    lineNumber,
    productId: product.id,
    sku: product.sku,
    description: "x",
    quantity: 1,
    unit: "EA",
    unitPriceMinor,
    vatRateBasisPoints: 2100,
  });
  await handle.db.insert(punchoutTransferLines).values([line(references[0]!, 1, contractProduct, 450), line(references[1]!, 2, otherProduct, 2599)]);
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  contractProduct = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  otherProduct = await createProduct(handle, category.id, { listPriceMinor: 2599 });
  contractCustomer = await createCompanyWithBuyer(handle);
  allCustomer = await createCompanyWithBuyer(handle);
  for (const customer of [contractCustomer, allCustomer]) {
    await createPriceList(handle, customer.company.id, [{ productId: contractProduct.id, kind: "fixed", priceMinor: 450 }]);
  }
  const contractConnection = await createCxmlConnection(handle, contractCustomer.company.id, { from: [CONTRACT_FROM], sender: [CONTRACT_FROM], secret: SECRET, origins: ["https://procurement.example.com"] });
  const allConnection = await createCxmlConnection(handle, allCustomer.company.id, { from: [ALL_FROM], sender: [ALL_FROM], secret: SECRET, origins: ["https://procurement.example.com"] });
  // The contract customer's cart with the other product was transferred before its assortment became its contract.
  await transferred(contractCustomer, contractConnection.id, refs.contract);
  await transferred(allCustomer, allConnection.id, refs.all);
  await handle.db.update(companies).set({ assortment: "contract" }).where(eq(companies.id, contractCustomer.company.id));
}, 120_000);
afterAll(() => db.dispose());

const contractLine = (aux: string): Line => ({ sku: contractProduct.sku, aux, quantity: 2, price: "4.50" });
const otherLine = (aux?: string): Line => ({ sku: otherProduct.sku, aux, quantity: 1, price: "25.99" });

describe("OrderRequest from a contract-assortment customer", () => {
  it("accepts an order of contract products only, as before", async () => {
    const answer = await post(orderRequest(CONTRACT_FROM, "PO-C-CLEAN", [contractLine(refs.contract[0]!)]));
    expect([answer.cxmlCode, answer.httpStatus]).toEqual([200, 200]);
    const order = await stored(contractCustomer.company.id, "PO-C-CLEAN");
    expect(order.order.status).toBe("accepted");
    expect(order.lines.map((line) => line.reasons)).toEqual([[]]);
  });

  it("receives an order with a line outside the contract (Status 200) but holds it for review, naming the SKU; nothing is lost", async () => {
    const answer = await post(orderRequest(CONTRACT_FROM, "PO-C-MIXED", [contractLine(refs.contract[0]!), otherLine(refs.contract[1]!)]));
    expect([answer.cxmlCode, answer.httpStatus]).toEqual([200, 200]);
    expect(answer.text).toBe("Order PO-C-MIXED received");
    const order = await stored(contractCustomer.company.id, "PO-C-MIXED");
    expect(order.order.status).toBe("needs_review");
    expect(order.lines.map((line) => [line.supplierPartId, line.reasons])).toEqual([
      [contractProduct.sku, []],
      [otherProduct.sku, [{ code: "not_in_assortment", detail: otherProduct.sku }]],
    ]);
    // Both lines are on the order, at the buyer's price, for the account manager to decide.
    expect(order.ordered.map((line) => [line.sku, line.quantity, line.unitPriceMinor])).toEqual([
      [contractProduct.sku, 2, 450],
      [otherProduct.sku, 1, 2599],
    ]);
    expect(order.events.map((event) => [event.status, event.comment])).toEqual([["needs_review", "not_in_assortment"]]);
  });

  it("names the reason next to the others of a line that is not from a transferred cart", async () => {
    await post(orderRequest(CONTRACT_FROM, "PO-C-BYSKU", [otherLine()]));
    const order = await stored(contractCustomer.company.id, "PO-C-BYSKU");
    expect(order.order.status).toBe("needs_review");
    expect(order.lines[0]!.reasons).toEqual([{ code: "not_in_transfer" }, { code: "not_in_assortment", detail: otherProduct.sku }]);
  });

  it("holds an update that adds a line outside the contract", async () => {
    await post(orderRequest(CONTRACT_FROM, "PO-C-UPD", [contractLine(refs.contract[0]!)]));
    expect((await stored(contractCustomer.company.id, "PO-C-UPD")).order.status).toBe("accepted");
    const update = await post(orderRequest(CONTRACT_FROM, "PO-C-UPD", [contractLine(refs.contract[0]!), otherLine(refs.contract[1]!)], "update"));
    expect(update.cxmlCode).toBe(200);
    const order = await stored(contractCustomer.company.id, "PO-C-UPD");
    expect(order.order.status).toBe("needs_review");
    expect(order.lines[1]!.reasons).toEqual([{ code: "not_in_assortment", detail: otherProduct.sku }]);
  });

  it("accepts a line outside the contract that carries an accepted quote: its price was agreed", async () => {
    const manager = await createStaff(handle, "account_manager", [contractCustomer.company.id]);
    const buyer = { ...contractCustomer.buyer, companyAssortment: "contract" as const } as unknown as BuyerUser;
    const { quoteNumber } = await requestProductQuote(buyer, { sku: otherProduct.sku, quantity: 5, comment: null }, NOW);
    const quote = (await getQuoteForViewer(buyer, quoteNumber))!;
    const price = { [`price_${quote.lines[0]!.id}`]: "22,00" } as Record<`price_${number}`, string>;
    await sendQuote(manager, { quoteId: quote.id, validUntil: "2026-12-15", comment: null, ...price }, NOW);
    const session = await openPunchoutSession(handle, contractCustomer.buyer);
    const shopper = inPunchout(buyer, session) as unknown as BuyerUser;
    await acceptQuote(shopper, quoteNumber, NOW);
    await transferPunchoutCart(shopper, "transfer", "nl", NOW);
    const [snapshot] = await handle.db.select().from(punchoutTransferLines).where(eq(punchoutTransferLines.quoteLineId, quote.lines[0]!.id));

    await post(orderRequest(CONTRACT_FROM, "PO-C-QUOTE", [{ sku: otherProduct.sku, aux: snapshot!.reference, quantity: 5, price: "22.00" }]));
    const order = await stored(contractCustomer.company.id, "PO-C-QUOTE");
    expect(order.lines[0]!.reasons).toEqual([]);
    expect(order.order.status).toBe("accepted");
    expect(order.ordered[0]!.priceSource).toEqual({ kind: "quote", quoteNumber });
  });
});

describe("OrderRequest from a customer who sees the whole catalogue", () => {
  it("accepts the same order of a contract and another product, as before", async () => {
    const answer = await post(orderRequest(ALL_FROM, "PO-A-MIXED", [contractLine(refs.all[0]!), otherLine(refs.all[1]!)]));
    expect(answer.cxmlCode).toBe(200);
    const order = await stored(allCustomer.company.id, "PO-A-MIXED");
    expect(order.order.status).toBe("accepted");
    expect(order.lines.map((line) => line.reasons)).toEqual([[], []]);
  });
});

describe("an OrderRequest line for a product we took out of the shop", () => {
  it("goes to review as before, and the account manager's order page names it as discontinued with its successor", async () => {
    const category = await createCategory(handle);
    const retired = await createProduct(handle, category.id, { listPriceMinor: 1500, active: false });
    const successor = await createProduct(handle, category.id, { listPriceMinor: 1600, nameNl: "Opvolger NL", nameEn: "Successor EN" });
    const gone = await createProduct(handle, category.id, { listPriceMinor: 900, active: false });
    await handle.db.insert(productRelations).values({ productId: retired.id, kind: "successor", relatedProductId: successor.id, position: 0 });
    await post(
      orderRequest(ALL_FROM, "PO-A-RETIRED", [
        { sku: retired.sku, quantity: 1, price: "15.00" },
        { sku: gone.sku, quantity: 1, price: "9.00" },
        { sku: "NO-SUCH-SKU", quantity: 1, price: "1.00" },
      ]),
    );
    const order = await stored(allCustomer.company.id, "PO-A-RETIRED");
    expect(order.order.status).toBe("needs_review");
    expect(order.lines.map((line) => line.reasons)).toEqual([
      [{ code: "not_in_transfer" }, { code: "unknown_product", detail: retired.sku }],
      [{ code: "not_in_transfer" }, { code: "unknown_product", detail: gone.sku }],
      [{ code: "not_in_transfer" }, { code: "unknown_product", detail: "NO-SUCH-SKU" }],
    ]);
    const manager = await createStaff(handle, "account_manager", [allCustomer.company.id]);
    const detail = await getOrderForStaff(manager, order.order.id);
    expect([...detail.discontinued]).toEqual([
      [retired.sku, { successor: { sku: successor.sku, nameNl: "Opvolger NL", nameEn: "Successor EN" } }],
      [gone.sku, { successor: null }],
    ]);
  });
});
