// Delivery addresses limited to some users (a location's own people) and a default per user: the
// company admin decides; the checkout and standing orders offer only the addresses a buyer may use,
// choose their default beforehand, refuse the others with nothing written, and a standing order whose
// address is no longer its owner's stops instead of delivering there.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, orders, users } from "@/db/schema";
import { limitShipToAddress, listAccountAddresses, removeShipToAddress, resolveShipTo, setUserDefaultShipTo, shipToChoice } from "@/lib/account/addresses";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { AppError } from "@/lib/errors";
import { addProductToList, createList } from "@/lib/favorites/favorites";
import { getStandingOrderPanel, runStandingOrder, saveStandingOrder } from "@/lib/standing-orders/standing-orders";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let buyer: BuyerUser;
let colleague: BuyerUser;
let admin: BuyerUser;
let chair: { id: number; sku: string };
/** Besides the customer's default "Hoofdkantoor": a location of its own, and another company's address. */
let utrecht: { id: number };
let elsewhere: { id: number };

const NOW = new Date("2026-11-29T10:00:00Z");
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);

async function order(user: BuyerUser, shipToAddressId: number) {
  await addToCart(user, chair.sku, 1);
  return placeOrder(user, { shipToAddressId, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
}

const ordersOf = async (user: BuyerUser) => handle.db.select({ id: orders.id }).from(orders).where(eq(orders.userId, user.id));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 100_000 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  buyer = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
  colleague = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
  admin = (await addCompanyUser(handle, customer, "company_admin")) as unknown as BuyerUser;
  utrecht = (
    await handle.db
      .insert(addresses)
      .values({ companyId: customer.company.id, kind: "ship_to", label: "Vestiging Utrecht", name: customer.company.name, street: "Catharijnesingel 1", postalCode: "3511 GA", city: "Utrecht" })
      .returning({ id: addresses.id })
  )[0]!;
  elsewhere = other.shipTo;
}, 120_000);
afterAll(() => fresh.dispose());

describe("limiting an address", () => {
  it("only the company admin limits it, to users of the company; others are refused and nothing changes", async () => {
    expect((await failure(limitShipToAddress(buyer, utrecht.id, [buyer.id])))?.message).toBe("company_admin_only");
    expect((await failure(limitShipToAddress({ ...admin, impersonatedBy: { id: 1, name: "AM", sessionId: 1, expiresAt: NOW } }, utrecht.id, [buyer.id])))?.message).toBe("company_admin_only");
    expect((await failure(limitShipToAddress(admin, elsewhere.id, [buyer.id])))?.code).toBe("not_found");
    expect((await failure(limitShipToAddress(admin, utrecht.id, [buyer.id, other.user.id])))?.message).toBe("unknown_user");
    expect((await listAccountAddresses(buyer)).shipTo.find((a) => a.id === utrecht.id)?.userIds).toEqual([]);

    await limitShipToAddress(admin, utrecht.id, [buyer.id]);
    const listed = (await listAccountAddresses(colleague)).shipTo.find((a) => a.id === utrecht.id)!;
    expect([listed.userIds, listed.usedByNames]).toEqual([[buyer.id], [buyer.name]]);
  });

  it("the checkout offers it to its users and the company admins only, and refuses it to others with nothing written", async () => {
    expect((await shipToChoice(buyer)).options.map((a) => a.id)).toEqual([customer.shipTo.id, utrecht.id]);
    expect((await shipToChoice(admin)).options.map((a) => a.id)).toEqual([customer.shipTo.id, utrecht.id]);
    expect((await shipToChoice(colleague)).options.map((a) => a.id)).toEqual([customer.shipTo.id]);
    expect(await resolveShipTo(colleague, utrecht.id)).toBeNull();
    expect(await resolveShipTo(buyer, elsewhere.id)).toBeNull();

    const refused = await failure(order(colleague, utrecht.id));
    expect([refused?.code, refused?.message, refused?.details]).toEqual(["invalid_input", "unknown_address", { field: "shipToAddressId" }]);
    expect(await ordersOf(colleague)).toHaveLength(0);
    const placed = await order(buyer, utrecht.id);
    const [stored] = await handle.db.select({ shipTo: orders.shipTo }).from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect(stored!.shipTo).toMatchObject({ city: "Utrecht", street: "Catharijnesingel 1" });
  });

  it("a default is chosen beforehand; only an address the user may use can be their default", async () => {
    expect((await shipToChoice(buyer)).defaultId).toBe(customer.shipTo.id);
    expect((await failure(setUserDefaultShipTo(admin, colleague.id, utrecht.id)))?.message).toBe("address_not_for_user");
    expect((await failure(setUserDefaultShipTo(admin, buyer.id, elsewhere.id)))?.code).toBe("not_found");
    expect((await failure(setUserDefaultShipTo(admin, other.user.id, customer.shipTo.id)))?.code).toBe("not_found");
    expect((await failure(setUserDefaultShipTo(buyer, buyer.id, utrecht.id)))?.message).toBe("company_admin_only");
    await setUserDefaultShipTo(admin, buyer.id, utrecht.id);
    expect((await shipToChoice(buyer)).defaultId).toBe(utrecht.id);
    // Limited to others later: their default no longer counts; the company's default is chosen.
    await limitShipToAddress(admin, utrecht.id, [colleague.id]);
    expect(await shipToChoice(buyer)).toMatchObject({ defaultId: customer.shipTo.id });
    expect((await shipToChoice(buyer)).options.map((a) => a.id)).toEqual([customer.shipTo.id]);
    await setUserDefaultShipTo(admin, buyer.id, null);
    const [row] = await handle.db.select({ id: users.defaultShipToAddressId }).from(users).where(eq(users.id, buyer.id));
    expect(row!.id).toBeNull();
    // Opened to everybody again.
    await limitShipToAddress(admin, utrecht.id, []);
    expect((await shipToChoice(colleague)).options.map((a) => a.id)).toEqual([customer.shipTo.id, utrecht.id]);
  });

  it("a user who may use none of the addresses is offered none, and the checkout takes none", async () => {
    await limitShipToAddress(admin, customer.shipTo.id, [buyer.id]);
    await limitShipToAddress(admin, utrecht.id, [buyer.id]);
    expect(await shipToChoice(colleague)).toEqual({ options: [], defaultId: null });
    await limitShipToAddress(admin, customer.shipTo.id, []);
    await limitShipToAddress(admin, utrecht.id, []);
  });
});

