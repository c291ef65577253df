import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { orders, products } from "@/db/schema";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { getPricedCart } from "@/lib/cart/cart-service";
import { listCartLines } from "@/lib/data/carts";
import { AppError } from "@/lib/errors";
import {
  addListToCart,
  addProductToList,
  createList,
  deleteList,
  getFavoriteListView,
  listMyFavoriteLists,
  moveListLine,
  removeListLine,
  updateList,
  updateListLine,
} from "@/lib/favorites/favorites";
import { addCompanyUser, inPunchout, openPunchoutSession } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let colleague: Awaited<ReturnType<typeof addCompanyUser>>;
let admin: Awaited<ReturnType<typeof addCompanyUser>>;
let paper: { sku: string; id: number };
let gloves: { sku: string; id: number };
let soldOut: { sku: string; id: number };

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599 });
  gloves = await createProduct(handle, category.id, { listPriceMinor: 1250, minOrderQuantity: 10, orderMultiple: 5, stock: 40 });
  soldOut = await createProduct(handle, category.id, { listPriceMinor: 300, stock: 0, leadTimeDays: 9 });
  customer = await createCompanyWithBuyer(handle);
  colleague = await addCompanyUser(handle, customer, "buyer");
  admin = await addCompanyUser(handle, customer, "company_admin");
  await createPriceList(handle, customer.company.id, [{ productId: paper.id, kind: "fixed", priceMinor: 450, tiers: [] }]);
});
afterAll(() => db.dispose());

