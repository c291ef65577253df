import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, favoriteListLines, favoriteLists, orders, users } from "@/db/schema";
import { placeOrder } from "@/lib/checkout/place-order";
import { addToCart, getPricedCart } from "@/lib/cart/cart-service";
import { getOrderForViewer, searchOrdersForViewer } from "@/lib/orders/order-access";
import { addProductToList, createList, getFavoriteListView, listMyFavoriteLists } from "@/lib/favorites/favorites";
import { addCompanyUser } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * Company isolation, proven per resource (orders, favorites lists, addresses, users) through the
 * real server actions – with the signed-in user swapped in where the action reads it – and
 * through the lib functions the pages use, for every id of the other company (guessing ids).
 */
const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: async () => session.user,
  getStaffUser: async () => null,
  isBuyer: (user: { role?: string; companyId?: number | null } | null) =>
    !!user && ["buyer", "approver", "company_admin"].includes(user.role ?? "") && user.companyId !== null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/headers", () => ({ cookies: async () => ({ set: () => undefined, get: () => undefined }), headers: async () => new Headers() }));

const favorites = await import("@/app/(shop)/favorites/actions");
const account = await import("@/app/(shop)/account/actions");

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
let victim: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let attackerCompany: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let victimAdmin: Awaited<ReturnType<typeof addCompanyUser>>;
let victimApprover: Awaited<ReturnType<typeof addCompanyUser>>;
let attackerAdmin: Awaited<ReturnType<typeof addCompanyUser>>;
let attackerApprover: Awaited<ReturnType<typeof addCompanyUser>>;
let paper: { sku: string };
let victimOrder: { orderNumber: string; id: number };
let victimList: { id: number };
let victimLineId: number;

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
};
const idle = { status: "idle" as const };
const as = (user: unknown) => {
  session.user = user;
};

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 100_000 });
  victim = await createCompanyWithBuyer(handle);
  attackerCompany = await createCompanyWithBuyer(handle, "company_admin");
  victimAdmin = await addCompanyUser(handle, victim, "company_admin");
  victimApprover = await addCompanyUser(handle, victim, "approver");
  attackerAdmin = { ...attackerCompany.buyer, role: "company_admin" as const } as unknown as Awaited<ReturnType<typeof addCompanyUser>>;
  attackerApprover = await addCompanyUser(handle, attackerCompany, "approver");

  const limited = await addCompanyUser(handle, victim, "buyer", { orderLimitMinor: 1000 });
  await addToCart(limited, paper.sku, 1);
  const placed = await placeOrder(limited, { shipToAddressId: victim.shipTo.id, poNumber: "SECRET-PO", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", now);
  const [row] = await handle.db.select({ id: orders.id }).from(orders).where(eq(orders.orderNumber, placed.orderNumber));
  victimOrder = { orderNumber: placed.orderNumber, id: row!.id };
  victimList = await createList(victimAdmin, { name: "Geheim gedeeld", shared: true }, now);
  await addProductToList(victimAdmin, { listId: victimList.id, newListName: null, sku: paper.sku, quantity: 2, note: "intern" }, now);
  const [line] = await handle.db.select({ id: favoriteListLines.id }).from(favoriteListLines).where(eq(favoriteListLines.listId, victimList.id));
  victimLineId = line!.id;
});
afterAll(() => db.dispose());
beforeEach(() => as(null));

