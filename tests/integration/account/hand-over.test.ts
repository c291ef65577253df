// When someone leaves: the company admin hands a deactivated user's favorites lists and standing
// orders over to an active colleague, who is mailed; a standing order moves only where the colleague
// may edit its list, and one that stopped because its owner left stays paused for them to resume.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { favoriteLists, standingOrders, users } from "@/db/schema";
import { handOverFromUser, ownedByUsers } from "@/lib/account/hand-over";
import type { BuyerUser } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { addProductToList, createList, getFavoriteListView } from "@/lib/favorites/favorites";
import { runStandingOrder, saveStandingOrder } from "@/lib/standing-orders/standing-orders";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let leaver: BuyerUser;
let successor: BuyerUser;
let admin: BuyerUser;
let chair: { id: number; sku: string };

const NOW = new Date("2026-11-30T09:00:00Z");
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);
const ownerOf = async (listId: number) => (await handle.db.select({ owner: favoriteLists.ownerUserId }).from(favoriteLists).where(eq(favoriteLists.id, listId)))[0]!.owner;
const standingOrderRow = async (id: number) => (await handle.db.select().from(standingOrders).where(eq(standingOrders.id, id)))[0]!;

async function listWithStandingOrder(user: BuyerUser, name: string, shared: boolean) {
  const list = await createList(user, { name, shared }, NOW);
  await addProductToList(user, { listId: list.id, newListName: null, sku: chair.sku, quantity: 1, note: null }, NOW);
  const standingOrder = await saveStandingOrder(
    user,
    { listId: list.id, intervalWeeks: 4, nextRunOn: "2026-11-30", shipToAddressId: customer.shipTo.id, poNumber: null, costCenter: null, note: null },
    NOW,
  );
  return { list, standingOrder };
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 1_000 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  leaver = (await addCompanyUser(handle, customer, "buyer", { locale: "en" })) as unknown as BuyerUser;
  successor = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
  admin = (await addCompanyUser(handle, customer, "company_admin")) as unknown as BuyerUser;
}, 120_000);
afterAll(() => fresh.dispose());

describe("handing over a leaver's lists and standing orders", () => {
  it("moves their lists (private ones stay private) and the standing orders the colleague may keep; mails the colleague", async () => {
    const own = await listWithStandingOrder(leaver, "Koffie", false);
    const shared = await createList(leaver, { name: "Team", shared: true }, NOW);
    // A standing order of the leaver on the company admin's shared list, which a plain buyer may not edit.
    const adminsList = await createList(admin, { name: "Beheer", shared: true }, NOW);
    await addProductToList(admin, { listId: adminsList.id, newListName: null, sku: chair.sku, quantity: 1, note: null }, NOW);
    await handle.db.update(users).set({ role: "company_admin" }).where(eq(users.id, leaver.id));
    const onAdminsList = await saveStandingOrder(
      { ...leaver, role: "company_admin" },
      { listId: adminsList.id, intervalWeeks: 2, nextRunOn: "2026-12-01", shipToAddressId: customer.shipTo.id, poNumber: null, costCenter: null, note: null },
      NOW,
    );
    await handle.db.update(users).set({ role: "buyer" }).where(eq(users.id, leaver.id));

    // Active: refused. Deactivated, the first run stops the standing order (owner left).
    expect((await failure(handOverFromUser(admin, leaver.id, successor.id, NOW)))?.message).toBe("hand_over_from_active");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, leaver.id));
    expect(await runStandingOrder(own.standingOrder.id, NOW)).toEqual({ outcome: "paused", orderNumber: null });
    expect(await standingOrderRow(own.standingOrder.id)).toMatchObject({ active: false, pausedReason: "owner_inactive" });
    expect((await ownedByUsers(admin)).get(leaver.id)).toEqual({ lists: 2, standingOrders: 2 });

    expect(await handOverFromUser(admin, leaver.id, successor.id, NOW)).toEqual({ lists: 2, standingOrders: 1 });
    expect([await ownerOf(own.list.id), await ownerOf(shared.id), await ownerOf(adminsList.id)]).toEqual([successor.id, successor.id, admin.id]);
    // Private stays private: now the successor's own list, not visible to others.
    expect((await getFavoriteListView(successor, own.list.id, "nl", NOW))?.list).toMatchObject({ shared: false, ownerUserId: successor.id });
    expect(await getFavoriteListView(admin, own.list.id, "nl", NOW)).toBeNull();
    // Stopped because its owner left: still paused, now as paused by a person (the successor resumes it).
    expect(await standingOrderRow(own.standingOrder.id)).toMatchObject({ ownerUserId: successor.id, active: false, pausedReason: null });
    // On a list the successor may not edit: stays with the leaver.
    expect((await standingOrderRow(onAdminsList.id)).ownerUserId).toBe(leaver.id);
    expect((await ownedByUsers(admin)).get(leaver.id)).toEqual({ lists: 0, standingOrders: 1 });

    const [mail] = (await outboxTo(handle, successor.email)).filter((m) => m.kind === "hand_over");
    expect(mail).toMatchObject({ userId: successor.id });
    expect(mail!.bodyText).toContain(`heeft 2 bestellijsten en 1 vaste bestelling van ${leaver.name} aan u overgedragen`);
    expect(mail!.bodyText).toContain("1 daarvan staat gepauzeerd tot u ze hervat.");
  });

  it("only the company admin, only within the company, only to an active colleague; nothing moves otherwise", async () => {
    const list = await createList(leaver, { name: "Nog een", shared: false }, NOW);
    expect((await failure(handOverFromUser(successor, leaver.id, successor.id, NOW)))?.message).toBe("company_admin_only");
    expect((await failure(handOverFromUser({ ...admin, impersonatedBy: { id: 1, name: "AM", sessionId: 1, expiresAt: NOW } }, leaver.id, successor.id, NOW)))?.message).toBe("not_while_viewing_as");
    expect((await failure(handOverFromUser(admin, leaver.id, other.user.id, NOW)))?.message).toBe("hand_over_to_invalid");
    expect((await failure(handOverFromUser(admin, leaver.id, leaver.id, NOW)))?.message).toBe("hand_over_to_invalid");
    expect((await failure(handOverFromUser(admin, other.user.id, successor.id, NOW)))?.code).toBe("not_found");
    const inactive = await addCompanyUser(handle, customer, "buyer");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, inactive.id));
    expect((await failure(handOverFromUser(admin, leaver.id, inactive.id, NOW)))?.message).toBe("hand_over_to_invalid");
    expect(await ownerOf(list.id)).toBe(leaver.id);
  });
});
