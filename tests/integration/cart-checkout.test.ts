import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { products } from "@/db/schema";
import { addToCart, getPricedCart, removeFromCart, updateCartLineQuantity } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { getCompanyOrder, listCompanyOrders } from "@/lib/data/orders";
import { AppError } from "@/lib/errors";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../support/fixtures";
import { useFreshDatabase } from "../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");

let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let paper: { sku: string; id: number };
let gloves: { sku: string; id: number };
let coffee: { sku: string; id: number };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, vatRateBasisPoints: 2100 });
  gloves = await createProduct(handle, category.id, { listPriceMinor: 1250, minOrderQuantity: 10, orderMultiple: 5, stock: 12 });
  coffee = await createProduct(handle, category.id, { listPriceMinor: 899, vatRateBasisPoints: 900, listPriceTiers: [{ minQuantity: 6, priceMinor: 849 }] });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [
    { productId: paper.id, kind: "fixed", priceMinor: 450, tiers: [{ minQuantity: 10, priceMinor: 420 }] },
  ]);
});
afterAll(() => db.dispose());

async function expectAppError(promise: Promise<unknown>, code: string, message: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code, message });
  return error as AppError;
}

describe("cart", () => {
  it("refuses quantities below the minimum or off the multiple, naming the nearest valid quantity", async () => {
    const below = await expectAppError(addToCart(customer.buyer, gloves.sku, 3), "quantity_rule", "below_minimum");
    expect(below.details).toMatchObject({ suggested: 10, minimum: 10 });
    const off = await expectAppError(addToCart(customer.buyer, gloves.sku, 11), "quantity_rule", "not_multiple");
    expect(off.details).toMatchObject({ suggested: 10, multiple: 5 });
    expect((await getPricedCart(customer.buyer, "nl", now)).lines).toHaveLength(0);
  });

  it("adds up repeated adds and checks the resulting line quantity", async () => {
    await addToCart(customer.buyer, gloves.sku, 10);
    await addToCart(customer.buyer, gloves.sku, 5);
    const cart = await getPricedCart(customer.buyer, "nl", now);
    expect(cart.lines.find((l) => l.product.sku === gloves.sku)).toMatchObject({ quantity: 15, exceedsStock: true });
  });

  it("refuses a line quantity against the rules with the quantity to set (the cart's message), and keeps the line", async () => {
    const line = (await getPricedCart(customer.buyer, "nl", now)).lines.find((l) => l.product.sku === gloves.sku)!;
    const off = await expectAppError(updateCartLineQuantity(customer.buyer, line.lineId, 17), "quantity_rule", "not_multiple");
    expect(off.details).toMatchObject({ suggested: 15, multiple: 5 });
    const below = await expectAppError(updateCartLineQuantity(customer.buyer, line.lineId, 6), "quantity_rule", "below_minimum");
    expect(below.details).toMatchObject({ suggested: 10, minimum: 10 });
    expect((await getPricedCart(customer.buyer, "nl", now)).lines.find((l) => l.lineId === line.lineId)).toMatchObject({ quantity: 15 });
  });

  it("prices with the customer's contract and tiers, and the list price for others", async () => {
    await addToCart(customer.buyer, paper.sku, 10);
    await addToCart(other.buyer, paper.sku, 10);
    const mine = await getPricedCart(customer.buyer, "nl", now);
    const theirs = await getPricedCart(other.buyer, "nl", now);
    expect(mine.lines.find((l) => l.product.sku === paper.sku)).toMatchObject({ unitPriceMinor: 420, lineTotalMinor: 4200 });
    expect(theirs.lines.find((l) => l.product.sku === paper.sku)).toMatchObject({ unitPriceMinor: 599, lineTotalMinor: 5990 });
  });

  it("cannot touch another user's cart line", async () => {
    const theirs = await getPricedCart(other.buyer, "nl", now);
    const lineId = theirs.lines[0]!.lineId;
    await expectAppError(updateCartLineQuantity(customer.buyer, lineId, 20), "not_found", "cart_line_not_found");
    await expectAppError(removeFromCart(customer.buyer, lineId), "not_found", "cart_line_not_found");
    expect((await getPricedCart(other.buyer, "nl", now)).lines[0]!.quantity).toBe(10);
  });
});

