import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { invoiceLines, invoices, orderLines, orders, outboundMessages, purchaseOrders } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import {
  confirmOrderForStaff,
  confirmOrderSchema,
  getOrderForStaff,
  invoiceOrderForStaff,
  invoiceOrderSchema,
  shipOrderForStaff,
  shipOrderSchema,
} from "@/lib/admin/purchase-orders";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { respondToOrder, sealOutboundSecret } from "@/lib/purchase-orders/order-responses";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection, validateCxmlBatch, validatorReady } from "../../support/cxml-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * "Confirm with changes" with a line at 0: the supplier rejects that line. It must leave the order
 * (nothing of it shipped or invoiced, totals and VAT without it) while the ConfirmationRequest tells
 * the buyer's system it is rejected; every line at 0 is no confirmation but a rejection of the order.
 * The confirmed delivery date per line is kept with the order line.
 */
let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const FROM = { domain: "NetworkID", identity: "AN-LINE-REJECT-BUYER" };
const SECRET = "line-reject-secret";
let paper: { sku: string };
let coffee: { sku: string };
let manager: StaffUser;
const produced: Record<string, string> = {};

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, vatRateBasisPoints: 2100 });
  coffee = await createProduct(handle, category.id, { listPriceMinor: 899, vatRateBasisPoints: 900 });
  const customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", vatId: "NL123456789B01", invoiceChannels: ["email"], invoiceEmail: "ap@klant.test" });
  const connection = await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], to: { domain: "NetworkID", identity: "KOPPEL" }, secret: SECRET, origins: [] });
  // Queued only: no worker runs here, the test reads the queued document itself.
  await upsertPurchaseOrderSettings(connection.id, {
    orderResponseUrl: "http://127.0.0.1:9/cxml/inbound",
    outboundFrom: [{ domain: "NetworkID", identity: "KOPPEL" }],
    outboundSharedSecretEncrypted: sealOutboundSecret("our-secret"),
  });
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 120_000);
afterAll(async () => {
  await db.dispose();
});

let n = 0;
/**
 * Three lines outside a transferred cart (so the order waits for review): 3 paper at 4.00 (21 %,
 * requested for 10 December), 2 coffee at 8.99 (9 %) and 5 paper at 5.99.
 */
async function intake(): Promise<number> {
  const orderId = `PO-REJ-${n++}`;
  const item = (line: number, sku: string, quantity: number, price: string, extra = "") =>
    `<ItemOut quantity="${quantity}" lineNumber="${line}"${extra}><ItemID><SupplierPartID>${sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">${price}</Money></UnitPrice><Description xml:lang="nl">regel ${line}</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${orderId}@buyer" timestamp="2026-11-28T11:00:00+01:00">
<Header><From><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T10:59:00+01:00"><Total><Money currency="EUR">59.93</Money></Total>
<BillTo><Address><Name xml:lang="nl">B</Name></Address></BillTo></OrderRequestHeader>
${item(1, paper.sku, 3, "4.00", ' requestedDeliveryDate="2026-12-10"')}
${item(2, coffee.sku, 2, "8.99")}
${item(3, paper.sku, 5, "5.99")}
</OrderRequest></Request></cXML>`;
  const answer = await handleCxmlOrder({ bytes: Buffer.from(xml), truncated: false }, { remoteAddress: null, now: new Date(), baseUrl: "https://shop.example.nl", contentType: "text/xml" });
  expect(answer.cxmlCode).toBe(200);
  const [po] = await handle.db.select().from(purchaseOrders).where(eq(purchaseOrders.buyerOrderId, orderId));
  return po!.orderId;
}

const orderOf = async (orderId: number) => (await handle.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const linesOf = async (orderId: number) =>
  (await handle.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNumber))).map((l) => [
    l.lineNumber,
    l.quantity,
    l.unitPriceMinor,
    l.lineTotalMinor,
    l.confirmedDeliveryDate,
  ]);
