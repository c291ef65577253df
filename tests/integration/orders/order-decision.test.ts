import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderEvents, orders, purchaseOrders } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { confirmOrderForStaff, getOrderForStaff } from "@/lib/admin/purchase-orders";
import { CONFIRMED_WITH_CHANGES, historyComment } from "@/lib/orders/history-comment";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The account manager's decision on a purchase order waiting for review, through the admin order
 * page's function (confirmOrderForStaff), for a connection without an order-response URL: nothing
 * goes to the buyer's system, and the page must be told so.
 */
let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const FROM = { domain: "NetworkID", identity: "AN-DECISION-BUYER" };
const SECRET = "decision-secret";
let product: { id: number; sku: string };
let manager: StaffUser;

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 270 });
  const customer = await createCompanyWithBuyer(handle);
  await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], to: { domain: "NetworkID", identity: "KOPPEL" }, secret: SECRET, origins: [] });
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 120_000);
afterAll(async () => {
  await db.dispose();
});

let n = 0;
/** Two lines outside any transferred cart, the first at a price above ours (3.37 against 2.70): it waits for review. */
async function intake(): Promise<number> {
  const orderId = `PO-DEC-${n++}`;
  const item = (line: number, price: string) =>
    `<ItemOut quantity="4" lineNumber="${line}"><ItemID><SupplierPartID>${product.sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">${price}</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${orderId}@buyer" timestamp="2026-11-28T11:00:00+01:00">
<Header><From><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T10:59:00+01:00"><Total><Money currency="EUR">24.28</Money></Total>
<BillTo><Address><Name xml:lang="nl">B</Name></Address></BillTo></OrderRequestHeader>
${item(1, "3.37")}
${item(2, "2.70")}
</OrderRequest></Request></cXML>`;
  const answer = await handleCxmlOrder({ bytes: Buffer.from(xml), truncated: false }, { remoteAddress: null, now: new Date(), baseUrl: "https://shop.example.nl", contentType: "text/xml" });
  expect(answer.cxmlCode).toBe(200);
  const [po] = await handle.db.select().from(purchaseOrders).where(eq(purchaseOrders.buyerOrderId, orderId));
  return po!.orderId;
}

const statusOf = async (orderId: number) => (await handle.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status;
const eventsOf = (orderId: number) => handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));

describe("deciding on a purchase order under review", () => {
  it("writes why it waits as each reason's code once (both lines are outside a transfer), with the price difference in cents", async () => {
    const orderId = await intake();
    expect(await statusOf(orderId)).toBe("needs_review");
    const [held] = await eventsOf(orderId);
    expect(held!.comment).toBe("not_in_transfer, price_higher");
    expect(historyComment(held!.comment!)).toEqual({ kind: "review_reasons", codes: ["not_in_transfer", "price_higher"] });
    const detail = await getOrderForStaff(manager, orderId);
    expect(detail.purchaseLines[0]!.reasons).toContainEqual({ code: "price_higher", detail: "337 > 270" });
  });

  it("refuses a rejection without a reason at its field, and leaves the order under review; with the reason it is rejected, not confirmed", async () => {
    const orderId = await intake();
    for (const comment of [null, "   "]) {
      await expect(confirmOrderForStaff(manager, { orderId, decision: "reject", comment: comment?.trim() || null })).rejects.toMatchObject({
        code: "invalid_input",
        message: "reject_comment_required",
        details: { field: "comment" },
      });
    }
    expect(await statusOf(orderId)).toBe("needs_review");
    expect(await confirmOrderForStaff(manager, { orderId, decision: "reject", comment: "Prijzen kloppen niet, graag nieuwe PO." })).toEqual({ queued: false });
    expect(await statusOf(orderId)).toBe("rejected");
    expect((await eventsOf(orderId)).at(-1)).toMatchObject({ status: "rejected", comment: "Prijzen kloppen niet, graag nieuwe PO." });
  });

  it("names the line field a change cannot use, and changes nothing", async () => {
    const orderId = await intake();
    await expect(confirmOrderForStaff(manager, { orderId, decision: "change", comment: null, line_1_quantity: "2,5", line_1_price: "2,70", line_2_price: "veel" })).rejects.toMatchObject({
      code: "invalid_input",
      details: { fieldErrors: { line_1_quantity: ["whole_number"], line_2_price: ["invalid_amount"] } },
    });
    expect(await statusOf(orderId)).toBe("needs_review");
  });

  it("confirms with changes: the order's lines carry the confirmed price, nothing is queued without an order-response URL, the history keeps a fixed marker", async () => {
    const orderId = await intake();
    expect(await confirmOrderForStaff(manager, { orderId, decision: "change", comment: null, line_1_quantity: "4", line_1_price: "2,70" })).toEqual({ queued: false });
    const detail = await getOrderForStaff(manager, orderId);
    expect(detail.order.status).toBe("confirmed");
    expect(detail.lines.map((line) => [line.lineNumber, line.quantity, line.unitPriceMinor])).toEqual([
      [1, 4, 270],
      [2, 4, 270],
    ]);
    // The buyer's line as sent stays next to it: the page strikes its price through and shows the confirmed one.
    expect(detail.purchaseLines[0]!.buyerUnitPriceMinor).toBe(337);
    expect(detail.outbound).toEqual([]);
    const last = (await eventsOf(orderId)).at(-1)!;
    expect(last.comment).toBe(CONFIRMED_WITH_CHANGES);
    expect(historyComment(last.comment!)).toEqual({ kind: "confirmed_with_changes" });
  });
});
