// The CSV download of "My account → Orders": the lines of exactly the orders the list shows with the
// same search, for exactly the viewer who may see them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { orderLinesForViewer, searchOrdersForViewer } from "@/lib/orders/order-access";
import { orderLinesForStaff } from "@/lib/admin/purchase-orders";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let colleague: BuyerUser;
let approver: BuyerUser;
let outsider: BuyerUser;
let paper: { sku: string };
let tape: { sku: string };

async function order(user: BuyerUser, shipToAddressId: number, lines: [string, number][], poNumber: string) {
  for (const [sku, quantity] of lines) await addToCart(user, sku, quantity);
  return placeOrder(user, { shipToAddressId, poNumber, costCenter: "KP-9", requestedDeliveryDate: null, note: null }, "nl", new Date());
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 425 });
  tape = await createProduct(handle, category.id, { listPriceMinor: 199 });
  customer = await createCompanyWithBuyer(handle);
  colleague = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
  approver = (await addCompanyUser(handle, customer, "approver")) as unknown as BuyerUser;
  const other = await createCompanyWithBuyer(handle);
  outsider = other.buyer as unknown as BuyerUser;
  await order(customer.buyer as unknown as BuyerUser, customer.shipTo.id, [[paper.sku, 5], [tape.sku, 2]], "PO-OWN");
  await order(colleague, customer.shipTo.id, [[tape.sku, 3]], "PO-COLLEAGUE");
  await order(outsider, other.shipTo.id, [[paper.sku, 1]], "PO-OTHER");
}, 120_000);
afterAll(() => fresh.dispose());

const buyer = () => customer.buyer as unknown as BuyerUser;

describe("order lines export", () => {
  it("a buyer gets the lines of their own orders; approvers the company's; nobody another company's", async () => {
    expect((await orderLinesForViewer(buyer(), {}, 100)).map((l) => [l.poNumber, l.sku, l.quantity, l.lineNumber])).toEqual([
      ["PO-OWN", paper.sku, 5, 1],
      ["PO-OWN", tape.sku, 2, 2],
    ]);
    expect((await orderLinesForViewer(approver, {}, 100)).map((l) => l.poNumber)).toEqual(["PO-OWN", "PO-OWN", "PO-COLLEAGUE"]);
    expect((await orderLinesForViewer(outsider, {}, 100)).map((l) => l.poNumber)).toEqual(["PO-OTHER"]);
  });

  it("applies the list's search, and finds the same orders the list shows", async () => {
    for (const search of [{ text: "colleague" }, { text: tape.sku }, { status: "placed" as const }, { from: "2000-01-01", to: "2000-12-31" }]) {
      const lines = await orderLinesForViewer(approver, search, 100);
      const { items } = await searchOrdersForViewer(approver, { ...search, limit: 100, offset: 0 });
      expect(new Set(lines.map((l) => l.orderNumber))).toEqual(new Set(items.map((o) => o.orderNumber)));
    }
    expect(await orderLinesForViewer(approver, { text: "colleague" }, 100)).toMatchObject([{ poNumber: "PO-COLLEAGUE", costCenter: "KP-9", placedBy: colleague.name }]);
  });

  it("staff: an account manager gets their customers' lines with the customer, filtered like the inbox; an admin everybody's", async () => {
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    const admin = await createStaff(handle, "admin");
    const mine = await orderLinesForStaff(manager, {}, 100);
    expect(new Set(mine.map((l) => l.customerName))).toEqual(new Set([customer.company.name]));
    expect(mine.map((l) => l.poNumber)).toEqual(["PO-OWN", "PO-OWN", "PO-COLLEAGUE"]);
    expect((await orderLinesForStaff(manager, { search: "colleague" }, 100)).map((l) => l.poNumber)).toEqual(["PO-COLLEAGUE"]);
    expect((await orderLinesForStaff(admin, { source: "web" }, 100)).map((l) => l.poNumber)).toEqual(["PO-OWN", "PO-OWN", "PO-COLLEAGUE", "PO-OTHER"]);
    expect(await orderLinesForStaff(manager, { source: "cxml" }, 100)).toEqual([]);
  });

  it("stops at the limit the route asks for (one more than it allows)", async () => {
    expect(await orderLinesForViewer(approver, {}, 2)).toHaveLength(2);
  });
});