const queuedOf = (orderId: number) => handle.db.select().from(outboundMessages).where(eq(outboundMessages.orderId, orderId)).orderBy(asc(outboundMessages.id));
/** The ConfirmationItems of a queued ConfirmationRequest by line number: their statuses as type, quantity and the rest of the tag's text. */
function confirmationItems(xml: string) {
  return new Map(
    [...xml.matchAll(/<ConfirmationItem quantity="([^"]+)" lineNumber="(\d+)">([\s\S]*?)<\/ConfirmationItem>/g)].map(([, quantity, line, body]) => [
      Number(line),
      {
        quantity,
        statuses: [...body!.matchAll(/<ConfirmationStatus ([^>]*)>([\s\S]*?)<\/ConfirmationStatus>/g)].map(([, attributes, inner]) => ({
          type: /type="(\w+)"/.exec(attributes!)?.[1],
          quantity: /quantity="([^"]+)"/.exec(attributes!)?.[1],
          deliveryDate: /deliveryDate="([^"]+)"/.exec(attributes!)?.[1] ?? null,
          price: /<Money currency="EUR">([^<]+)<\/Money>/.exec(inner!)?.[1] ?? null,
        })),
      },
    ]),
  );
}

describe("a line confirmed at 0", () => {
  it("leaves the order (totals and VAT without it), keeps the confirmed dates, and the ConfirmationRequest rejects it", async () => {
    const orderId = await intake();
    expect((await orderOf(orderId)).status).toBe("needs_review");
    const result = await confirmOrderForStaff(manager, {
      orderId,
      decision: "change",
      comment: "Regel 1 is uitverkocht",
      line_1_quantity: "0",
      line_1_price: "4,00",
      line_1_date: "2026-12-10",
      line_2_quantity: "2",
      line_2_price: "8,50",
      line_2_date: "2026-12-15",
      line_3_quantity: "5",
      line_3_price: "5,99",
      line_3_date: "",
    });
    expect(result).toEqual({ queued: true });

    // Line 1 is gone from the order; the others carry what was confirmed, with the delivery date where one was given.
    expect(await linesOf(orderId)).toEqual([
      [2, 2, 850, 1700, "2026-12-15"],
      [3, 5, 599, 2995, null],
    ]);
    // 1700 at 9 % (VAT 153) and 2995 at 21 % (VAT 628.95 → 629): before, the 3 × 4.00 of line 1 stayed in.
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: "confirmed", subtotalMinor: 4695, vatMinor: 782, totalMinor: 5477 });
    expect([...order.vatBreakdown].sort((a, b) => a.vatRateBasisPoints - b.vatRateBasisPoints)).toEqual([
      { vatRateBasisPoints: 900, taxableMinor: 1700, vatMinor: 153 },
      { vatRateBasisPoints: 2100, taxableMinor: 2995, vatMinor: 629 },
    ]);

    // The buyer's line as sent stays (the order page shows it as rejected); nothing of it is open to ship.
    const detail = await getOrderForStaff(manager, orderId);
    expect(detail.purchaseLines.map((line) => [line.lineNumber, line.quantity])).toEqual([
      [1, "3"],
      [2, "2"],
      [3, "5"],
    ]);
    expect(detail.progress.map((line) => [line.lineNumber, line.openToShip])).toEqual([
      [2, 2],
      [3, 5],
    ]);

    // The buyer's system hears: line 1 rejected (all 3), line 2 at 8.50 for 15 December, line 3 as is.
    const [queued] = await queuedOf(orderId);
    const xml = decryptSecret(queued!.bodyEncrypted, credentialsKey());
    produced["confirmation-line-rejected"] = xml;
    expect(xml).toMatch(/<ConfirmationHeader[^>]*type="detail"/);
    const items = confirmationItems(xml);
    expect(items.get(1)).toEqual({ quantity: "3", statuses: [{ type: "reject", quantity: "3", deliveryDate: null, price: null }] });
    expect(items.get(2)).toEqual({ quantity: "2", statuses: [{ type: "detail", quantity: "2", deliveryDate: expect.stringMatching(/^2026-12-15T/), price: "8.50" }] });
    expect(items.get(3)).toEqual({ quantity: "5", statuses: [{ type: "detail", quantity: "5", deliveryDate: null, price: "5.99" }] });

    // "Ship everything open" ships lines 2 and 3 and completes the order; "invoice all open lines" bills them only.
    const shipment = await shipOrderForStaff(manager, shipOrderSchema.parse({ orderId: String(orderId), carrier: "PostNL", trackingNumber: `3S-REJ-${orderId}` }));
    expect(shipment.complete).toBe(true);
    expect((await getOrderForStaff(manager, orderId)).shipments[0]!.lines).toEqual([
      { lineNumber: 2, quantity: 2 },
      { lineNumber: 3, quantity: 5 },
    ]);
    const invoice = await invoiceOrderForStaff(manager, invoiceOrderSchema.parse({ orderId: String(orderId) }));
    const billed = await handle.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.id));
    expect(billed.map((line) => [line.orderLineNumber, line.quantity])).toEqual([
      [2, 2],
      [3, 5],
    ]);
    const [stored] = await handle.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(stored!.lineExtensionMinor).toBe(4695);
  });

  it("a line confirmed above what was ordered is refused at its field: nothing changes, nothing is queued", async () => {
    const orderId = await intake();
    const before = await linesOf(orderId);
    const [lineNumber, quantity] = before[0]! as [number, number];
    await expect(
      confirmOrderForStaff(manager, { orderId, decision: "change", comment: null, [`line_${lineNumber}_quantity`]: String(quantity + 1) }),
    ).rejects.toMatchObject({ code: "invalid_input", details: { fieldErrors: { [`line_${lineNumber}_quantity`]: ["above_ordered"] } } });
    const changes = [{ lineNumber, quantity: quantity + 1, unitPriceMinor: 100 }];
    expect(await respondToOrder(orderId, manager.id, { kind: "change", changes })).toEqual({ ok: false, error: "invalid_input" });
    expect((await orderOf(orderId)).status).toBe("needs_review");
    expect(await linesOf(orderId)).toEqual(before);
    expect(await queuedOf(orderId)).toEqual([]);
  });

  it("every line at 0 is refused as a rejection of the order: nothing changes, nothing is queued", async () => {
    const orderId = await intake();
    const before = await linesOf(orderId);
    await expect(
      confirmOrderForStaff(manager, { orderId, decision: "change", comment: null, line_1_quantity: "0", line_2_quantity: "0", line_3_quantity: "0" }),
    ).rejects.toMatchObject({ code: "invalid_input", message: "all_lines_rejected", details: { fieldErrors: { decision: ["all_lines_rejected"] } } });
    // The same from the order flow itself (e.g. a caller other than the admin page).
    const changes = [1, 2, 3].map((lineNumber) => ({ lineNumber, quantity: 0, unitPriceMinor: 100 }));
    expect(await respondToOrder(orderId, manager.id, { kind: "change", changes })).toEqual({ ok: false, error: "all_lines_rejected" });
    expect((await orderOf(orderId)).status).toBe("needs_review");
    expect(await linesOf(orderId)).toEqual(before);
    expect(await queuedOf(orderId)).toEqual([]);
    // One line kept is a confirmation.
    expect(await respondToOrder(orderId, manager.id, { kind: "change", changes: changes.map((c) => (c.lineNumber === 2 ? { ...c, quantity: 1 } : c)) })).toEqual({
      ok: true,
      queued: true,
    });
    expect(await linesOf(orderId)).toEqual([[2, 1, 100, 100, null]]);
  });
});

