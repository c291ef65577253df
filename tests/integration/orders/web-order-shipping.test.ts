import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { mailOutbox, orderEvents, orderShipments, orders, outboundMessages } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { confirmOrderForStaff, getOrderForStaff, listOrdersForStaff, shipOrderForStaff, shipOrderSchema } from "@/lib/admin/purchase-orders";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getOrderDetail } from "@/lib/data/order-history";
import { upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { recordShipment, sealOutboundSecret } from "@/lib/purchase-orders/order-responses";
import { createStaff } from "../../support/admin-fixtures";
import { validateCxmlBatch, validatorReady } from "../../support/cxml-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, placeCxmlOrder, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");

let customer: InvoiceCustomer;
let otherCustomer: InvoiceCustomer;
let paper: Awaited<ReturnType<typeof createProduct>>;
let toner: Awaited<ReturnType<typeof createProduct>>;
let mine: StaffUser;
let other: StaffUser;
let admin: StaffUser;

/** What the admin ship form posts: zod-parsed like the server action does. */
const form = (orderId: number, fields: Record<string, string> = {}) =>
  shipOrderSchema.parse({ orderId: String(orderId), carrier: "PostNL", trackingNumber: `3S${orderId}${Object.keys(fields).length}`, trackingUrl: "", ...fields });

const webOrder = async (items: { sku: string; quantity: number }[], poNumber?: string, who: InvoiceCustomer = customer) =>
  (await placeWebOrder(who, items, { poNumber, costCenter: "KP-7", now: NOW })).id;

const shipmentsOf = (orderId: number) => handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, orderId)).orderBy(orderShipments.id);
const statusOf = async (orderId: number) => (await handle.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status;

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599 });
  toner = await createProduct(handle, category.id, { listPriceMinor: 4599 });
  customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678" });
  otherCustomer = await createInvoiceCustomer(handle, { kvkNumber: "23456789" });
  mine = await createStaff(handle, "account_manager", [customer.company.id]);
  other = await createStaff(handle, "account_manager", [otherCustomer.company.id]);
  admin = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => db.dispose());

