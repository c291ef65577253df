// The status a buyer reads in the order list and on My account: an order that has begun to ship but
// still has quantities to come reads "Partly shipped", as the admin order page says, not "Shipped".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { StaffUser } from "@/lib/auth/guards";
import { shipOrderForStaff, shipOrderSchema } from "@/lib/admin/purchase-orders";
import { searchOrdersForViewer } from "@/lib/orders/order-access";
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
});
