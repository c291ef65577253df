import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { countAwaitingApproval } from "@/lib/data/order-history";
import { listAwaitingApproval } from "@/lib/orders/approvals";
import { addCompanyUser } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The approvals page's "Wacht op goedkeuring" view: the company's orders waiting for a decision,
 * oldest first, a page at a time. Before, the newest 200 were fetched and then sorted oldest first:
 * with more waiting than that, the longest waiting (the most urgent) were on no page at all while the
 * count and the navigation's badge included them. A page of 2 stands in for the page size here.
 */

type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
type User = Awaited<ReturnType<typeof addCompanyUser>>;

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let chair: { sku: string };
let customer: Customer;
let approver: User;
const numbers: Record<string, string> = {};
const minute = (n: number) => new Date(Date.UTC(2026, 10, 28, 9, n));
const page = (limit: number, offset = 0) => ({ limit, offset });

/** `quantity` chairs (€ 100.00 each excl. VAT) in the user's cart, checked out at `at`. */
async function order(user: User, of: Customer, quantity: number, at: Date) {
  await addToCart(user, chair.sku, quantity);
  return placeOrder(user, { shipToAddressId: of.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", at);
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 10_000 });
  customer = await createCompanyWithBuyer(handle);
  const buyer = await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 250_000 });
  const colleague = await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 250_000 });
  approver = await addCompanyUser(handle, customer, "approver", { orderLimitMinor: 100_000 });
  const elsewhere = await createCompanyWithBuyer(handle);
  const stranger = await addCompanyUser(handle, elsewhere, "buyer", { orderLimitMinor: 250_000 });

  // Placed in another sequence than their times: oldest first goes by when they were placed.
  const waiting: [string, User, Customer, number][] = [
    ["third", buyer, customer, 3],
    ["first", colleague, customer, 1],
    ["own", approver, customer, 0], // the approver's own, the oldest of all: never theirs to decide
    ["second", buyer, customer, 2],
    ["elsewhere", stranger, elsewhere, 0], // another company's
    ["fourth", colleague, customer, 4],
  ];
  for (const [key, user, of, at] of waiting) {
    const placed = await order(user, of, 30, minute(at));
    expect(placed.status).toBe("awaiting_approval");
    numbers[key] = placed.orderNumber;
  }
  // Within the limit: never waited.
  expect((await order(buyer, customer, 10, minute(0))).status).toBe("placed");
}, 120_000);
afterAll(() => db.dispose());

const numbersOf = (list: { items: { orderNumber: string }[] }) => list.items.map((o) => o.orderNumber);

describe("orders awaiting approval", () => {
  it("puts the longest waiting on page 1 and pages on, however many wait; the approver's own take no place", async () => {
    const first = await listAwaitingApproval(approver, page(2));
    expect(numbersOf(first)).toEqual([numbers.first, numbers.second]);
    expect(numbersOf(await listAwaitingApproval(approver, page(2, 2)))).toEqual([numbers.third, numbers.fourth]);
    expect(numbersOf(await listAwaitingApproval(approver, page(2, 4)))).toEqual([]);
    // The total the pages are counted from is the badge's count.
    expect(first.total).toBe(4);
    expect(await countAwaitingApproval(customer.company.id, approver.id)).toBe(4);
  });

  it("gives another approver the first's own order, in its place by time", async () => {
    const other = await addCompanyUser(handle, customer, "company_admin");
    const list = await listAwaitingApproval(other, page(10));
    expect(numbersOf(list)).toEqual([numbers.own, numbers.first, numbers.second, numbers.third, numbers.fourth]);
    expect(list.total).toBe(5);
  });

  it("gives a plain buyer nothing", async () => {
    const buyer = await addCompanyUser(handle, customer, "buyer");
    expect(await listAwaitingApproval(buyer, page(10))).toEqual({ items: [], total: 0 });
  });
});