describe("admin orders: web orders", () => {
  it("lists web orders with source and search, scoped to the manager's customers", async () => {
    const orderId = await webOrder([{ sku: paper.sku, quantity: 2 }], "PO-WEB-4711");
    const othersOrder = await webOrder([{ sku: paper.sku, quantity: 1 }], "PO-OTHER-1", otherCustomer);
    const [{ orderNumber }] = (await handle.db.select({ orderNumber: orders.orderNumber }).from(orders).where(eq(orders.id, orderId))) as [{ orderNumber: string }];

    const rows = await listOrdersForStaff(mine, { source: "web" });
    expect(rows.map((r) => r.id)).toContain(orderId);
    expect(rows.map((r) => r.id)).not.toContain(othersOrder);
    expect(rows.find((r) => r.id === orderId)).toMatchObject({ source: "web", status: "placed", poNumber: "PO-WEB-4711", connectionName: null, buyerOrderId: null });
    expect((await listOrdersForStaff(mine, { search: "web-4711" })).map((r) => r.id)).toEqual([orderId]);
    expect((await listOrdersForStaff(mine, { search: orderNumber })).map((r) => r.id)).toEqual([orderId]);
    expect(await listOrdersForStaff(mine, { search: "%" })).toEqual([]);
    expect(await listOrdersForStaff(mine, { source: "cxml" })).toEqual([]);
    expect((await listOrdersForStaff(admin, { status: "placed" })).map((r) => r.id)).toEqual(expect.arrayContaining([orderId, othersOrder]));

    const detail = await getOrderForStaff(mine, orderId);
    expect(detail).toMatchObject({ purchaseOrder: null, connection: null, purchaseLines: [], outbound: [], invoices: [], canConfirm: true, canShip: true });
    expect(detail.company.name).toBe(customer.company.name);
    expect(detail.buyer?.email).toBe(customer.user.email);
    expect(detail.order).toMatchObject({ poNumber: "PO-WEB-4711", costCenter: "KP-7", source: "web" });
    await expect(getOrderForStaff(other, orderId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("confirms a placed web order once; other managers and other decisions are refused", async () => {
    const orderId = await webOrder([{ sku: paper.sku, quantity: 1 }]);
    await expect(confirmOrderForStaff(other, { orderId, decision: "accept", comment: null })).rejects.toMatchObject({ code: "not_found" });
    await expect(confirmOrderForStaff(mine, { orderId, decision: "reject", comment: "nee" })).rejects.toMatchObject({ code: "invalid_input", message: "web_order_confirm_only" });
    expect(await statusOf(orderId)).toBe("placed");
    await confirmOrderForStaff(mine, { orderId, decision: "accept", comment: "Levering vrijdag" });
    expect(await statusOf(orderId)).toBe("confirmed");
    const events = await handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
    expect(events.at(-1)).toMatchObject({ status: "confirmed", userId: mine.id, comment: "Levering vrijdag" });
    await expect(confirmOrderForStaff(mine, { orderId, decision: "accept", comment: null })).rejects.toMatchObject({ code: "conflict" });
    expect((await getOrderForStaff(mine, orderId)).canConfirm).toBe(false);
  });

  it("ships a whole web order when no quantities are given; a second shipment is refused", async () => {
    const orderId = await webOrder([
      { sku: paper.sku, quantity: 5 },
      { sku: toner.sku, quantity: 2 },
    ]);
    const shipped = await shipOrderForStaff(mine, form(orderId));
    expect(shipped).toMatchObject({ ok: true, queued: false, complete: true, invoice: { status: "off" } });
    expect(await statusOf(orderId)).toBe("shipped");
    const [shipment] = await shipmentsOf(orderId);
    expect(shipment!.lines).toEqual([
      { lineNumber: 1, quantity: 5 },
      { lineNumber: 2, quantity: 2 },
    ]);
    expect(await handle.db.select().from(outboundMessages).where(eq(outboundMessages.orderId, orderId))).toEqual([]);
    const detail = await getOrderForStaff(mine, orderId);
    expect(detail.canShip).toBe(false);
    expect(detail.progress.map((p) => [p.shipped, p.openToShip])).toEqual([
      [5, 0],
      [2, 0],
    ]);
    await expect(shipOrderForStaff(mine, form(orderId))).rejects.toMatchObject({ code: "conflict", message: "order_not_shippable" });
    expect(await shipmentsOf(orderId)).toHaveLength(1);
  });

  it("ships per line in several partial shipments until everything is shipped", async () => {
    const orderId = await webOrder([
      { sku: paper.sku, quantity: 10 },
      { sku: toner.sku, quantity: 3 },
    ]);
    const first = await shipOrderForStaff(mine, form(orderId, { ship_1: "4", ship_2: "0" }));
    expect(first).toMatchObject({ ok: true, complete: false, shipmentNumber: expect.stringMatching(/-S1$/) });
    expect(await statusOf(orderId)).toBe("shipped");
    let detail = await getOrderForStaff(mine, orderId);
    expect(detail.canShip).toBe(true);
    expect(detail.progress.map((p) => p.openToShip)).toEqual([6, 3]);
    // The event stores facts, in no language: the pages say "Partly shipped" from the shipments.
    expect(detail.events.at(-1)!.comment).toMatch(/-S1: PostNL 3S\d+$/);

    // More than is open, a line of another order, nothing at all, not a number: refused, nothing written.
    await expect(shipOrderForStaff(mine, form(orderId, { ship_1: "7", ship_2: "0" }))).rejects.toMatchObject({ code: "invalid_input", message: "ship_quantity_too_high", details: { line: 1 } });
    await expect(shipOrderForStaff(mine, form(orderId, { ship_3: "1" }))).rejects.toMatchObject({ code: "invalid_input", message: "ship_line_unknown" });
    await expect(shipOrderForStaff(mine, form(orderId, { ship_1: "0", ship_2: "" }))).rejects.toMatchObject({ message: "ship_nothing_selected" });
    await expect(shipOrderForStaff(mine, form(orderId, { ship_1: "1.5" }))).rejects.toMatchObject({ message: "ship_quantity_invalid" });
    expect(await shipmentsOf(orderId)).toHaveLength(1);

    const second = await shipOrderForStaff(mine, form(orderId, { ship_2: "3" }));
    expect(second).toMatchObject({ ok: true, complete: false, shipmentNumber: expect.stringMatching(/-S2$/) });
    const last = await shipOrderForStaff(mine, form(orderId, { ship_1: "6", ship_2: "0" }));
    expect(last).toMatchObject({ ok: true, complete: true, shipmentNumber: expect.stringMatching(/-S3$/) });
    detail = await getOrderForStaff(mine, orderId);
    expect(detail.canShip).toBe(false);
    expect(detail.shipments.map((s) => s.lines)).toEqual([[{ lineNumber: 1, quantity: 4 }], [{ lineNumber: 2, quantity: 3 }], [{ lineNumber: 1, quantity: 6 }]]);
    await expect(shipOrderForStaff(mine, form(orderId, { ship_1: "1" }))).rejects.toMatchObject({ code: "conflict" });
  });

  it("tells the orderer of a web order each shipment with its track & trace; their order shows the shipments", async () => {
    const orderId = await webOrder([
      { sku: paper.sku, quantity: 10 },
      { sku: toner.sku, quantity: 1 },
    ], "PO-TT-1");
    const [{ orderNumber }] = (await handle.db.select({ orderNumber: orders.orderNumber }).from(orders).where(eq(orders.id, orderId))) as [{ orderNumber: string }];
    const mailsOf = async () =>
      (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, customer.user.email))).filter((m) => m.kind === "order_shipped" && m.bodyText.includes(orderNumber));
    await shipOrderForStaff(mine, form(orderId, { ship_1: "4", trackingUrl: "https://jouw.postnl.nl/track-and-trace/3SKOPPEL1" }));
    let [mail] = await mailsOf();
    expect(mail).toMatchObject({ userId: customer.user.id, subject: `Een deel van uw bestelling ${orderNumber} is verzonden` });
    expect(mail!.bodyText).toContain("uw referentie PO-TT-1");
    expect(mail!.bodyText).toContain("Track & trace: 3S");
    expect(mail!.bodyText).toContain("https://jouw.postnl.nl/track-and-trace/3SKOPPEL1");
    // The unit in words, as the buyer reads it ("- 4 stuks"), not its code.
    expect(paper.unit).toBe("EA");
    expect(mail!.bodyText).toContain("- 4 stuks");
    expect(mail!.bodyText).toContain("De rest van uw bestelling volgt.");
    await shipOrderForStaff(mine, form(orderId));
    const mails = await mailsOf();
    expect(mails).toHaveLength(2);
    mail = mails[1];
    expect(mail!.subject).toBe(`Uw bestelling ${orderNumber} is verzonden`);
    expect(mail!.bodyText).not.toContain("De rest van uw bestelling volgt.");

    const detail = await getOrderDetail(customer.company.id, orderNumber);
    expect(detail!.shipments.map((s) => [s.shipmentNumber.replace(/^.*-/, ""), s.carrier, s.trackingUrl, s.lines])).toEqual([
      ["S1", "PostNL", "https://jouw.postnl.nl/track-and-trace/3SKOPPEL1", [{ lineNumber: 1, quantity: 4 }]],
      // No link pasted: PostNL's is made from the barcode and the order's delivery address.
      ["S2", "PostNL", expect.stringMatching(/^https:\/\/jouw\.postnl\.nl\/track-and-trace\/3S\d+0-NL-\d{4}[A-Z]{2}$/), [{ lineNumber: 1, quantity: 6 }, { lineNumber: 2, quantity: 1 }]],
    ]);
    expect(mails[1]!.bodyText).toContain(detail!.shipments[1]!.trackingUrl!);
    // A tracking link is an http(s) address or nothing (it becomes a link on the buyer's page).
    expect(() => form(orderId, { trackingUrl: "javascript:alert(1)" })).toThrow();
  });

  it("parallel partial shipments never ship more than ordered", async () => {
    const orderId = await webOrder([{ sku: paper.sku, quantity: 10 }]);
    const results = await Promise.allSettled([1, 2, 3].map(() => shipOrderForStaff(mine, form(orderId, { ship_1: "4" }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toMatchObject([{ message: "ship_quantity_too_high" }]);
    const shipments = await shipmentsOf(orderId);
    expect(shipments.map((s) => s.shipmentNumber.replace(/^.*-/, ""))).toEqual(["S1", "S2"]);
    expect(shipments.reduce((sum, s) => sum + s.lines[0]!.quantity, 0)).toBe(8);
  });

  it("refuses orders whose status does not allow shipping, and other managers' customers", async () => {
    const waiting = await webOrder([{ sku: paper.sku, quantity: 1 }]);
    await handle.db.update(orders).set({ status: "awaiting_approval" }).where(eq(orders.id, waiting));
    await expect(shipOrderForStaff(mine, form(waiting))).rejects.toMatchObject({ code: "conflict", message: "order_not_shippable" });
    const cancelled = await webOrder([{ sku: paper.sku, quantity: 1 }]);
    await handle.db.update(orders).set({ status: "cancelled" }).where(eq(orders.id, cancelled));
    await expect(shipOrderForStaff(mine, form(cancelled))).rejects.toMatchObject({ code: "conflict" });
    expect((await getOrderForStaff(mine, cancelled)).canShip).toBe(false);

    const othersOrder = await webOrder([{ sku: paper.sku, quantity: 1 }], undefined, otherCustomer);
    await expect(shipOrderForStaff(mine, form(othersOrder))).rejects.toMatchObject({ code: "not_found" });
    expect([...(await shipmentsOf(waiting)), ...(await shipmentsOf(cancelled)), ...(await shipmentsOf(othersOrder))]).toEqual([]);
    expect(await statusOf(othersOrder)).toBe("placed");
    // The admin may ship any customer's order.
    await expect(shipOrderForStaff(admin, form(othersOrder))).resolves.toMatchObject({ ok: true });
  });

  it("purchase orders: each partial shipment queues a ShipNoticeRequest, the last one 'complete'", async () => {
    const { orderId } = await placeCxmlOrder(
      handle,
      customer,
      [
        { productId: paper.id, sku: paper.sku, quantity: 4, unitPriceMinor: 599, vatRateBasisPoints: 2100 },
        { productId: toner.id, sku: toner.sku, quantity: 1, unitPriceMinor: 4599, vatRateBasisPoints: 2100 },
      ],
      { orderId: "PO-PARTIAL-1", now: NOW },
    );
    const detail = await getOrderForStaff(mine, orderId);
    expect(detail.order.status).toBe("accepted");
    await upsertPurchaseOrderSettings(detail.connection!.id, {
      orderResponseUrl: "http://127.0.0.1:9/cxml",
      outboundFrom: [{ domain: "NetworkID", identity: "KOPPEL" }],
      outboundSharedSecretEncrypted: sealOutboundSecret("ours"),
    });
    expect((await listOrdersForStaff(mine, { search: "po-partial" })).map((r) => [r.id, r.source, r.buyerOrderId])).toEqual([[orderId, "cxml", "PO-PARTIAL-1"]]);
    expect(await recordShipment(orderId, mine.id, { carrier: "DHL", trackingNumber: "JD1", lines: [{ lineNumber: 1, quantity: 3 }] }, NOW)).toMatchObject({ ok: true, queued: true, complete: false });
    expect(await recordShipment(orderId, mine.id, { carrier: "DHL", trackingNumber: "JD2" }, NOW)).toMatchObject({ ok: true, queued: true, complete: true });
    const messages = await handle.db.select().from(outboundMessages).where(eq(outboundMessages.orderId, orderId)).orderBy(outboundMessages.id);
    const bodies = messages.map((m) => decryptSecret(m.bodyEncrypted, credentialsKey()));
    expect(messages.map((m) => m.kind)).toEqual(["ship_notice", "ship_notice"]);
    // The procurement system is told; nobody is mailed (its orderer is the connection's technical user).
    const [{ orderNumber }] = (await handle.db.select({ orderNumber: orders.orderNumber }).from(orders).where(eq(orders.id, orderId))) as [{ orderNumber: string }];
    expect((await handle.db.select().from(mailOutbox)).filter((m) => m.kind === "order_shipped" && m.bodyText.includes(orderNumber))).toEqual([]);
    expect(bodies[0]).toContain('fulfillmentType="partial"');
    expect(bodies[0]).toMatch(/<ShipNoticeItem[^>]*quantity="3"[^>]*lineNumber="1"|<ShipNoticeItem[^>]*lineNumber="1"[^>]*quantity="3"/);
    expect(bodies[1]).toContain('fulfillmentType="complete"');
    expect(bodies[1]).not.toMatch(/lineNumber="1"[^>]*quantity="3"|quantity="3"[^>]*lineNumber="1"/);
    if (validatorReady) {
      const result = validateCxmlBatch({ "partial-ship-notice-1": bodies[0]!, "partial-ship-notice-2": bodies[1]! });
      expect(result.status, result.output).toBe(0);
    }
  });
});
