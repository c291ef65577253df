// Quotes (RFQ): a buyer asks for a quote on their cart, the account manager answers per line, the buyer
// takes it into a cart and orders it once at the quoted prices — in the shop, or through punchout and the
// procurement system's OrderRequest.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderLines, orders, punchoutConnections, punchoutSessions, punchoutTransferLines, purchaseOrderLines, quotes, users } from "@/db/schema";
import { getQuoteForStaff, listQuotesForStaff, punchoutRequest, rejectQuoteRequest, sendQuote } from "@/lib/admin/quotes";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart, getPricedCart, updateCartLineQuantity } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { createOrder } from "@/lib/data/orders";
import { createPunchoutSession } from "@/lib/data/punchout-sessions";
import { AppError } from "@/lib/errors";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { handleCxmlSetup } from "@/lib/punchout/cxml-setup";
import { transferPunchoutCart } from "@/lib/punchout/transfer";
import { acceptQuote, declineQuote, getQuoteForViewer, listQuotesForViewer, requestProductQuote, requestQuote } from "@/lib/quotes/buyer-quotes";
import { addCompanyUser, inPunchout, openPunchoutSession, outboxTo } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const LATER = new Date("2026-12-20T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let colleague: Awaited<ReturnType<typeof addCompanyUser>>;
let approver: Awaited<ReturnType<typeof addCompanyUser>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;
let admin: Awaited<ReturnType<typeof createStaff>>;
let paper: { id: number; sku: string };
let gloves: { id: number; sku: string };
let tape: { id: number; sku: string };

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  gloves = await createProduct(handle, category.id, { listPriceMinor: 250 });
  tape = await createProduct(handle, category.id, { listPriceMinor: 120 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [{ productId: paper.id, kind: "fixed", priceMinor: 900 }]);
  colleague = await addCompanyUser(handle, customer, "buyer");
  approver = await addCompanyUser(handle, customer, "approver");
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager", [other.company.id]);
  admin = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => fresh.dispose());

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const buyer = () => customer.buyer as unknown as BuyerUser;

/** A request for `lines` by the customer's buyer, answered by the manager with `prices` (minor units, by SKU). */
async function quoted(lines: [string, number][], prices: Record<string, string>, validUntil = "2026-12-15") {
  for (const [sku, quantity] of lines) await addToCart(buyer(), sku, quantity);
  const { quoteNumber } = await requestQuote(buyer(), { comment: null }, "nl", NOW);
  const quote = (await getQuoteForViewer(buyer(), quoteNumber))!;
  const fields = Object.fromEntries(quote.lines.map((line) => [`price_${line.id}`, prices[line.sku]!])) as Record<`price_${number}`, string>;
  await sendQuote(manager, { quoteId: quote.id, validUntil, comment: null, ...fields }, NOW);
  return (await getQuoteForViewer(buyer(), quoteNumber))!;
}

describe("asking for a quote", () => {
  it("turns the cart into a request: the lines move into it at the buyer's price, the cart empties, the account managers hear of it", async () => {
    expect((await appError(requestQuote(buyer(), { comment: null }, "nl", NOW))).message).toBe("cart_empty");
    await addToCart(buyer(), paper.sku, 40);
    await addToCart(buyer(), gloves.sku, 100);
    const { quoteNumber } = await requestQuote(buyer(), { comment: "Jaarafname, graag staffelprijs" }, "nl", NOW);
    expect(quoteNumber).toMatch(/^Q\d+$/);
    expect((await getPricedCart(buyer(), "nl", NOW)).lines).toHaveLength(0);
    const quote = (await getQuoteForViewer(buyer(), quoteNumber))!;
    expect(quote).toMatchObject({ status: "requested", buyerComment: "Jaarafname, graag staffelprijs", validUntil: null });
    expect(quote.lines.map((l) => [l.sku, l.quantity, l.requestedUnitPriceMinor, l.quotedUnitPriceMinor])).toEqual([
      [paper.sku, 40, 900, null],
      [gloves.sku, 100, 250, null],
    ]);
    const [mail] = await outboxTo(handle, manager.email);
    expect(mail).toMatchObject({ kind: "quote_requested" });
    expect(mail!.bodyText).toContain(`/admin/quotes/${quote.id}`);
    // Nothing to accept yet.
    expect((await appError(acceptQuote(buyer(), quoteNumber, NOW))).message).toBe("quote_not_acceptable");
  });

  it("is seen by the requester, the company's approvers and its account managers; by nobody else", async () => {
    const { items } = await listQuotesForViewer(buyer(), { limit: 10, offset: 0 });
    const number = items[0]!.quoteNumber;
    expect(await getQuoteForViewer(approver, number)).not.toBeNull();
    expect(await getQuoteForViewer(colleague, number)).toBeNull();
    expect((await listQuotesForViewer(colleague, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await getQuoteForViewer(other.buyer, number)).toBeNull();
    const id = items[0]!.id;
    expect((await getQuoteForStaff(manager, id, NOW)).quote.quoteNumber).toBe(number);
    expect((await getQuoteForStaff(admin, id, NOW)).quote.quoteNumber).toBe(number);
    expect((await appError(getQuoteForStaff(otherManager, id, NOW))).message).toBe("quote_not_found");
    expect((await listQuotesForStaff(otherManager, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await listQuotesForStaff(manager, { statuses: ["requested"], limit: 10, offset: 0 })).items.map((q) => q.quoteNumber)).toContain(number);
    expect((await appError(sendQuote(otherManager, { quoteId: id, validUntil: "2026-12-15", comment: null }, NOW))).message).toBe("quote_not_found");
  });
});

describe("asking for a quote on one product", () => {
  it("from the product page: the quantity asked, the buyer's price for it, the cart left alone; an unorderable quantity is refused", async () => {
    await addToCart(buyer(), tape.sku, 2);
    const { quoteNumber } = await requestProductQuote(buyer(), { sku: paper.sku, quantity: 500, comment: "Jaarvolume" }, NOW);
    const quote = (await getQuoteForViewer(buyer(), quoteNumber))!;
    expect(quote.lines.map((l) => [l.sku, l.quantity, l.requestedUnitPriceMinor])).toEqual([[paper.sku, 500, 900]]);
    expect(quote).toMatchObject({ status: "requested", buyerComment: "Jaarvolume" });
    expect((await getPricedCart(buyer(), "nl", NOW)).lines.map((l) => [l.product.sku, l.quantity])).toEqual([[tape.sku, 2]]);
    await updateCartLineQuantity(buyer(), (await getPricedCart(buyer(), "nl", NOW)).lines[0]!.lineId, 0);
    // Answered later like any request; here it is rejected to keep the other tests' lists as they were.
    await rejectQuoteRequest(manager, { quoteId: quote.id, reason: "test" }, NOW);

    const packed = await createProduct(handle, (await createCategory(handle)).id, { minOrderQuantity: 10, orderMultiple: 5 });
    const refused = await appError(requestProductQuote(buyer(), { sku: packed.sku, quantity: 12, comment: null }, NOW));
    expect([refused.code, refused.message, refused.details?.suggested]).toEqual(["quantity_rule", "not_multiple", 10]);
    expect((await appError(requestProductQuote(buyer(), { sku: "NOPE", quantity: 1, comment: null }, NOW))).message).toBe("product_not_found");
  });
});

describe("answering", () => {
  it("needs a price on every line and a last day not in the past; a bad answer writes nothing", async () => {
    const { items } = await listQuotesForViewer(buyer(), { statuses: ["requested"], limit: 10, offset: 0 });
    const view = await getQuoteForStaff(manager, items[0]!.id, NOW);
    const [first, second] = view.quote.lines;
    expect(view.reference.get(first!.id)).toMatchObject({ currentUnitPriceMinor: 900, listPriceMinor: 1000 });
    expect(view.defaultValidUntil).toBe("2026-12-28");
    const price = (line: { id: number }, value: string) => ({ [`price_${line.id}`]: value }) as Record<`price_${number}`, string>;
    const error = await appError(sendQuote(manager, { quoteId: view.quote.id, validUntil: "2026-11-27", comment: null, ...price(first!, "8,10") }, NOW));
    expect(error.details).toMatchObject({ fieldErrors: { validUntil: ["in_the_past"], [`price_${second!.id}`]: ["required"] } });
    expect((await getQuoteForStaff(manager, view.quote.id, NOW)).quote.status).toBe("requested");

    await sendQuote(manager, { quoteId: view.quote.id, validUntil: "15-12-2026", comment: "Levering in twee delen", ...price(first!, "8,10"), ...price(second!, "2.05") }, NOW);
    const answered = (await getQuoteForViewer(buyer(), view.quote.quoteNumber))!;
    expect(answered).toMatchObject({ status: "quoted", validUntil: "2026-12-15", staffComment: "Levering in twee delen", quotedByName: manager.name });
    expect(answered.lines.map((l) => l.quotedUnitPriceMinor)).toEqual([810, 205]);
    const mails = await outboxTo(handle, customer.user.email);
    expect(mails.map((m) => m.kind)).toContain("quote_answered");
  });

  it("a request the manager will not quote is rejected with a reason the buyer sees", async () => {
    await addToCart(buyer(), tape.sku, 5);
    const { quoteNumber } = await requestQuote(buyer(), { comment: null }, "nl", NOW);
    const quote = (await getQuoteForViewer(buyer(), quoteNumber))!;
    await rejectQuoteRequest(manager, { quoteId: quote.id, reason: "Artikel uit assortiment" }, NOW);
    expect(await getQuoteForViewer(buyer(), quoteNumber)).toMatchObject({ status: "rejected", declineReason: "Artikel uit assortiment" });
    expect((await appError(rejectQuoteRequest(manager, { quoteId: quote.id, reason: "x" }, NOW))).message).toBe("quote_not_answerable");
    expect((await appError(acceptQuote(buyer(), quoteNumber, NOW))).message).toBe("quote_not_acceptable");
  });
});

describe("ordering at the quoted prices", () => {
  it("takes the quote into the cart (replacing a line of the same product) and prices it at the quote for exactly its quantity", async () => {
    const [quote] = (await listQuotesForViewer(buyer(), { statuses: ["quoted"], limit: 1, offset: 0 })).items;
    await addToCart(buyer(), paper.sku, 3);
    const accepted = await acceptQuote(buyer(), quote!.quoteNumber, NOW);
    expect(accepted).toEqual({ lines: 2, replaced: [{ sku: paper.sku, previousQuantity: 3, quantity: 40 }] });
    const cart = await getPricedCart(buyer(), "nl", NOW);
    expect(cart.lines.map((l) => [l.product.sku, l.quantity, l.unitPriceMinor, l.quote?.quoteNumber, l.quote?.verdict.applies])).toEqual([
      [paper.sku, 40, 810, quote!.quoteNumber, true],
      [gloves.sku, 100, 205, quote!.quoteNumber, true],
    ]);
    // The quoted price holds for exactly its quantity: setting another is refused, the line keeps 40 at 810.
    const paperLine = cart.lines[0]!;
    expect(paperLine.quote?.lockedQuantity).toBe(40);
    const refused = await appError(updateCartLineQuantity(buyer(), paperLine.lineId, 50, NOW));
    expect([refused.code, refused.message, refused.details]).toEqual(["conflict", "quote_quantity_locked", { requested: 50, quantity: 40 }]);
    expect((await getPricedCart(buyer(), "nl", NOW)).lines[0]).toMatchObject({ quantity: 40, unitPriceMinor: 810 });
    // Changed elsewhere (another add of the product): priced as usual and says why, still held to 40, so
    // only the way back is taken; back at 40 the quote applies again.
    await addToCart(buyer(), paper.sku, 10);
    const changed = (await getPricedCart(buyer(), "nl", NOW)).lines[0]!;
    expect([changed.quantity, changed.unitPriceMinor, changed.quote?.verdict, changed.quote?.lockedQuantity]).toEqual([
      50,
      900,
      { applies: false, reason: "quantity_changed" },
      40,
    ]);
    expect((await appError(updateCartLineQuantity(buyer(), paperLine.lineId, 60, NOW))).message).toBe("quote_quantity_locked");
    await updateCartLineQuantity(buyer(), paperLine.lineId, 40, NOW);
    expect((await getPricedCart(buyer(), "nl", NOW)).lines[0]).toMatchObject({ quantity: 40, unitPriceMinor: 810, quote: { verdict: { applies: true } } });
    // After its last day the quote no longer prices the line, nor holds its quantity.
    const lapsed = (await getPricedCart(buyer(), "nl", LATER)).lines[0]!;
    expect([lapsed.quote?.verdict, lapsed.quote?.lockedQuantity]).toEqual([{ applies: false, reason: "expired" }, null]);
    await updateCartLineQuantity(buyer(), paperLine.lineId, 45, LATER);
    await updateCartLineQuantity(buyer(), paperLine.lineId, 40, NOW);
    expect((await getQuoteForViewer(buyer(), quote!.quoteNumber))?.status).toBe("accepted");
  });

  it("checkout uses the quote up: order lines name it, the quote is ordered and cannot be taken into a cart again", async () => {
    const [quote] = (await listQuotesForViewer(buyer(), { statuses: ["accepted"], limit: 1, offset: 0 })).items;
    const placed = await placeOrder(buyer(), { shipToAddressId: customer.shipTo.id, poNumber: "PO-Q", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
    const lines = await handle.db.select().from(orderLines).innerJoin(orders, eq(orders.id, orderLines.orderId)).where(eq(orders.orderNumber, placed.orderNumber));
    expect(lines.map((row) => [row.order_lines.unitPriceMinor, row.order_lines.priceSource])).toEqual([
      [810, { kind: "quote", quoteNumber: quote!.quoteNumber }],
      [205, { kind: "quote", quoteNumber: quote!.quoteNumber }],
    ]);
    expect(await getQuoteForViewer(buyer(), quote!.quoteNumber)).toMatchObject({ status: "ordered", orderNumber: placed.orderNumber });
    expect((await appError(acceptQuote(buyer(), quote!.quoteNumber, NOW))).message).toBe("quote_not_acceptable");
    expect((await appError(declineQuote(buyer(), { quoteNumber: quote!.quoteNumber, reason: null }, NOW))).message).toBe("quote_not_declinable");
  });

  it("a quote declined after it went into the cart prices the line as usual, and is not used up", async () => {
    const quote = await quoted([[tape.sku, 20]], { [tape.sku]: "1,00" });
    await acceptQuote(buyer(), quote.quoteNumber, NOW);
    const viewingAs = { ...approver, impersonatedBy: { id: manager.id, name: manager.name, sessionId: 1, expiresAt: LATER } };
    expect((await appError(declineQuote(viewingAs, { quoteNumber: quote.quoteNumber, reason: null }, NOW))).message).toBe("not_while_viewing_as");
    await declineQuote(approver, { quoteNumber: quote.quoteNumber, reason: "Toch niet nodig" }, NOW);
    const [line] = (await getPricedCart(buyer(), "nl", NOW)).lines;
    expect([line!.unitPriceMinor, line!.quote?.verdict]).toEqual([120, { applies: false, reason: "not_accepted" }]);
    const placed = await placeOrder(buyer(), { shipToAddressId: customer.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
    expect(placed.status).toBe("placed");
    expect(await getQuoteForViewer(buyer(), quote.quoteNumber)).toMatchObject({ status: "declined", orderNumber: null, declineReason: "Toch niet nodig" });
  });

  it("an order priced at a quote that was used up meanwhile is refused whole: nothing is written", async () => {
    const quote = await quoted([[gloves.sku, 10]], { [gloves.sku]: "2,00" });
    await acceptQuote(buyer(), quote.quoteNumber, NOW);
    const cart = await getPricedCart(buyer(), "nl", NOW);
    await handle.db.update(quotes).set({ status: "ordered" }).where(eq(quotes.id, quote.id));
    const before = await handle.db.select().from(orders);
    const error = await appError(
      createOrder({
        cart: { cartId: cart.cartId, lineIds: cart.lines.map((l) => l.lineId) },
        quotes: { ids: [quote.id], day: "2026-11-28" },
        approval: { at: new Date("2026-11-28T10:00:00Z"), reasons: () => [] },
        order: { companyId: customer.company.id, userId: customer.user.id, shipTo: { name: "x", attention: null, street: "s", postalCode: "1", city: "c", countryCode: "NL" }, subtotalMinor: 2000, vatMinor: 420, totalMinor: 2420, vatBreakdown: [] },
        lines: [{ lineNumber: 1, productId: gloves.id, sku: gloves.sku, name: "g", unit: "EA", quantity: 10, unitPriceMinor: 200, listPriceMinor: 250, lineTotalMinor: 2000, vatRateBasisPoints: 2100, priceSource: { kind: "quote", quoteNumber: quote.quoteNumber } }],
      }),
    );
    expect(error.message).toBe("quote_no_longer_valid");
    expect(await handle.db.select().from(orders)).toHaveLength(before.length);
    expect((await getPricedCart(buyer(), "nl", NOW)).lines).toHaveLength(1);
    await updateCartLineQuantity(buyer(), cart.lines[0]!.lineId, 0);
  });
});

describe("quotes through punchout", () => {
  it("OCI: a quoted line goes to the procurement system with EXT_QUOTE_ID / EXT_QUOTE_ITEM, and its snapshot keeps the quote line", async () => {
    const quote = await quoted([[paper.sku, 30], [tape.sku, 10]], { [paper.sku]: "7,95", [tape.sku]: "1,05" });
    const session = await openPunchoutSession(handle, customer.buyer);
    const shopper = inPunchout(customer.buyer, session) as unknown as BuyerUser;
    await acceptQuote(shopper, quote.quoteNumber, NOW);
    // The punchout cart, not the shop cart.
    expect((await getPricedCart(buyer(), "nl", NOW)).lines).toHaveLength(0);
    const page = await transferPunchoutCart(shopper, "transfer", "nl", NOW);
    const html = page.body.toString("utf8");
    expect(html).toContain(`name="NEW_ITEM-EXT_QUOTE_ID[1]" value="${quote.quoteNumber}"`);
    expect(html).toContain(`name="NEW_ITEM-EXT_QUOTE_ITEM[1]" value="1"`);
    expect(html).toContain(`name="NEW_ITEM-EXT_QUOTE_ITEM[2]" value="2"`);
    expect(html).toContain(`name="NEW_ITEM-PRICE[1]" value="7.95"`);
    const snapshot = await handle.db.select().from(punchoutTransferLines).where(eq(punchoutTransferLines.sku, paper.sku));
    expect(snapshot.at(-1)).toMatchObject({ unitPriceMinor: 795, quoteLineId: quote.lines[0]!.id });
    // Transferred is not ordered: the purchase order after approval uses it up.
    expect((await getQuoteForViewer(buyer(), quote.quoteNumber))?.status).toBe("accepted");
  });

  it("cXML: the OrderRequest for a transferred quote is reconciled against the quote and uses it up; after its last day it goes to review", async () => {
    const FROM = { domain: "NetworkID", identity: "AN-QUOTE-BUYER" };
    const connection = await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], to: null, secret: "q-secret", origins: ["https://procurement.example.com"] });
    const transferAtQuote = async (lines: [string, number][], prices: Record<string, string>) => {
      const quote = await quoted(lines, prices);
      const session = await createPunchoutSession({
        connectionId: connection.id,
        companyId: customer.company.id,
        userId: customer.user.id,
        protocol: "cxml",
        status: "active",
        returnUrl: "https://procurement.example.com/return",
        buyerCookie: `cookie-${quote.quoteNumber}`,
        context: { header: { from: [FROM], to: [{ domain: "NetworkID", identity: "KOPPEL" }] }, deploymentMode: "production" },
        expiresAt: new Date(NOW.getTime() + 3_600_000),
      });
      const shopper = {
        ...customer.buyer,
        punchout: { sessionId: session.id, operation: "create", connectionName: connection.name, presetId: "generic", protocol: "cxml" },
      } as unknown as BuyerUser;
      await acceptQuote(shopper, quote.quoteNumber, NOW);
      await transferPunchoutCart(shopper, "transfer", "nl", NOW);
      const [line] = await handle.db.select().from(punchoutTransferLines).where(eq(punchoutTransferLines.quoteLineId, quote.lines[0]!.id));
      return { quote, reference: line!.reference };
    };
    const orderRequest = (orderId: string, sku: string, reference: string, quantity: number, price: string, orderDate: string) => `<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="${orderId}@buyer" timestamp="${orderDate}" xml:lang="nl-NL"><Header>
<From><Credential domain="NetworkID"><Identity>AN-QUOTE-BUYER</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN-QUOTE-BUYER</Identity><SharedSecret>q-secret</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="${orderDate}" type="new"><Total><Money currency="EUR">${(Math.round(Number(price) * 100 * quantity) / 100).toFixed(2)}</Money></Total></OrderRequestHeader>
<ItemOut quantity="${quantity}" lineNumber="1"><ItemID><SupplierPartID>${sku}</SupplierPartID><SupplierPartAuxiliaryID>${reference}</SupplierPartAuxiliaryID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">${price}</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
    const post = (xml: string) =>
      handleCxmlOrder({ bytes: new TextEncoder().encode(xml), truncated: false }, { remoteAddress: "203.0.113.7", now: NOW, baseUrl: "https://shop.example.nl", contentType: "text/xml" });
    const orderOf = async (poNumber: string) => {
      const [order] = await handle.db.select().from(orders).where(eq(orders.poNumber, poNumber));
      const lines = await handle.db.select().from(orderLines).where(eq(orderLines.orderId, order!.id));
      return { order: order!, lines };
    };

    const first = await transferAtQuote([[paper.sku, 25]], { [paper.sku]: "7,50" });
    expect((await post(orderRequest("PO-QUOTE-1", paper.sku, first.reference, 25, "7.50", "2026-11-28T12:00:00+01:00"))).cxmlCode).toBe(200);
    const accepted = await orderOf("PO-QUOTE-1");
    // Our contract price is 9.00: without the quote, 7.50 would be "price_lower".
    expect(accepted.order.status).toBe("accepted");
    expect(accepted.lines[0]).toMatchObject({ unitPriceMinor: 750, priceSource: { kind: "quote", quoteNumber: first.quote.quoteNumber } });
    expect(await getQuoteForViewer(buyer(), first.quote.quoteNumber)).toMatchObject({ status: "ordered", orderNumber: accepted.order.orderNumber });

    const second = await transferAtQuote([[gloves.sku, 60]], { [gloves.sku]: "1,90" });
    expect((await post(orderRequest("PO-QUOTE-2", gloves.sku, second.reference, 60, "1.90", "2026-12-16T09:00:00+01:00"))).cxmlCode).toBe(200);
    const review = await orderOf("PO-QUOTE-2");
    expect(review.order.status).toBe("needs_review");
    const [reviewLine] = await handle.db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.orderId, review.order.id));
    expect(reviewLine!.reasons).toContainEqual({ code: "quote_lapsed", detail: `${second.quote.quoteNumber}: expired` });
    // The quote (valid until 15 December) was not used up by an order it did not price.
    expect((await getQuoteForViewer(buyer(), second.quote.quoteNumber))?.status).toBe("accepted");

    // The requisition is edited in the procurement system before it is ordered (cXML edit): the
    // transferred quoted line comes back into the cart with its quote, priced at it as long as the
    // quantity is the quoted one; after the quote's last day, or at another quantity, at the buyer's price.
    const third = await transferAtQuote([[paper.sku, 12]], { [paper.sku]: "7,25" });
    const editCart = async (quantity: number, now: Date) => {
      const payloadId = `edit-${quantity}-${now.getTime()}@buyer`;
      const posr = `<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="${payloadId}" timestamp="2026-11-28T11:00:00+01:00" xml:lang="nl-NL"><Header>
<From><Credential domain="NetworkID"><Identity>AN-QUOTE-BUYER</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN-QUOTE-BUYER</Identity><SharedSecret>q-secret</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><PunchOutSetupRequest operation="edit"><BuyerCookie>edit-${quantity}</BuyerCookie>
<Extrinsic name="UserEmail">${customer.user.email}</Extrinsic><BrowserFormPost><URL>https://procurement.example.com/return</URL></BrowserFormPost>
<ItemOut quantity="${quantity}" lineNumber="1"><ItemID><SupplierPartID>${paper.sku}</SupplierPartID><SupplierPartAuxiliaryID>${third.reference}</SupplierPartAuxiliaryID></ItemID></ItemOut>
</PunchOutSetupRequest></Request></cXML>`;
      const answer = await handleCxmlSetup({ bytes: new TextEncoder().encode(posr), truncated: false }, { remoteAddress: null, now, baseUrl: "https://shop.example.nl", contentType: "text/xml" });
      expect(answer.body).toContain('code="200"');
      const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.requestPayloadId, payloadId));
      const shopper = {
        ...customer.buyer,
        punchout: { sessionId: session!.id, operation: "edit", connectionName: connection.name, presetId: "generic", protocol: "cxml" },
      } as unknown as BuyerUser;
      const cart = await getPricedCart(shopper, "nl", now);
      return cart.lines.map((line) => [line.product.sku, line.quantity, line.unitPriceMinor, line.quote?.quoteNumber ?? null, line.quote?.verdict.applies ?? null]);
    };
    expect(await editCart(12, NOW)).toEqual([[paper.sku, 12, 725, third.quote.quoteNumber, true]]);
    expect(await editCart(13, NOW)).toEqual([[paper.sku, 13, 900, third.quote.quoteNumber, false]]);
    expect(await editCart(12, LATER)).toEqual([[paper.sku, 12, 900, third.quote.quoteNumber, false]]);
  });
});

describe("a request from a punchout connection's technical user", () => {
  /** A punchout session as the connection's technical user (a shared account nobody reads the mail of). */
  async function technicalShopper() {
    const [user] = await handle.db
      .insert(users)
      .values({ email: `punchout-${Date.now().toString(36)}@technical.koppel.invalid`, name: "Punchout SAP", role: "buyer", companyId: customer.company.id, passwordHash: null })
      .returning();
    const technical = { ...user!, companyId: customer.company.id, companyName: customer.company.name, impersonatedBy: null };
    const session = await openPunchoutSession(handle, technical);
    const [row] = await handle.db.select({ connectionId: punchoutSessions.connectionId }).from(punchoutSessions).where(eq(punchoutSessions.id, session.sessionId));
    await handle.db.update(punchoutConnections).set({ name: "SAP SRM", technicalUserId: technical.id }).where(eq(punchoutConnections.id, row!.connectionId));
    const inSession = inPunchout(technical, session);
    return { technical, shopper: { ...inSession, punchout: { ...inSession.punchout, technicalUser: true } } as unknown as BuyerUser };
  }
  const answer = (quote: { id: number; lines: { id: number }[] }) =>
    sendQuote(manager, { quoteId: quote.id, validUntil: "2026-12-15", comment: null, ...(Object.fromEntries(quote.lines.map((line) => [`price_${line.id}`, "1,00"])) as Record<`price_${number}`, string>) }, NOW);

  it("must name who asks in its note (cart and product page), since the shared account names nobody", async () => {
    const { shopper } = await technicalShopper();
    await addToCart(shopper, tape.sku, 10);
    const refused = await appError(requestQuote(shopper, { comment: null }, "nl", NOW));
    expect(refused).toMatchObject({ code: "invalid_input", message: "quote_contact_required", details: { fieldErrors: { comment: ["quote_contact_required"] } } });
    expect((await getPricedCart(shopper, "nl", NOW)).lines).toHaveLength(1);
    expect((await appError(requestProductQuote(shopper, { sku: paper.sku, quantity: 500, comment: null }, NOW))).message).toBe("quote_contact_required");
  });

  it("is answered and rejected without a mail to the technical user (the manager sees whose it is); a person's answer is still mailed", async () => {
    const { technical, shopper } = await technicalShopper();
    await addToCart(shopper, tape.sku, 10);
    const { quoteNumber } = await requestQuote(shopper, { comment: "Jan Jansen, jan@demo.example, 020 123 4567" }, "nl", NOW);
    const quote = (await getQuoteForViewer(shopper, quoteNumber))!;
    const view = await getQuoteForStaff(manager, quote.id, NOW);
    expect(view.quote.requestedBy.technicalUserOf).toBe("SAP SRM");
    expect(punchoutRequest(view.quote)).toEqual({ connectionName: "SAP SRM" });
    await answer(quote);
    expect((await getQuoteForViewer(shopper, quoteNumber))?.status).toBe("quoted");

    await addToCart(shopper, gloves.sku, 20);
    const second = (await getQuoteForViewer(shopper, (await requestQuote(shopper, { comment: "Jan Jansen, 020 123 4567" }, "nl", NOW)).quoteNumber))!;
    await rejectQuoteRequest(manager, { quoteId: second.id, reason: "Niet leverbaar" }, NOW);
    expect(await outboxTo(handle, technical.email)).toEqual([]);

    // A person who asked (in the shop) still hears of the answer.
    const before = (await outboxTo(handle, customer.user.email)).filter((mail) => mail.kind === "quote_answered").length;
    await addToCart(buyer(), tape.sku, 10);
    const own = (await getQuoteForViewer(buyer(), (await requestQuote(buyer(), { comment: null }, "nl", NOW)).quoteNumber))!;
    expect(punchoutRequest(own)).toBeNull();
    await answer(own);
    expect((await outboxTo(handle, customer.user.email)).filter((mail) => mail.kind === "quote_answered")).toHaveLength(before + 1);
  });
});
