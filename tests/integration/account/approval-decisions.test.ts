import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderEvents, orders } from "@/db/schema";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { setCreditLimit } from "@/lib/data/credit";
import { cancelOwnOrder } from "@/lib/orders/cancel-order";
import { decideOrder, listDecidedApprovals } from "@/lib/orders/approvals";
import { addCompanyUser } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The approvals page's "Beoordeeld" view: what approvers decided on their company's orders that
 * waited for approval, latest decision first, a page at a time.
 */

type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
type User = Awaited<ReturnType<typeof addCompanyUser>>;

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const placedAt = new Date("2026-11-28T10:00:00Z");
let chair: { sku: string };
let customer: Customer;
let buyer: User;
let approver: User;
let admin: User;
let limitedApprover: User;
// Decisions after the placements, whose events carry the database's clock; whole seconds compare exactly.
const base = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
const at = (minutes: number) => new Date(base + minutes * 60_000);
const numbers: Record<string, string> = {};

/** `quantity` chairs (€ 100.00 each excl. VAT) in the user's cart, checked out. */
async function order(user: User, of: Customer, quantity: number, poNumber: string | null = null) {
  await addToCart(user, chair.sku, quantity);
  return placeOrder(user, { shipToAddressId: of.shipTo.id, poNumber, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", placedAt);
}

async function orderId(orderNumber: string): Promise<number> {
  const [row] = await handle.db.select({ id: orders.id }).from(orders).where(eq(orders.orderNumber, orderNumber));
  return row!.id;
}

const page = (limit: number, offset = 0) => ({ limit, offset });

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 10_000 });
  customer = await createCompanyWithBuyer(handle);
  buyer = await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 250_000 });
  approver = await addCompanyUser(handle, customer, "approver");
  admin = await addCompanyUser(handle, customer, "company_admin");
  limitedApprover = await addCompanyUser(handle, customer, "approver", { orderLimitMinor: 100_000 });

  // Placed directly (within the limit): never waited, so nobody decided on it.
  numbers.direct = (await order(buyer, customer, 10)).orderNumber;
  for (const [key, quantity] of [["first", 30], ["second", 31], ["third", 32], ["waiting", 33], ["cancelled", 34]] as const) {
    const placed = await order(buyer, customer, quantity, `PO-${key}`);
    expect(placed.status).toBe("awaiting_approval");
    numbers[key] = placed.orderNumber;
  }
  const own = await order(limitedApprover, customer, 11);
  expect(own.status).toBe("awaiting_approval");
  numbers.own = own.orderNumber;

  // The buyer withdrew one while it waited: no approver's decision.
  await cancelOwnOrder(buyer, { orderNumber: numbers.cancelled!, comment: "Niet meer nodig" }, at(0));
  // Staff changed a line of one while it waited: that entry is not the status it waited with.
  await handle.db.insert(orderEvents).values({ orderId: await orderId(numbers.third!), status: "awaiting_approval", kind: "changed", userId: null, comment: "Regel 1: 32 → 32", createdAt: at(0) });

  // Recorded in another order than their times (and than the orders were placed): "latest decision
  // first" goes by when it was decided, not by order number or by which was recorded last.
  await decideOrder(approver, { orderNumber: numbers.first!, decision: "approve", comment: "Akkoord, budget Q4" }, at(1));
  await decideOrder(admin, { orderNumber: numbers.second!, decision: "reject", comment: "  Graag via raamcontract " }, at(3));
  await decideOrder(approver, { orderNumber: numbers.third!, decision: "approve", comment: null }, at(2));
  await decideOrder(admin, { orderNumber: numbers.own!, decision: "approve", comment: null }, at(0.5));
  // What became of an approved order afterwards is no approver's decision: here the supplier could not deliver it.
  const first = await orderId(numbers.first!);
  await handle.db.insert(orderEvents).values({ orderId: first, status: "rejected", userId: null, comment: "Niet leverbaar", createdAt: at(4) });
  await handle.db.update(orders).set({ status: "rejected" }).where(eq(orders.id, first));
});
afterAll(() => db.dispose());