describe("standing orders follow the checkout's rules", () => {
  it("offer the owner's addresses, refuse another's, and stop when the address is no longer the owner's", async () => {
    await limitShipToAddress(admin, utrecht.id, [buyer.id]);
    const list = await createList(colleague, { name: "Koffie", shared: false }, NOW);
    await addProductToList(colleague, { listId: list.id, newListName: null, sku: chair.sku, quantity: 1, note: null }, NOW);
    const panel = await getStandingOrderPanel(colleague, { id: list.id, ownerUserId: colleague.id, shared: false, colleaguesMayEdit: false }, NOW);
    expect(panel.shipToOptions.map((o) => o.id)).toEqual([customer.shipTo.id]);
    expect(panel.shipToDefaultId).toBe(customer.shipTo.id);
    const input = { listId: list.id, intervalWeeks: 4, nextRunOn: "2026-11-29", poNumber: null, costCenter: null, note: null };
    expect(await failure(saveStandingOrder(colleague, { ...input, shipToAddressId: utrecht.id }, NOW))).toMatchObject({
      message: "unknown_address",
      details: { fieldErrors: { shipToAddressId: ["unknown_address"] } },
    });

    // The colleague may use Utrecht when the standing order is set up, and no longer when it runs.
    await limitShipToAddress(admin, utrecht.id, [buyer.id, colleague.id]);
    const saved = await saveStandingOrder(colleague, { ...input, shipToAddressId: utrecht.id }, NOW);
    await limitShipToAddress(admin, utrecht.id, [buyer.id]);
    expect(await runStandingOrder(saved.id, NOW)).toEqual({ outcome: "paused", orderNumber: null });
    expect(await ordersOf(colleague)).toHaveLength(0);
    const mails = (await outboxTo(handle, colleague.email)).filter((m) => m.kind === "standing_order_run");
    expect(mails.at(-1)!.bodyText).toContain("niet meer voor deze gebruiker beschikbaar");
  });
});

describe("removing a delivery address", () => {
  it("only the company admin, never the last one; a default falls back and a standing order delivering there stops", async () => {
    const [extra] = await handle.db
      .insert(addresses)
      .values({ companyId: customer.company.id, kind: "ship_to", label: "Pop-up", name: customer.company.name, street: "Markt 1", postalCode: "3511 AA", city: "Utrecht" })
      .returning({ id: addresses.id });
    await setUserDefaultShipTo(admin, colleague.id, extra!.id);
    const list = await createList(colleague, { name: "Pop-up", shared: false }, NOW);
    await addProductToList(colleague, { listId: list.id, newListName: null, sku: chair.sku, quantity: 1, note: null }, NOW);
    const input = { listId: list.id, intervalWeeks: 4, nextRunOn: "2026-11-29", poNumber: null, costCenter: null, note: null, shipToAddressId: extra!.id };
    const saved = await saveStandingOrder(colleague, input, NOW);

    expect((await failure(removeShipToAddress(colleague, extra!.id)))?.message).toBe("company_admin_only");
    expect((await failure(removeShipToAddress(admin, elsewhere.id)))?.code).toBe("not_found");
    await removeShipToAddress(admin, extra!.id);
    expect((await shipToChoice(colleague)).defaultId).toBe(customer.shipTo.id);
    expect(await runStandingOrder(saved.id, NOW)).toEqual({ outcome: "paused", orderNumber: null });

    // Down to one: that one stays.
    await removeShipToAddress(admin, utrecht.id);
    expect((await failure(removeShipToAddress(admin, customer.shipTo.id)))?.message).toBe("last_ship_to_address");
    expect((await shipToChoice(admin)).options.map((a) => a.id)).toEqual([customer.shipTo.id]);
  });
});
