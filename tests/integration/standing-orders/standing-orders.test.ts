// Standing orders: a favorites list ordered on its day, as it stands, at that day's prices, in the name
// of whoever set it up — once per day whatever runs it, skipping what can no longer be ordered, with
// approvals as at checkout, and stopping by itself when it can no longer be placed.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, orderLines, orders, products, standingOrderRuns, standingOrders, users } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { listCompanyStandingOrders } from "@/lib/data/standing-orders";
import { AppError } from "@/lib/errors";
import { addProductToList, createList, listMyFavoriteLists } from "@/lib/favorites/favorites";
import {
  getStandingOrderPanel,
  pauseStandingOrder,
  remindUpcomingStandingOrders,
  removeStandingOrder,
  resumeStandingOrder,
  runDueStandingOrders,
  runStandingOrder,
  saveStandingOrder,
  skipNextStandingOrder,
  standingOrderForOrder,
  standingOrderSchema,
} from "@/lib/standing-orders/standing-orders";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let paper: { id: number; sku: string };
let boxes: { id: number; sku: string };
let retired: { id: number; sku: string };

// Monday 30 November 2026, 07:00 in Amsterdam.
const MONDAY = new Date("2026-11-30T06:00:00Z");
const day = (iso: string) => new Date(`${iso}T06:00:00Z`);

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 500 });
  boxes = await createProduct(handle, category.id, { listPriceMinor: 1200, minOrderQuantity: 10, orderMultiple: 10 });
  retired = await createProduct(handle, category.id, { listPriceMinor: 300 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  // The contract price for paper: 4,20 instead of 5,00.
  await createPriceList(handle, customer.company.id, [{ productId: paper.id, kind: "fixed", priceMinor: 420 }]);
}, 120_000);
afterAll(() => fresh.dispose());

const buyer = () => customer.buyer as unknown as BuyerUser;
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);

async function listWith(owner: BuyerUser, lines: [string, number][], name = `Kantoor ${Math.random().toString(36).slice(2, 7)}`) {
  const list = await createList(owner, { name, shared: false }, MONDAY);
  for (const [sku, quantity] of lines) await addProductToList(owner, { listId: list.id, newListName: null, sku, quantity, note: null }, MONDAY);
  return list;
}

const settings = (listId: number, overrides: Record<string, unknown> = {}) =>
  standingOrderSchema.parse({ listId, intervalWeeks: "2", nextRunOn: "2026-11-30", shipToAddressId: String(customer.shipTo.id), poNumber: "RAAM-2026", costCenter: "FAC-01", ...overrides });

const runsOf = (standingOrderId: number) => handle.db.select().from(standingOrderRuns).where(eq(standingOrderRuns.standingOrderId, standingOrderId));