describe("decided approval requests", () => {
  it("lists only the company's decided orders, latest decision first, with who placed and who decided, the amount and the rejection's reason", async () => {
    const { items, total } = await listDecidedApprovals(approver, page(25));
    // Not the order placed directly, not the one still waiting, not the one its buyer cancelled while it waited.
    expect(items.map((item) => item.orderNumber)).toEqual([numbers.second, numbers.third, numbers.first, numbers.own]);
    expect(total).toBe(4);
    expect(items[0]).toMatchObject({
      orderNumber: numbers.second,
      placedBy: buyer.name,
      placedAt,
      subtotalMinor: 310_000,
      currency: "EUR",
      decision: "rejected",
      heldForCredit: false,
      decidedBy: admin.name,
      decidedAt: at(3),
      comment: "Graag via raamcontract",
    });
    expect(items[1]).toMatchObject({ orderNumber: numbers.third, decision: "approved", decidedBy: approver.name, decidedAt: at(2), comment: null });
    expect(items[2]).toMatchObject({ orderNumber: numbers.first, decision: "approved", decidedBy: approver.name, decidedAt: at(1), comment: "Akkoord, budget Q4", subtotalMinor: 300_000 });
    // An approver's own order decided by a colleague is part of the company's record (they see every order anyway).
    expect(items[3]).toMatchObject({ orderNumber: numbers.own, placedBy: limitedApprover.name, decision: "approved", decidedBy: admin.name });
    // Company admins read the same list.
    expect((await listDecidedApprovals(admin, page(25))).items.map((item) => item.orderNumber)).toEqual(items.map((item) => item.orderNumber));
  });

  it("pages through the decisions with the total of all of them", async () => {
    const first = await listDecidedApprovals(approver, page(2));
    expect(first).toMatchObject({ total: 4 });
    expect(first.items.map((item) => item.orderNumber)).toEqual([numbers.second, numbers.third]);
    const second = await listDecidedApprovals(approver, page(2, 2));
    expect(second).toMatchObject({ total: 4 });
    expect(second.items.map((item) => item.orderNumber)).toEqual([numbers.first, numbers.own]);
    expect(await listDecidedApprovals(approver, page(2, 4))).toEqual({ items: [], total: 4 });
  });

  it("keeps every company to its own decisions, and gives buyers none", async () => {
    const other = await createCompanyWithBuyer(handle);
    const otherBuyer = await addCompanyUser(handle, other, "buyer", { orderLimitMinor: 100_000 });
    const otherApprover = await addCompanyUser(handle, other, "approver");
    const placed = await order(otherBuyer, other, 12);
    // The latest decision of all, yet not in the first company's list.
    await decideOrder(otherApprover, { orderNumber: placed.orderNumber, decision: "reject", comment: "Niet nodig" }, at(5));
    expect((await listDecidedApprovals(otherApprover, page(25))).items.map((item) => [item.orderNumber, item.decision])).toEqual([[placed.orderNumber, "rejected"]]);
    expect((await listDecidedApprovals(approver, page(25))).items.map((item) => item.orderNumber)).not.toContain(placed.orderNumber);
    expect(await listDecidedApprovals(buyer, page(25))).toEqual({ items: [], total: 0 });
    expect(await listDecidedApprovals(otherBuyer, page(25))).toEqual({ items: [], total: 0 });
  });

  it("reads an approval held beyond the customer's credit limit as approved, held", async () => {
    const held = await createCompanyWithBuyer(handle);
    const heldBuyer = await addCompanyUser(handle, held, "buyer", { orderLimitMinor: 100_000 });
    const heldApprover = await addCompanyUser(handle, held, "approver");
    const placed = await order(heldBuyer, held, 11);
    await setCreditLimit(held.company.id, 1);
    await expect(decideOrder(heldApprover, { orderNumber: placed.orderNumber, decision: "approve", comment: "Akkoord" }, at(6))).resolves.toEqual({ status: "needs_review" });
    const { items } = await listDecidedApprovals(heldApprover, page(25));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ orderNumber: placed.orderNumber, decision: "approved", heldForCredit: true, decidedBy: heldApprover.name, comment: "Akkoord" });
  });
});
