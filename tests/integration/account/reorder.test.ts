import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { priceListEntries, products } from "@/db/schema";
import { addToCart, getPricedCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { listCartLines } from "@/lib/data/carts";
import { AppError } from "@/lib/errors";
import { reorder } from "@/lib/orders/reorder";
import { addCompanyUser, inPunchout, openPunchoutSession } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let paper: { sku: string; id: number };
let toner: { sku: string; id: number };
let pens: { sku: string; id: number };
let boxes: { sku: string; id: number };
let orderNumber: string;
let user: Awaited<ReturnType<typeof addCompanyUser>>;

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599 });
  toner = await createProduct(handle, category.id, { listPriceMinor: 8900 });
  pens = await createProduct(handle, category.id, { listPriceMinor: 250 });
  boxes = await createProduct(handle, category.id, { listPriceMinor: 1200, stock: 50 });
  customer = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [{ productId: paper.id, kind: "fixed", priceMinor: 450, tiers: [] }]);
  user = await addCompanyUser(handle, customer, "buyer");
  for (const [sku, quantity] of [[paper.sku, 10], [toner.sku, 2], [pens.sku, 20], [boxes.sku, 6]] as const) await addToCart(user, sku, quantity);
  const placed = await placeOrder(user, { shipToAddressId: customer.shipTo.id, poNumber: "PO-1", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", now);
  orderNumber = placed.orderNumber;
  // Since then: the contract price went up, toner was discontinued, boxes now go per 4 (6 → 8) and are sold out.
  await handle.db.update(priceListEntries).set({ priceMinor: 475 }).where(eq(priceListEntries.productId, paper.id));
  await handle.db.update(products).set({ active: false }).where(eq(products.id, toner.id));
  await handle.db.update(products).set({ orderMultiple: 4, stock: 0 }).where(eq(products.id, boxes.id));
});
afterAll(() => db.dispose());

describe("reorder", () => {
  it("puts all lines back at today's prices and says what changed per line", async () => {
    const report = await reorder(user, { orderNumber, lineNumbers: null }, "nl", now);
    const bySku = Object.fromEntries(report.lines.map((l) => [l.sku, l]));
    expect(bySku[paper.sku]).toMatchObject({ previousUnitPriceMinor: 450, currentUnitPriceMinor: 475, outcome: { status: "added", quantity: 10 } });
    expect(bySku[toner.sku]).toMatchObject({ currentUnitPriceMinor: null, outcome: { status: "discontinued" } });
    expect(bySku[pens.sku]).toMatchObject({ previousUnitPriceMinor: 250, currentUnitPriceMinor: 250, outcome: { status: "added" } });
    expect(bySku[boxes.sku]).toMatchObject({ outcome: { status: "quantity_rule", reason: "not_multiple", suggested: 8 } });
    expect(report).toMatchObject({ added: 2, priceChanges: 1, problems: 2 });
    const cart = await getPricedCart(user, "nl", now);
    expect(Object.fromEntries(cart.lines.map((l) => [l.product.sku, [l.quantity, l.unitPriceMinor]]))).toEqual({ [paper.sku]: [10, 475], [pens.sku]: [20, 250] });
  });

  it("reorders selected lines only, and inside a punchout session into the session's cart", async () => {
    const session = await openPunchoutSession(handle, user);
    const report = await reorder(inPunchout(user, session), { orderNumber, lineNumbers: [3] }, "nl", now);
    expect(report.lines.map((l) => l.sku)).toEqual([pens.sku]);
    expect((await listCartLines(session.cartId)).map((l) => [l.product.sku, l.quantity])).toEqual([[pens.sku, 20]]);
    const error = await reorder(user, { orderNumber, lineNumbers: [99] }, "nl", now).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: "nothing_selected" });
  });

  it("lets another plain buyer of the company not reorder someone else's order; approvers may", async () => {
    const colleague = await addCompanyUser(handle, customer, "buyer");
    const error = await reorder(colleague, { orderNumber, lineNumbers: null }, "nl", now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found" });
    const approver = await addCompanyUser(handle, customer, "approver");
    await expect(reorder(approver, { orderNumber, lineNumbers: [1] }, "nl", now)).resolves.toMatchObject({ added: 1 });
  });
});
