import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { carts } from "@/db/schema";
import { addToCart, countCartBadge, readCartBadge, type CartOwner } from "@/lib/cart/cart-service";
import { getCartBadgeCounts } from "@/lib/data/carts";
import { createPunchoutConnection } from "@/lib/data/punchout-connections";
import { createPunchoutSession } from "@/lib/data/punchout-sessions";
import { AppError } from "@/lib/errors";
import { createCategory, createCompanyWithBuyer, createProduct } from "../support/fixtures";
import { useFreshDatabase } from "../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let paper: { sku: string; id: number };
let pens: { sku: string; id: number };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599 });
  pens = await createProduct(handle, category.id, { listPriceMinor: 199 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
});
afterAll(() => db.dispose());

const shopCarts = (userId: number) => handle.db.select().from(carts).where(and(eq(carts.userId, userId), isNull(carts.punchoutSessionId)));

describe("cart badge (header of every shop page)", () => {
  it("is 0 without a cart and creates the shop cart as before", async () => {
    expect(await shopCarts(customer.buyer.id)).toHaveLength(0);
    expect(await getCartBadgeCounts(customer.buyer.id, null)).toBeNull();
    expect(await countCartBadge(customer.buyer)).toEqual({ units: 0, lines: 0 });
    expect(await shopCarts(customer.buyer.id)).toHaveLength(1);
    expect(await getCartBadgeCounts(customer.buyer.id, null)).toEqual({ units: 0, lines: 0 });
  });

  it("sums the units and counts the lines of the user's own shop cart only", async () => {
    await addToCart(customer.buyer, paper.sku, 3);
    await addToCart(customer.buyer, pens.sku, 4);
    await addToCart(other.buyer, paper.sku, 50);
    expect(await countCartBadge(customer.buyer)).toEqual({ units: 7, lines: 2 });
    expect(await countCartBadge(other.buyer)).toEqual({ units: 50, lines: 1 });
  });

  it("is read with the moment before the read, so a later reading is never older than the cart it counts", async () => {
    const before = Date.now();
    const first = await readCartBadge(other.buyer);
    await addToCart(other.buyer, pens.sku, 1);
    const second = await readCartBadge(other.buyer);
    expect(first).toMatchObject({ units: 50, lines: 1 });
    expect(first.at).toBeGreaterThanOrEqual(before);
    expect(second).toMatchObject({ units: 51, lines: 2 });
    expect(second.at).toBeGreaterThanOrEqual(first.at);
    expect(second.at).toBeLessThanOrEqual(Date.now());
  });

  it("counts a punchout session's own cart, not the shop cart; a session without cart fails as before", async () => {
    const connection = await createPunchoutConnection({
      companyId: customer.company.id,
      protocol: "oci",
      name: "SAP",
      presetId: "generic",
      username: "sap-badge",
      secretHash: "x",
    } as Parameters<typeof createPunchoutConnection>[0]);
    const session = await createPunchoutSession({
      connectionId: connection.id,
      companyId: customer.company.id,
      userId: customer.buyer.id,
      protocol: "oci",
      status: "active",
      returnUrl: "https://procurement.example/return",
      expiresAt: new Date(Date.now() + 3_600_000),
    } as Parameters<typeof createPunchoutSession>[0]);
    const shopper: CartOwner = { id: customer.buyer.id, companyId: customer.company.id, punchout: { sessionId: session.id, operation: "create" } };
    expect(await countCartBadge(shopper)).toEqual({ units: 0, lines: 0 });
    await addToCart(shopper, pens.sku, 2);
    expect(await countCartBadge(shopper)).toEqual({ units: 2, lines: 1 });
    expect(await countCartBadge(customer.buyer)).toEqual({ units: 7, lines: 2 });

    await handle.db.delete(carts).where(eq(carts.punchoutSessionId, session.id));
    const error = await countCartBadge(shopper).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "not_found", message: "punchout_cart_not_found" });
  });
});