describe("standing orders", () => {
  it("are set up by whoever may edit the list, for today or later, to one of the company's delivery addresses", async () => {
    const list = await listWith(buyer(), [[paper.sku, 5]]);
    expect((await failure(saveStandingOrder(buyer(), settings(list.id, { nextRunOn: "2026-11-29" }), MONDAY)))?.message).toBe("standing_order_date_past");
    expect((await failure(saveStandingOrder(buyer(), settings(list.id, { shipToAddressId: String(other.shipTo.id) }), MONDAY)))?.message).toBe("unknown_address");
    // A colleague cannot see the private list; another company even less.
    const colleague = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
    expect((await failure(saveStandingOrder(colleague, settings(list.id), MONDAY)))?.code).toBe("not_found");
    expect((await failure(saveStandingOrder(other.buyer as unknown as BuyerUser, settings(list.id), MONDAY)))?.code).toBe("not_found");
    // Not in a punchout session, and not by staff viewing the shop as the buyer.
    expect((await failure(saveStandingOrder({ ...buyer(), punchout: { sessionId: 1 } } as unknown as BuyerUser, settings(list.id), MONDAY)))?.message).toBe("punchout_no_checkout");
    expect((await failure(saveStandingOrder({ ...buyer(), impersonatedBy: { id: 9, sessionId: 1 } } as unknown as BuyerUser, settings(list.id), MONDAY)))?.message).toBe("not_while_viewing_as");
    const saved = await saveStandingOrder(buyer(), settings(list.id), MONDAY);
    expect(saved).toMatchObject({ active: true, intervalWeeks: 2, nextRunOn: "2026-11-30", ownerUserId: customer.user.id, poNumber: "RAAM-2026" });
    const panel = await getStandingOrderPanel(buyer(), { id: list.id, ownerUserId: customer.user.id, shared: false, colleaguesMayEdit: false }, MONDAY);
    expect(panel).toMatchObject({ canManage: true, today: "2026-11-30", standingOrder: { id: saved.id, listName: list.name } });
    // The favorites overview marks the list.
    const overview = await listMyFavoriteLists(buyer());
    expect(overview.find((l) => l.id === list.id)?.standingOrder).toEqual({ active: true, intervalWeeks: 2, nextRunOn: "2026-11-30" });
    await removeStandingOrder(buyer(), list.id);
    expect(await handle.db.select().from(standingOrders).where(eq(standingOrders.id, saved.id))).toEqual([]);
  });

  it("place the list as an order on its day at that day's prices, skip what cannot be ordered, once, and mail the owner", async () => {
    const list = await listWith(buyer(), [
      [paper.sku, 5],
      [boxes.sku, 20],
      [retired.sku, 3],
    ]);
    const saved = await saveStandingOrder(buyer(), settings(list.id), MONDAY);
    // Before its day nothing happens.
    expect(await runStandingOrder(saved.id, day("2026-11-29"))).toEqual({ outcome: "not_due" });
    // Meanwhile one product is withdrawn and the boxes now come in tens of 25.
    await handle.db.update(products).set({ active: false }).where(eq(products.id, retired.id));
    await handle.db.update(products).set({ minOrderQuantity: 25, orderMultiple: 25 }).where(eq(products.id, boxes.id));
    const result = await runStandingOrder(saved.id, MONDAY);
    expect(result).toMatchObject({ outcome: "placed", orderNumber: expect.stringMatching(/^K\d+$/) });
    const [order] = await handle.db.select().from(orders).where(eq(orders.orderNumber, (result as { orderNumber: string }).orderNumber));
    expect(order).toMatchObject({ companyId: customer.company.id, userId: customer.user.id, status: "placed", poNumber: "RAAM-2026", costCenter: "FAC-01", subtotalMinor: 2100 });
    expect(order!.shipTo).toMatchObject({ street: "Stationsplein 1" });
    expect(await handle.db.select({ sku: orderLines.sku, quantity: orderLines.quantity, price: orderLines.unitPriceMinor }).from(orderLines).where(eq(orderLines.orderId, order!.id))).toEqual([
      { sku: paper.sku, quantity: 5, price: 420 },
    ]);
    const [run] = await runsOf(saved.id);
    expect(run).toMatchObject({ runOn: "2026-11-30", outcome: "placed", orderId: order!.id });
    expect(run!.skippedLines).toEqual([
      { sku: boxes.sku, name: expect.any(String), quantity: 20, reason: "quantity_rule" },
      { sku: retired.sku, name: expect.any(String), quantity: 3, reason: "unavailable" },
    ]);
    const [after] = await handle.db.select().from(standingOrders).where(eq(standingOrders.id, saved.id));
    expect(after!.nextRunOn).toBe("2026-12-14");
    // Run again the same day (a second process, a retry): nothing more.
    expect(await runStandingOrder(saved.id, MONDAY)).toEqual({ outcome: "not_due" });
    expect(await runDueStandingOrders(MONDAY)).toBe(0);
    expect(await runsOf(saved.id)).toHaveLength(1);
    // One mail: the order confirmation, carrying what the run left out (no run mail beside it).
    const mails = (await outboxTo(handle, customer.user.email)).filter((m) => m.subject.includes(order!.orderNumber));
    expect(mails.map((m) => m.kind)).toEqual(["order_confirmation"]);
    expect(mails[0]!.subject).toBe(`Orderbevestiging ${order!.orderNumber}: vaste bestelling "${list.name}"`);
    expect(mails[0]!.bodyText).toContain(`Uw vaste bestelling "${list.name}" van 30 nov 2026 is geplaatst`);
    expect(mails[0]!.bodyText).toContain(`Niet besteld:\n- ${boxes.sku}`);
    expect(mails[0]!.bodyText).toContain("Volgende bestelling: 14 dec 2026.");
    // The order says which standing order placed it: with a link for the list's owner, the name alone for a colleague who cannot see the private list.
    expect(await standingOrderForOrder(buyer(), order!.id)).toEqual({ listName: list.name, href: `/favorites/${list.id}` });
    expect(await standingOrderForOrder({ id: -1 }, order!.id)).toEqual({ listName: list.name, href: null });
    // The account manager's customer page lists it with its latest run.
    const forStaff = (await listCompanyStandingOrders(customer.company.id)).find((so) => so.id === saved.id);
    expect(forStaff).toMatchObject({ listName: list.name, nextRunOn: "2026-12-14", lastRun: { runOn: "2026-11-30", outcome: "placed", orderNumber: order!.orderNumber } });
    expect(await listCompanyStandingOrders(other.company.id)).toEqual([]);
    await handle.db.update(products).set({ active: true }).where(eq(products.id, retired.id));
    await handle.db.update(products).set({ minOrderQuantity: 10, orderMultiple: 10 }).where(eq(products.id, boxes.id));
    await removeStandingOrder(buyer(), list.id);
  });

  it("after missed days place one order and continue on the same weekday; the scheduler picks up what is due", async () => {
    const list = await listWith(buyer(), [[paper.sku, 2]]);
    const saved = await saveStandingOrder(buyer(), settings(list.id, { intervalWeeks: "1" }), MONDAY);
    // The shop was down for two weeks and a day.
    expect(await runDueStandingOrders(day("2026-12-15"))).toBe(1);
    expect(await runsOf(saved.id)).toHaveLength(1);
    const [after] = await handle.db.select().from(standingOrders).where(eq(standingOrders.id, saved.id));
    expect(after!.nextRunOn).toBe("2026-12-21");
    await removeStandingOrder(buyer(), list.id);
  });

  it("remind the owner two days ahead, once per run, with what it will order and roughly for how much", async () => {
    const list = await listWith(buyer(), [[paper.sku, 5]], "Herinnering");
    const saved = await saveStandingOrder(buyer(), settings(list.id, { nextRunOn: "2026-12-03" }), MONDAY);
    const reminders = async () => (await outboxTo(handle, customer.user.email)).filter((m) => m.kind === "standing_order_reminder" && m.subject.includes("Herinnering"));
    // Three days ahead: not yet.
    expect(await remindUpcomingStandingOrders(MONDAY)).toBe(0);
    // Two days ahead (and again the day before, or from a second process): one mail.
    expect(await remindUpcomingStandingOrders(day("2026-12-01"))).toBe(1);
    expect(await remindUpcomingStandingOrders(day("2026-12-02"))).toBe(0);
    const [mail] = await reminders();
    expect(mail!.subject).toBe('Vaste bestelling "Herinnering" wordt op 3 dec 2026 geplaatst');
    expect(mail!.bodyText).toMatch(/1 regel, ongeveer €\s21,00 excl\. btw/);
    // After the run, the next run gets its own reminder.
    await runStandingOrder(saved.id, day("2026-12-03"));
    expect(await remindUpcomingStandingOrders(day("2026-12-15"))).toBe(1);
    expect(await reminders()).toHaveLength(2);
    await removeStandingOrder(buyer(), list.id);
  });

  it("two processes running the same day at once place one order", async () => {
    const list = await listWith(buyer(), [[paper.sku, 1]]);
    const saved = await saveStandingOrder(buyer(), settings(list.id), MONDAY);
    const before = (await handle.db.select().from(orders)).length;
    const results = await Promise.allSettled([runStandingOrder(saved.id, MONDAY), runStandingOrder(saved.id, MONDAY)]);
    expect((await handle.db.select().from(orders)).length).toBe(before + 1);
    expect(await runsOf(saved.id)).toHaveLength(1);
    // The loser either found it no longer due or lost the transaction's guard (rolled back whole).
    const fulfilled = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.outcome] : []));
    expect(fulfilled).toContain("placed");
    await removeStandingOrder(buyer(), list.id);
  });

  it("above the owner's order limit the order waits for approval, like at checkout", async () => {
    const limited = (await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 1000 })) as unknown as BuyerUser;
    await addCompanyUser(handle, customer, "approver");
    const list = await listWith(limited, [[paper.sku, 10]]);
    const saved = await saveStandingOrder(limited, settings(list.id), MONDAY);
    const result = await runStandingOrder(saved.id, MONDAY);
    expect(result.outcome).toBe("awaiting_approval");
    const [order] = await handle.db.select().from(orders).where(eq(orders.orderNumber, (result as { orderNumber: string }).orderNumber));
    expect(order).toMatchObject({ status: "awaiting_approval", subtotalMinor: 4200 });
    await removeStandingOrder(limited, list.id);
  });

  it("pause, resume (without catching up) and skip move only what they say", async () => {
    const list = await listWith(buyer(), [[paper.sku, 1]]);
    const saved = await saveStandingOrder(buyer(), settings(list.id, { intervalWeeks: "1", nextRunOn: "2026-12-07" }), MONDAY);
    await skipNextStandingOrder(buyer(), list.id, MONDAY);
    const read = async () => (await handle.db.select().from(standingOrders).where(eq(standingOrders.id, saved.id)))[0]!;
    expect((await read()).nextRunOn).toBe("2026-12-14");
    await pauseStandingOrder(buyer(), list.id, MONDAY);
    expect((await failure(skipNextStandingOrder(buyer(), list.id, MONDAY)))?.message).toBe("standing_order_paused");
    expect(await runDueStandingOrders(day("2026-12-14"))).toBe(0);
    // Resumed weeks later: the next day of the series after today, not an order for every missed week.
    await resumeStandingOrder(buyer(), list.id, day("2026-12-30"));
    expect(await read()).toMatchObject({ active: true, nextRunOn: "2027-01-04" });
    expect(await runsOf(saved.id)).toEqual([]);
    await removeStandingOrder(buyer(), list.id);
  });

  it("a list with nothing orderable places nothing and says so; a removed address or an inactive owner stops it", async () => {
    const list = await listWith(buyer(), [[retired.sku, 1]]);
    await handle.db.update(products).set({ active: false }).where(eq(products.id, retired.id));
    const saved = await saveStandingOrder(buyer(), settings(list.id), MONDAY);
    const before = (await handle.db.select().from(orders)).length;
    expect(await runStandingOrder(saved.id, MONDAY)).toEqual({ outcome: "nothing_orderable", orderNumber: null });
    expect((await handle.db.select().from(orders)).length).toBe(before);
    expect((await runsOf(saved.id))[0]).toMatchObject({ outcome: "nothing_orderable", skippedLines: [{ sku: retired.sku, reason: "unavailable" }] });
    await handle.db.update(products).set({ active: true }).where(eq(products.id, retired.id));

    // Its delivery address is deleted: the next run stops it (set up again to continue).
    const [spare] = await handle.db
      .insert(addresses)
      .values({ companyId: customer.company.id, kind: "ship_to", label: "Tijdelijk", name: "Loods", street: "Kade 1", postalCode: "1000 AB", city: "Amsterdam" })
      .returning();
    await saveStandingOrder(buyer(), settings(list.id, { shipToAddressId: String(spare!.id), nextRunOn: "2026-11-30" }), day("2026-11-30"));
    await handle.db.delete(addresses).where(eq(addresses.id, spare!.id));
    await handle.db.update(standingOrders).set({ nextRunOn: "2026-12-14" }).where(eq(standingOrders.id, saved.id));
    expect(await runStandingOrder(saved.id, day("2026-12-14"))).toEqual({ outcome: "paused", orderNumber: null });
    expect((await handle.db.select().from(standingOrders).where(eq(standingOrders.id, saved.id)))[0]).toMatchObject({ active: false, pausedReason: "no_ship_to" });

    // Its owner is deactivated: no order in their name.
    const leaver = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
    const theirs = await listWith(leaver, [[paper.sku, 1]]);
    const standing = await saveStandingOrder(leaver, settings(theirs.id), MONDAY);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, leaver.id));
    const count = (await handle.db.select().from(orders)).length;
    expect(await runStandingOrder(standing.id, MONDAY)).toEqual({ outcome: "paused", orderNumber: null });
    expect((await handle.db.select().from(orders)).length).toBe(count);
    expect((await handle.db.select().from(standingOrders).where(eq(standingOrders.id, standing.id)))[0]).toMatchObject({ active: false, pausedReason: "owner_inactive" });
  });
});
