import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, companies, orders } from "@/db/schema";
import { listOldestOrdersToReview } from "@/lib/data/credit";
import { reviewReasonCodes } from "@/lib/admin/review-queue";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, placeCxmlOrder, placeWebOrder } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

/** The admin overview's "Te beoordelen": the oldest held orders of the staff member's own customers, with why. */
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const ids: Record<string, number> = {};
let managerOfMunicipality: Awaited<ReturnType<typeof createStaff>>;
let managerOfShop: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  const product = await createProduct(handle, category.id, { listPriceMinor: 1000, vatRateBasisPoints: 2100 });
  const line = { productId: product.id, sku: product.sku, quantity: 2, unitPriceMinor: 1000, vatRateBasisPoints: 2100 };

  const municipality = await createInvoiceCustomer(handle, { name: "Gemeente Zeestad" });
  const shop = await createInvoiceCustomer(handle, { name: "Winkel B.V.", creditLimitMinor: 100 });
  managerOfMunicipality = await createStaff(handle, "account_manager", [municipality.company.id]);
  managerOfShop = await createStaff(handle, "account_manager", [shop.company.id]);

  // Held for a price above ours (a line's reason).
  ids.price = (await placeCxmlOrder(handle, municipality, [{ ...line, unitPriceMinor: 1500 }], { orderId: "PO-PRICE", now: NOW })).orderId;
  // Held for its ship-to address (the header's reason): the customer's address moved on.
  await handle.db.update(addresses).set({ externalId: "OLD-DOCK", postalCode: "9999 ZZ" }).where(eq(addresses.id, municipality.shipTo.id));
  ids.shipTo = (await placeCxmlOrder(handle, municipality, [line], { orderId: "PO-STADHUIS", now: NOW })).orderId;
  // A web order beyond the credit limit.
  ids.credit = (await placeWebOrder(shop, [{ sku: product.sku, quantity: 1 }], { now: NOW })).id;
  // Who waited longest comes first, whatever was placed first.
  const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000);
  await handle.db.update(orders).set({ placedAt: at(30) }).where(eq(orders.id, ids.price));
  await handle.db.update(orders).set({ placedAt: at(3000) }).where(eq(orders.id, ids.shipTo));
  await handle.db.update(orders).set({ placedAt: at(600) }).where(eq(orders.id, ids.credit));
  // A decided order is no longer waiting.
  ids.decided = (await placeCxmlOrder(handle, municipality, [{ ...line, unitPriceMinor: 1500 }], { orderId: "PO-DONE", now: NOW })).orderId;
  await handle.db.update(orders).set({ status: "accepted", placedAt: at(9000) }).where(eq(orders.id, ids.decided));
  await handle.db.update(companies).set({ creditLimitMinor: null }).where(eq(companies.id, shop.company.id));
}, 60_000);
afterAll(() => fresh?.dispose());

describe("listOldestOrdersToReview", () => {
  it("every customer's for an admin, oldest first, each with the reasons it waits for", async () => {
    const rows = await listOldestOrdersToReview(null, 8);
    expect(rows.map((row) => row.id)).toEqual([ids.shipTo, ids.credit, ids.price]);
    expect(rows.map((row) => [row.companyName, reviewReasonCodes(row)])).toEqual([
      ["Gemeente Zeestad", ["unknown_ship_to"]],
      ["Winkel B.V.", ["credit_limit"]],
      ["Gemeente Zeestad", ["price_higher"]],
    ]);
    expect(rows[0]?.buyerOrderId).toBe("PO-STADHUIS");
  });

  it("an account manager's own customers only, and no more than asked", async () => {
    expect((await listOldestOrdersToReview(managerOfMunicipality.id, 8)).map((row) => row.id)).toEqual([ids.shipTo, ids.price]);
    expect((await listOldestOrdersToReview(managerOfShop.id, 8)).map((row) => row.id)).toEqual([ids.credit]);
    expect((await listOldestOrdersToReview(null, 1)).map((row) => row.id)).toEqual([ids.shipTo]);
  });
});
