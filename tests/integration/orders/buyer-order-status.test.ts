// The status people read in order lists, filters and CSV files: an order that has begun to ship but
// still has quantities to come reads "Partly shipped", as the order pages say, not "Shipped" — for the
// buyer (My account) and for the supplier's staff (the order inbox) alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { StaffUser } from "@/lib/auth/guards";
import { listOrdersForStaff, orderLinesForStaff, shipOrderForStaff, shipOrderSchema } from "@/lib/admin/purchase-orders";
import { orderLinesForViewer, searchOrdersForViewer } from "@/lib/orders/order-access";
import { shownOrderStatus } from "@/lib/orders/shown-status";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
let customer: InvoiceCustomer;
let paper: Awaited<ReturnType<typeof createProduct>>;
let toner: Awaited<ReturnType<typeof createProduct>>;
let manager: StaffUser;

const ship = (orderId: number, fields: Record<string, string>) =>
  shipOrderForStaff(manager, shipOrderSchema.parse({ orderId: String(orderId), carrier: "PostNL", trackingNumber: `3S${orderId}-${Object.values(fields).join("")}`, trackingUrl: "", ...fields }));

/** Each order of the list page as the buyer reads its status, by order id. */
async function shownStatuses(): Promise<Map<number, string>> {
  const { items } = await searchOrdersForViewer(customer.buyer, { limit: 25, offset: 0 });
  return new Map(items.map((order) => [order.id, shownOrderStatus(order.status, order.partlyShipped)]));
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599 });
  toner = await createProduct(handle, category.id, { listPriceMinor: 4599 });
  customer = await createInvoiceCustomer(handle, { kvkNumber: "34567890" });
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 120_000);
afterAll(() => db.dispose());

describe("the buyer's order list", () => {
  it("says 'partly shipped' while quantities are still to come, 'shipped' once everything has shipped", async () => {
    const items = [
      { sku: paper.sku, quantity: 10 },
      { sku: toner.sku, quantity: 3 },
    ];
    const { id: partly } = await placeWebOrder(customer, items, { now: NOW });
    const { id: whole } = await placeWebOrder(customer, items, { now: NOW });
    const { id: waiting } = await placeWebOrder(customer, items, { now: NOW });

    // One line in full, nothing of the other; and an order shipped at once in full.
    await ship(partly, { ship_1: "10", ship_2: "0" });
    await ship(whole, { ship_1: "10", ship_2: "3" });
    let shown = await shownStatuses();
    expect([shown.get(partly), shown.get(whole), shown.get(waiting)]).toEqual(["partly_shipped", "shipped", "placed"]);

    // Two shipments that add up line by line to what was ordered: shipped.
    await ship(partly, { ship_1: "0", ship_2: "2" });
    expect((await shownStatuses()).get(partly)).toBe("partly_shipped");
    await ship(partly, { ship_1: "0", ship_2: "1" });
    shown = await shownStatuses();
    expect(shown.get(partly)).toBe("shipped");
  });

  it("filters 'partly shipped' and 'shipped' apart, in the list and its CSV, for the buyer and in the staff inbox", async () => {
    const items = [
      { sku: paper.sku, quantity: 4 },
      { sku: toner.sku, quantity: 2 },
    ];
    const { id: partly, orderNumber: partlyNumber } = await placeWebOrder(customer, items, { now: NOW });
    const { id: whole, orderNumber: wholeNumber } = await placeWebOrder(customer, items, { now: NOW });
    await ship(partly, { ship_1: "4", ship_2: "1" });
    await ship(whole, { ship_1: "4", ship_2: "2" });

    const buyerFinds = async (status: "shipped" | "partly_shipped") =>
      (await searchOrdersForViewer(customer.buyer, { status, limit: 100, offset: 0 })).items.map((order) => order.id);
    expect(await buyerFinds("partly_shipped")).toContain(partly);
    expect(await buyerFinds("partly_shipped")).not.toContain(whole);
    expect(await buyerFinds("shipped")).toContain(whole);
    expect(await buyerFinds("shipped")).not.toContain(partly);

    const csvStatuses = (rows: readonly { orderNumber: string; status: string }[]) =>
      new Map(rows.filter((row) => row.orderNumber === partlyNumber || row.orderNumber === wholeNumber).map((row) => [row.orderNumber, row.status]));
    expect(csvStatuses(await orderLinesForViewer(customer.buyer, {}, 1000))).toEqual(
      new Map([
        [partlyNumber, "partly_shipped"],
        [wholeNumber, "shipped"],
      ]),
    );

    const inbox = new Map((await listOrdersForStaff(manager)).map((row) => [row.id, row.status]));
    expect([inbox.get(partly), inbox.get(whole)]).toEqual(["partly_shipped", "shipped"]);
    const inboxFinds = async (status: "shipped" | "partly_shipped") => (await listOrdersForStaff(manager, { status })).map((row) => row.id);
    expect(await inboxFinds("partly_shipped")).toContain(partly);
    expect(await inboxFinds("partly_shipped")).not.toContain(whole);
    expect(await inboxFinds("shipped")).toContain(whole);
    expect(await inboxFinds("shipped")).not.toContain(partly);
    expect(csvStatuses(await orderLinesForStaff(manager, { status: "partly_shipped" }, 1000))).toEqual(new Map([[partlyNumber, "partly_shipped"]]));
  });
});