describe("favorites lists", () => {
  it("says what the company last paid for a line, and how today's price for that quantity differs", async () => {
    const list = await createList(customer.buyer, { name: "Handschoenen", shared: true }, now);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: gloves.sku, quantity: 20, note: null }, now);
    const lastOf = async () => (await getFavoriteListView(colleague, list.id, "nl", now))!.lines[0]!.lastOrdered;
    expect(await lastOf()).toBeNull();

    // A colleague orders 10 at € 12.50; then the list price goes up 10 %.
    await addToCart(colleague, gloves.sku, 10);
    const placed = await placeOrder(colleague, { shipToAddressId: customer.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", now);
    await handle.db.update(products).set({ listPriceMinor: 1375 }).where(eq(products.id, gloves.id));
    expect(await lastOf()).toEqual({ placedAt: now, quantity: 10, unitPriceMinor: 1250, todayUnitPriceMinor: 1375 });

    // Another company's order says nothing about this one; a rejected or cancelled order is no price paid.
    const other = await createCompanyWithBuyer(handle);
    await addToCart(other.buyer, gloves.sku, 15);
    await placeOrder(other.buyer, { shipToAddressId: other.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", new Date(now.getTime() + 60_000));
    expect((await lastOf())?.quantity).toBe(10);
    await handle.db.update(orders).set({ status: "cancelled" }).where(eq(orders.orderNumber, placed.orderNumber));
    expect(await lastOf()).toBeNull();
    await handle.db.update(products).set({ listPriceMinor: 1250 }).where(eq(products.id, gloves.id));
    await deleteList(customer.buyer, list.id);
  });

  it("colleagues change a shared list's lines when its owner allows it, but never its name, sharing or existence", async () => {
    const team = await createList(customer.buyer, { name: "Teamlijst", shared: true, colleaguesMayEdit: true }, now);
    const view = async () => (await getFavoriteListView(colleague, team.id, "nl", now))!;
    expect([(await view()).canEdit, (await view()).canManage]).toEqual([true, false]);
    await addProductToList(colleague, { listId: team.id, newListName: null, sku: paper.sku, quantity: 3, note: "voor de balie" }, now);
    const [line] = (await view()).lines;
    await updateListLine(colleague, team.id, line!.lineId, { quantity: 4, note: null }, now);
    expect((await view()).lines.map((l) => l.defaultQuantity)).toEqual([4]);
    expect((await listMyFavoriteLists(colleague)).find((l) => l.id === team.id)).toMatchObject({ colleaguesMayEdit: true, canEdit: true });
    expect((await appError(updateList(colleague, team.id, { name: "Van mij", shared: false }, now))).message).toBe("list_read_only");
    expect((await appError(deleteList(colleague, team.id))).message).toBe("list_read_only");

    // Only a shared list can be changed by colleagues: unsharing takes the right away (and the list out of sight).
    await updateList(customer.buyer, team.id, { name: "Teamlijst", shared: false, colleaguesMayEdit: true }, now);
    expect(await getFavoriteListView(colleague, team.id, "nl", now)).toBeNull();
    const mine = await createList(customer.buyer, { name: "Privé maar wijzigbaar?", shared: false, colleaguesMayEdit: true }, now);
    expect((await listMyFavoriteLists(customer.buyer)).find((l) => l.id === mine.id)?.colleaguesMayEdit).toBe(false);
    // Shared for use only: read-only for colleagues, as before.
    await updateList(customer.buyer, team.id, { name: "Teamlijst", shared: true }, now);
    expect((await appError(removeListLine(colleague, team.id, line!.lineId, now))).message).toBe("list_read_only");
    await deleteList(customer.buyer, team.id);
    await deleteList(customer.buyer, mine.id);
  });

  it("keeps private lists to their owner and shows shared lists to the whole company", async () => {
    const own = await createList(customer.buyer, { name: "Privé", shared: false }, now);
    const shared = await createList(customer.buyer, { name: "Team", shared: true }, now);
    const seenByColleague = (await listMyFavoriteLists(colleague)).map((l) => l.id);
    expect(seenByColleague).toContain(shared.id);
    expect(seenByColleague).not.toContain(own.id);
    expect(await getFavoriteListView(colleague, own.id, "nl", now)).toBeNull();
    expect((await getFavoriteListView(colleague, shared.id, "nl", now))?.canEdit).toBe(false);
    expect((await getFavoriteListView(admin, shared.id, "nl", now))?.canEdit).toBe(true);
  });

  it("lets the owner and company admins edit a shared list, and nobody else", async () => {
    const list = await createList(customer.buyer, { name: "Gedeeld", shared: true }, now);
    expect((await appError(addProductToList(colleague, { listId: list.id, newListName: null, sku: paper.sku, quantity: 2, note: null }, now))).message).toBe("list_read_only");
    await addProductToList(admin, { listId: list.id, newListName: null, sku: paper.sku, quantity: 2, note: "voor de balie" }, now);
    await updateList(admin, list.id, { name: "Gedeeld (beheer)", shared: true }, now);
    expect((await appError(updateList(colleague, list.id, { name: "x", shared: false }, now))).message).toBe("list_read_only");
    expect((await appError(deleteList(colleague, list.id))).message).toBe("list_read_only");
    const view = await getFavoriteListView(colleague, list.id, "nl", now);
    expect(view?.list.name).toBe("Gedeeld (beheer)");
    expect(view?.lines).toMatchObject([{ sku: paper.sku, defaultQuantity: 2, note: "voor de balie" }]);
    // Saving the same product again (e.g. from a product card, without a note) updates the quantity, keeps the note.
    await addProductToList(admin, { listId: list.id, newListName: null, sku: paper.sku, quantity: 6, note: null }, now);
    expect((await getFavoriteListView(colleague, list.id, "nl", now))?.lines).toMatchObject([{ sku: paper.sku, defaultQuantity: 6, note: "voor de balie" }]);
  });

  it("stores a default quantity and note per line, only orderable quantities, and moves lines", async () => {
    const list = await createList(customer.buyer, { name: "Volgorde", shared: false }, now);
    const rule = await appError(addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: gloves.sku, quantity: 12, note: null }, now));
    expect(rule).toMatchObject({ code: "quantity_rule", message: "not_multiple", details: { suggested: 10 } });
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: gloves.sku, quantity: null, note: null }, now);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: paper.sku, quantity: 3, note: "A4" }, now);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: soldOut.sku, quantity: 1, note: null }, now);
    let view = (await getFavoriteListView(customer.buyer, list.id, "nl", now))!;
    expect(view.lines.map((l) => [l.sku, l.defaultQuantity])).toEqual([
      [gloves.sku, 10],
      [paper.sku, 3],
      [soldOut.sku, 1],
    ]);
    await moveListLine(customer.buyer, list.id, view.lines[2]!.lineId, "up", now);
    await moveListLine(customer.buyer, list.id, view.lines[0]!.lineId, "down", now);
    view = (await getFavoriteListView(customer.buyer, list.id, "nl", now))!;
    expect(view.lines.map((l) => l.sku)).toEqual([soldOut.sku, gloves.sku, paper.sku]);
    await updateListLine(customer.buyer, list.id, view.lines[1]!.lineId, { quantity: 15, note: "doos" }, now);
    expect((await appError(updateListLine(customer.buyer, list.id, view.lines[1]!.lineId, { quantity: 7, note: null }, now))).message).toBe("below_minimum");
    await removeListLine(customer.buyer, list.id, view.lines[0]!.lineId, now);
    view = (await getFavoriteListView(customer.buyer, list.id, "nl", now))!;
    expect(view.lines.map((l) => [l.sku, l.defaultQuantity, l.note])).toEqual([
      [gloves.sku, 15, "doos"],
      [paper.sku, 3, "A4"],
    ]);
  });

  it("shows today's customer price and stock per line", async () => {
    const list = await createList(customer.buyer, { name: "Prijzen", shared: false }, now);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: paper.sku, quantity: 1, note: null }, now);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: soldOut.sku, quantity: 1, note: null }, now);
    const view = (await getFavoriteListView(customer.buyer, list.id, "nl", now))!;
    expect(view.lines[0]).toMatchObject({ unitPriceMinor: 450, listPriceMinor: 599, isContractPrice: true, stock: 100 });
    expect(view.lines[1]).toMatchObject({ unitPriceMinor: 300, stock: 0, leadTimeDays: 9 });
  });

  it("adds all or selected lines to the colleague's own cart, reporting each line", async () => {
    const list = await createList(customer.buyer, { name: "Alles", shared: true }, now);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: paper.sku, quantity: 4, note: null }, now);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: soldOut.sku, quantity: 2, note: null }, now);
    const all = await addListToCart(colleague, list.id, null, "nl");
    expect(all.lines.map((l) => [l.sku, l.outcome.status])).toEqual([
      [paper.sku, "added"],
      [soldOut.sku, "added"],
    ]);
    expect(all.lines[1]!.outcome).toMatchObject({ stockWarning: "out_of_stock" });
    const cart = await getPricedCart(colleague, "nl", now);
    expect(cart.lines.map((l) => [l.product.sku, l.quantity])).toEqual([
      [paper.sku, 4],
      [soldOut.sku, 2],
    ]);
    // The owner's cart is untouched.
    expect((await getPricedCart(customer.buyer, "nl", now)).lines).toHaveLength(0);

    const view = (await getFavoriteListView(colleague, list.id, "nl", now))!;
    const selected = await addListToCart(colleague, list.id, [view.lines[0]!.lineId], "nl");
    expect(selected.lines).toHaveLength(1);
    expect((await getPricedCart(colleague, "nl", now)).lines.find((l) => l.product.sku === paper.sku)?.quantity).toBe(8);
    expect((await appError(addListToCart(colleague, list.id, [], "nl"))).message).toBe("nothing_selected");
  });

  it("fills the punchout session's cart inside a punchout session, never the shop cart", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const session = await openPunchoutSession(handle, user);
    const list = await createList(user, { name: "Punchout", shared: false }, now);
    await addProductToList(user, { listId: list.id, newListName: null, sku: paper.sku, quantity: 5, note: null }, now);
    const punchoutUser = inPunchout(user, session);
    await addListToCart(punchoutUser, list.id, null, "nl");
    expect((await listCartLines(session.cartId)).map((l) => [l.product.sku, l.quantity])).toEqual([[paper.sku, 5]]);
    expect((await getPricedCart(user, "nl", now)).lines).toHaveLength(0);

    const inspect = await openPunchoutSession(handle, user, "inspect");
    const readOnly = inPunchout(user, inspect);
    expect((await appError(addListToCart(readOnly, list.id, null, "nl"))).message).toBe("punchout_cart_read_only");
  });

  it("creates a new private list when saving a product to a new list by name", async () => {
    const saved = await addProductToList(colleague, { listId: null, newListName: "Koffiehoek", sku: paper.sku, quantity: null, note: null }, now);
    expect(saved).toMatchObject({ listName: "Koffiehoek", created: true });
    const lists = await listMyFavoriteLists(customer.buyer);
    expect(lists.map((l) => l.id)).not.toContain(saved.listId);
  });
});