describe("checkout", () => {
  it("places the order with a price snapshot, VAT per rate and totals, and empties the cart", async () => {
    await addToCart(customer.buyer, coffee.sku, 6);
    const input = { shipToAddressId: customer.shipTo.id, poNumber: "PO-2026-001", costCenter: "KP-4410", requestedDeliveryDate: "2026-12-03", note: "Achterom" };
    const { orderNumber } = await placeOrder(customer.buyer, input, "nl", now);
    expect(orderNumber).toMatch(/^K\d{6,}$/);

    const detail = await getCompanyOrder(customer.company.id, orderNumber);
    expect(detail?.order).toMatchObject({
      status: "placed",
      poNumber: "PO-2026-001",
      costCenter: "KP-4410",
      requestedDeliveryDate: "2026-12-03",
      // gloves 15 × 12.50 + paper 10 × 4.20 (contract tier) at 21 %, coffee 6 × 8.49 (list tier) at 9 %
      subtotalMinor: 18750 + 4200 + 5094,
      vatBreakdown: [
        { vatRateBasisPoints: 900, taxableMinor: 5094, vatMinor: 458 },
        { vatRateBasisPoints: 2100, taxableMinor: 22950, vatMinor: 4820 },
      ],
      vatMinor: 458 + 4820,
      totalMinor: 28044 + 5278,
    });
    expect(detail?.order.shipTo).toMatchObject({ street: "Stationsplein 1", city: "Amsterdam" });
    expect(detail?.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.priceSource.kind])).toEqual([
      [gloves.sku, 15, 1250, "list"],
      [paper.sku, 10, 420, "contract_tier"],
      [coffee.sku, 6, 849, "list_tier"],
    ]);
    expect(detail?.events.map((e) => e.status)).toEqual(["placed"]);
    expect((await getPricedCart(customer.buyer, "nl", now)).lines).toHaveLength(0);
    expect((await listCompanyOrders(customer.company.id)).map((o) => o.orderNumber)).toContain(orderNumber);
  });

  it("keeps companies apart: another company's order is not found and not listed", async () => {
    const [order] = await listCompanyOrders(customer.company.id);
    expect(await getCompanyOrder(other.company.id, order!.orderNumber)).toBeNull();
    expect(await listCompanyOrders(other.company.id)).toEqual([]);
  });

  it("refuses an empty cart, another company's address and past delivery dates, writing nothing", async () => {
    const base = { shipToAddressId: customer.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null };
    await expectAppError(placeOrder(customer.buyer, base, "nl", now), "cart_empty", "cart_empty");
    await addToCart(customer.buyer, paper.sku, 1);
    await expectAppError(placeOrder(customer.buyer, { ...base, shipToAddressId: other.shipTo.id }, "nl", now), "invalid_input", "unknown_address");
    await expectAppError(placeOrder(customer.buyer, { ...base, requestedDeliveryDate: "2026-11-27" }, "nl", now), "invalid_input", "delivery_date_in_past");
    expect(await listCompanyOrders(customer.company.id)).toHaveLength(1);
    expect((await getPricedCart(customer.buyer, "nl", now)).lines).toHaveLength(1);
  });

  it("creates exactly one order when the same cart is submitted twice at once", async () => {
    const input = { shipToAddressId: customer.shipTo.id, poNumber: "PO-DOUBLE", costCenter: null, requestedDeliveryDate: null, note: null };
    const results = await Promise.allSettled([placeOrder(customer.buyer, input, "nl", now), placeOrder(customer.buyer, input, "nl", now)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
    expect(rejected?.reason).toBeInstanceOf(AppError);
    expect((await listCompanyOrders(customer.company.id)).filter((o) => o.poNumber === "PO-DOUBLE")).toHaveLength(1);
  });

  it("a product taken out of the shop after it was added stays in the cart, marked, and must go before the order", async () => {
    const category = await createCategory(handle);
    const gone = await createProduct(handle, category.id, { listPriceMinor: 300 });
    const input = { shipToAddressId: customer.shipTo.id, poNumber: "PO-GONE", costCenter: null, requestedDeliveryDate: null, note: null };
    await addToCart(customer.buyer, paper.sku, 2);
    await addToCart(customer.buyer, gone.sku, 1);
    await handle.db.update(products).set({ active: false }).where(eq(products.id, gone.id));
    const cart = await getPricedCart(customer.buyer, "nl", now);
    expect(cart.lines.map((line) => [line.product.sku, line.available])).toEqual(
      expect.arrayContaining([
        [paper.sku, true],
        [gone.sku, false],
      ]),
    );
    expect(cart.orderable).toBe(false);
    const refused = await expectAppError(placeOrder(customer.buyer, input, "nl", now), "conflict", "cart_has_unavailable_products");
    expect(refused.details).toEqual({ sku: gone.sku });
    expect((await listCompanyOrders(customer.company.id)).filter((o) => o.poNumber === "PO-GONE")).toHaveLength(0);
    await removeFromCart(customer.buyer, cart.lines.find((line) => line.product.sku === gone.sku)!.lineId);
    await placeOrder(customer.buyer, input, "nl", now);
    expect((await listCompanyOrders(customer.company.id)).filter((o) => o.poNumber === "PO-GONE")).toHaveLength(1);
  });
});