describe("orders are isolated per company", () => {
  it("cannot be read by number or found by search from another company", async () => {
    for (const viewer of [attackerAdmin, attackerApprover, attackerCompany.buyer]) {
      expect(await getOrderForViewer(viewer, victimOrder.orderNumber)).toBeNull();
      const found = await searchOrdersForViewer(viewer, { text: "SECRET-PO", limit: 50, offset: 0 });
      expect(found.total).toBe(0);
      const all = await searchOrdersForViewer(viewer, { limit: 50, offset: 0 });
      expect(all.items.map((o) => o.orderNumber)).not.toContain(victimOrder.orderNumber);
    }
    expect(await getOrderForViewer(victimApprover, victimOrder.orderNumber)).not.toBeNull();
  });

  it("stay hidden when order numbers are guessed one by one", async () => {
    const numbers = (await handle.db.select({ orderNumber: orders.orderNumber, companyId: orders.companyId }).from(orders)).map((o) => o);
    const highest = Math.max(...numbers.map((o) => Number(o.orderNumber.slice(1))));
    for (let n = 100001; n <= highest + 3; n++) {
      const found = await getOrderForViewer(attackerApprover, `K${n}`);
      if (found) expect(found.order.companyId).toBe(attackerCompany.company.id);
    }
  });

  it("cannot be approved or rejected through the server action by another company's approver", async () => {
    as(attackerApprover);
    for (const decision of ["approve", "reject"]) {
      const state = await account.decideOrderAction(idle, form({ orderNumber: victimOrder.orderNumber, decision, comment: "nee" }));
      expect(state).toMatchObject({ status: "error", code: "not_found" });
    }
    const [row] = await handle.db.select({ status: orders.status }).from(orders).where(eq(orders.id, victimOrder.id));
    expect(row?.status).toBe("awaiting_approval");
  });

  it("cannot be reordered into the attacker's cart through the server action", async () => {
    as(attackerAdmin);
    const state = await account.reorderAction(idle, form({ orderNumber: victimOrder.orderNumber, mode: "all" }));
    expect(state).toMatchObject({ status: "error", code: "not_found" });
  });

  it("is approvable by the own company's approver through the same action (the test harness works)", async () => {
    as(victimApprover);
    const redirected = await account.decideOrderAction(idle, form({ orderNumber: victimOrder.orderNumber, decision: "approve", comment: "" })).catch((e: unknown) => e);
    expect(redirected).toMatchObject({ url: `/account/orders/${victimOrder.orderNumber}?decided=placed` });
    const [row] = await handle.db.select({ status: orders.status }).from(orders).where(eq(orders.id, victimOrder.id));
    expect(row?.status).toBe("placed");
  });
});

describe("favorites lists are isolated per company", () => {
  it("are invisible to another company, whatever list id is guessed", async () => {
    const maxId = Math.max(...(await handle.db.select({ id: favoriteLists.id }).from(favoriteLists)).map((r) => r.id));
    for (let id = 1; id <= maxId + 2; id++) {
      const view = await getFavoriteListView(attackerAdmin, id, "nl", now);
      if (view) expect(view.list.companyId).toBe(attackerCompany.company.id);
    }
    expect((await listMyFavoriteLists(attackerAdmin)).map((l) => l.id)).not.toContain(victimList.id);
  });

  it("cannot be changed, emptied, deleted or added to the cart through the server actions", async () => {
    as(attackerAdmin);
    const listId = String(victimList.id);
    const lineId = String(victimLineId);
    const attempts = [
      favorites.updateListAction(idle, form({ listId, name: "gekaapt", shared: "on" })),
      favorites.deleteListAction(idle, form({ listId })),
      favorites.addToListAction(idle, form({ listId, sku: paper.sku, quantity: "5" })),
      favorites.updateLineAction(idle, form({ listId, lineId, quantity: "9", note: "x" })),
      favorites.removeLineAction(idle, form({ listId, lineId })),
      favorites.moveLineAction(idle, form({ listId, lineId, direction: "down" })),
    ];
    for (const state of await Promise.all(attempts)) expect(state).toMatchObject({ status: "error", code: "not_found" });
    expect(await favorites.addListToCartAction(idle, form({ listId, mode: "all" }))).toMatchObject({ status: "error", code: "not_found" });
    expect((await getPricedCart(attackerAdmin, "nl", now)).lines).toEqual([]);

    // An own list with the victim's line id: the line is not found either.
    const own = await createList(attackerAdmin, { name: "Eigen", shared: false }, now);
    const state = await favorites.updateLineAction(idle, form({ listId: String(own.id), lineId, quantity: "9", note: "x" }));
    expect(state).toMatchObject({ status: "error", code: "not_found" });
    const [line] = await handle.db.select().from(favoriteListLines).where(eq(favoriteListLines.id, victimLineId));
    expect(line).toMatchObject({ defaultQuantity: 2, note: "intern" });
    const [list] = await handle.db.select().from(favoriteLists).where(eq(favoriteLists.id, victimList.id));
    expect(list).toMatchObject({ name: "Geheim gedeeld", shared: true });
  });

  it("are not loaded into another company's 'save to list' choices", async () => {
    as(attackerAdmin);
    expect((await favorites.loadEditableListsAction()).map((l) => l.id)).not.toContain(victimList.id);
    as(null);
    expect(await favorites.loadEditableListsAction()).toEqual([]);
  });
});