describe("the decision on a purchase order", () => {
  it("is never taken for the account manager: without one nothing is confirmed, and it is asked for at the choice", async () => {
    const orderId = await intake();
    await expect(confirmOrderForStaff(manager, confirmOrderSchema.parse({ orderId: String(orderId), comment: "" }))).rejects.toMatchObject({
      code: "invalid_input",
      message: "decision_required",
      details: { fieldErrors: { decision: ["decision_required"] } },
    });
    expect((await orderOf(orderId)).status).toBe("needs_review");
    expect(await queuedOf(orderId)).toEqual([]);
  });

  it("names a delivery date that is no day at its field", async () => {
    const orderId = await intake();
    for (const date of ["2026-02-30", "2026-13-01", "morgen"]) {
      await expect(confirmOrderForStaff(manager, { orderId, decision: "change", comment: null, line_2_date: date })).rejects.toMatchObject({
        details: { fieldErrors: { line_2_date: ["invalid_date"] } },
      });
    }
    expect((await orderOf(orderId)).status).toBe("needs_review");
  });

  it.runIf(validatorReady)("the ConfirmationRequest with a rejected line is DTD-valid", () => {
    expect(Object.keys(produced)).toEqual(["confirmation-line-rejected"]);
    const result = validateCxmlBatch(produced);
    expect(result.status, result.output).toBe(0);
  });
});