describe("addresses are isolated per company", () => {
  it("cannot be edited through the server action with another company's address id", async () => {
    as(attackerAdmin);
    const state = await account.saveAddressAction(
      idle,
      form({ addressId: String(victim.shipTo.id), label: "Gekaapt", name: "X", street: "Y 1", postalCode: "1000 AA", city: "Z", countryCode: "NL" }),
    );
    expect(state).toMatchObject({ status: "error", code: "not_found" });
    const [row] = await handle.db.select().from(addresses).where(eq(addresses.id, victim.shipTo.id));
    expect(row).toMatchObject({ label: "Hoofdkantoor", companyId: victim.company.id });
  });

  it("are only added to the admin's own company, and only by company admins", async () => {
    as(attackerAdmin);
    await account.saveAddressAction(idle, form({ label: "Nieuw", name: "X", street: "Y 1", postalCode: "1000 AA", city: "Z", countryCode: "NL" }));
    const added = await handle.db.select().from(addresses).where(eq(addresses.label, "Nieuw"));
    expect(added.map((a) => a.companyId)).toEqual([attackerCompany.company.id]);
    as(victim.buyer);
    const state = await account.saveAddressAction(idle, form({ addressId: String(victim.shipTo.id), label: "Buyer", name: "X", street: "Y 1", postalCode: "1000 AA", city: "Z", countryCode: "NL" }));
    expect(state).toMatchObject({ status: "error", code: "forbidden" });
  });
});

describe("users are isolated per company", () => {
  it("cannot be changed, deactivated or promoted through the server actions from another company", async () => {
    as(attackerAdmin);
    for (const target of [victim.user.id, victimAdmin.id, victimApprover.id]) {
      const changed = await account.updateUserAction(idle, form({ userId: String(target), role: "company_admin", orderLimit: "" }));
      expect(changed).toMatchObject({ status: "error", code: "not_found" });
      const deactivated = await account.setUserActiveAction(idle, form({ userId: String(target), active: "false" }));
      expect(deactivated).toMatchObject({ status: "error", code: "not_found" });
    }
    const rows = await handle.db.select().from(users).where(eq(users.companyId, victim.company.id));
    expect(rows.every((u) => u.active)).toBe(true);
    expect(rows.find((u) => u.id === victim.user.id)?.role).toBe("buyer");
  });

  it("are managed only by company admins; a buyer or approver of the same company cannot", async () => {
    for (const user of [victim.buyer, victimApprover]) {
      as(user);
      const state = await account.updateUserAction(idle, form({ userId: String(victimAdmin.id), role: "buyer", orderLimit: "" }));
      expect(state).toMatchObject({ status: "error", code: "forbidden" });
      const invite = await account.inviteUserAction(idle, form({ name: "X", email: "x@example.test", role: "company_admin", locale: "nl", orderLimit: "" }));
      expect(invite).toMatchObject({ status: "error", code: "forbidden" });
    }
  });

  it("are invited into the admin's own company only, with an invitation e-mail in the outbox", async () => {
    as(victimAdmin);
    const state = await account.inviteUserAction(idle, form({ name: "Nieuwe Inkoper", email: "Nieuw@Example.test", role: "buyer", locale: "nl", orderLimit: "1.500" }));
    expect(state).toMatchObject({ status: "ok", message: "user_invited" });
    const [created] = await handle.db.select().from(users).where(eq(users.email, "nieuw@example.test"));
    expect(created).toMatchObject({ companyId: victim.company.id, role: "buyer", orderLimitMinor: 150_000, passwordHash: null });
    as(victimAdmin);
    const self = await account.setUserActiveAction(idle, form({ userId: String(victimAdmin.id), active: "false" }));
    expect(self).toMatchObject({ status: "error", message: "cannot_deactivate_self" });
  });

  it("refuses every account action without a signed-in buyer", async () => {
    as(null);
    expect(await account.updateUserAction(idle, form({ userId: String(victim.user.id), role: "buyer", orderLimit: "" }))).toMatchObject({ code: "unauthenticated" });
    expect(await favorites.addListToCartAction(idle, form({ listId: String(victimList.id), mode: "all" }))).toMatchObject({ code: "unauthenticated" });
  });
});
