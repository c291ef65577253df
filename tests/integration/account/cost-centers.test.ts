// Cost centres and their budgets: kept by the company admin, chosen at checkout (and on standing
// orders); an order beyond what is left of its budget for the period waits for approval, decided in
// the order's transaction so two orders at once cannot both fit in the last of it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orders } from "@/db/schema";
import {
  budgetOfOrder,
  costCenterChoice,
  costCenterOverview,
  resolveOrderCostCenter,
  saveCostCenter,
  setCostCenterRequired,
  setUserDefaultCostCenter,
} from "@/lib/account/cost-centers";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { costCenterPolicy } from "@/lib/data/cost-centers";
import { createOrder } from "@/lib/data/orders";
import { searchOrders } from "@/lib/data/order-history";
import { AppError } from "@/lib/errors";
import { approvalReasons } from "@/lib/orders/approval-rule";
import { decideOrder, listAwaitingApproval } from "@/lib/orders/approvals";
import { addProductToList, createList } from "@/lib/favorites/favorites";
import { runStandingOrder, saveStandingOrder } from "@/lib/standing-orders/standing-orders";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/** Every waiting order on one page (these tests place a few). */
const ALL = { limit: 100, offset: 0 };

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let buyer: BuyerUser;
let approver: BuyerUser;
let admin: BuyerUser;
let chair: { id: number; sku: string };

// Saturday 28 November 2026, 11:00 in Amsterdam: month November, quarter Q4.
const NOW = new Date("2026-11-28T10:00:00Z");
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);

/** `quantity` chairs (€ 100.00 each, excl. VAT) through the checkout. */
async function order(user: BuyerUser, quantity: number, costCenter: string | null, now = NOW) {
  await addToCart(user, chair.sku, quantity);
  return placeOrder(user, { shipToAddressId: customer.shipTo.id, poNumber: null, costCenter, requestedDeliveryDate: null, note: null }, "nl", now);
}

async function emptyCart(user: BuyerUser) {
  const { getPricedCart, updateCartLineQuantity } = await import("@/lib/cart/cart-service");
  for (const line of (await getPricedCart(user, "nl", NOW)).lines) await updateCartLineQuantity(user, line.lineId, 0);
}

const costCenter = (code: string, budgetMinor: number | null, budgetPeriod: "month" | "quarter" | "year" = "month", active = true) => ({
  code,
  name: `Afdeling ${code}`,
  budgetMinor,
  budgetPeriod,
  active,
});

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 100_000 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  buyer = (await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 500_000 })) as unknown as BuyerUser;
  approver = (await addCompanyUser(handle, customer, "approver")) as unknown as BuyerUser;
  admin = (await addCompanyUser(handle, customer, "company_admin")) as unknown as BuyerUser;
}, 120_000);
afterAll(() => fresh.dispose());

describe("keeping cost centres", () => {
  it("without cost centres the checkout's field stays free text, as before", async () => {
    expect(await costCenterChoice(buyer, NOW)).toEqual({ mode: "free", required: false, options: [], defaultCode: null });
    const placed = await order(buyer, 1, "Vrije tekst 12");
    const [row] = await handle.db.select().from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect([row!.costCenter, row!.costCenterId, row!.approvalReasons]).toEqual(["Vrije tekst 12", null, []]);
  });

  it("only the company admin keeps them; approvers see them; plain buyers and staff viewing as the customer do not", async () => {
    expect((await failure(saveCostCenter(approver, null, costCenter("9999", null), NOW)))?.message).toBe("company_admin_only");
    expect((await failure(saveCostCenter(buyer, null, costCenter("9999", null), NOW)))?.message).toBe("company_admin_only");
    const viewingAs = { ...admin, impersonatedBy: { id: 1, sessionId: 1 } } as unknown as BuyerUser;
    expect((await failure(saveCostCenter(viewingAs, null, costCenter("9999", null), NOW)))?.message).toBe("not_while_viewing_as");
    expect((await failure(costCenterOverview(buyer, NOW)))?.code).toBe("forbidden");
    expect((await costCenterOverview(approver, NOW)).costCenters).toEqual([]);
  });

  it("codes are unique per company whatever their case, and another company's cost centre is not found", async () => {
    await saveCostCenter(admin, null, costCenter("ICT-1", 100_000), NOW);
    expect(await failure(saveCostCenter(admin, null, costCenter("ict-1", null), NOW))).toMatchObject({ code: "conflict", message: "cost_center_code_taken" });
    // The same code in another company is theirs.
    const otherAdmin = (await addCompanyUser(handle, other, "company_admin")) as unknown as BuyerUser;
    const theirs = await saveCostCenter(otherAdmin, null, costCenter("ICT-1", null), NOW);
    expect((await failure(saveCostCenter(admin, theirs.id, costCenter("X", null), NOW)))?.message).toBe("cost_center_not_found");
    expect((await failure(saveCostCenter(admin, null, { ...costCenter("", null) }, NOW)))).toBeTruthy();
    expect((await failure(saveCostCenter(admin, null, costCenter("Y", 0), NOW)))).toBeTruthy();
  });
});

describe("choosing one at checkout", () => {
  let ict: { id: number };
  beforeAll(async () => {
    // "ICT-1" exists from the tests above, with € 1,000.00 per month.
    ict = (await costCenterOverview(admin, NOW)).costCenters.find((c) => c.code === "ICT-1")!;
    await saveCostCenter(admin, null, costCenter("FAC", 500_000, "quarter"), NOW);
    await saveCostCenter(admin, null, costCenter("OLD", null, "month", false), NOW);
  });

  it("counts the company's active ones (and only its own)", async () => {
    expect(await costCenterPolicy(customer.company.id)).toEqual({ required: false, activeCount: 2 });
    expect(await costCenterPolicy(other.company.id)).toEqual({ required: false, activeCount: 1 });
  });

  it("offers the active ones with what is left, and takes the code whatever its case", async () => {
    const choice = await costCenterChoice(buyer, NOW);
    expect(choice.mode).toBe("list");
    expect(choice.options.map((c) => [c.code, c.committedMinor, c.bounds])).toEqual([
      ["FAC", 0, { from: "2026-10-01", to: "2027-01-01" }],
      ["ICT-1", 0, { from: "2026-11-01", to: "2026-12-01" }],
    ]);
    expect(await resolveOrderCostCenter(buyer, "ict-1")).toEqual({ costCenter: "ICT-1", costCenterId: ict.id });
  });

  it("refuses a code that is not one of them (or an inactive one) and writes nothing; none is fine unless required", async () => {
    const before = await handle.db.select().from(orders);
    expect(await failure(order(buyer, 1, "Vrije tekst 12"))).toMatchObject({ code: "invalid_input", message: "unknown_cost_center", details: { field: "costCenter" } });
    expect((await failure(order(buyer, 1, "OLD")))?.message).toBe("unknown_cost_center");
    expect(await handle.db.select().from(orders)).toHaveLength(before.length);
    await emptyCart(buyer);
    expect((await order(buyer, 1, null)).status).toBe("placed");
    await setCostCenterRequired(admin, true);
    expect((await failure(order(buyer, 1, null)))?.message).toBe("cost_center_required");
    await emptyCart(buyer);
    await setCostCenterRequired(admin, false);
  });
});

describe("who may use a cost centre", () => {
  it("one limited to some users is offered to them (and the company admins) only, and refused to others", async () => {
    const colleague = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
    const { id } = await saveCostCenter(admin, null, { ...costCenter("LAB", null), userIds: [colleague.id] }, NOW);
    const codes = async (user: BuyerUser) => (await costCenterChoice(user, NOW)).options.map((c) => c.code);
    expect(await codes(colleague)).toContain("LAB");
    expect(await codes(admin)).toContain("LAB");
    expect(await codes(buyer)).not.toContain("LAB");
    expect(await failure(resolveOrderCostCenter(buyer, "LAB"))).toMatchObject({ message: "unknown_cost_center" });
    expect(await resolveOrderCostCenter(colleague, "lab")).toEqual({ costCenter: "LAB", costCenterId: id });
    // Another company's user cannot be named (all or nothing: the cost centre keeps its users).
    expect(await failure(saveCostCenter(admin, id, { ...costCenter("LAB", null), userIds: [colleague.id, other.user.id] }, NOW))).toMatchObject({ message: "unknown_user" });
    expect((await costCenterOverview(admin, NOW)).costCenters.find((c) => c.id === id)!.userIds).toEqual([colleague.id]);
    // Open to everybody again.
    await saveCostCenter(admin, id, { ...costCenter("LAB", null), userIds: [] }, NOW);
    expect(await codes(buyer)).toContain("LAB");
    await saveCostCenter(admin, id, { ...costCenter("LAB", null), userIds: [colleague.id] }, NOW);
  });

  it("a user's default is chosen beforehand; only an active one they may use can be their default", async () => {
    const overview = (await costCenterOverview(admin, NOW)).costCenters;
    const fac = overview.find((c) => c.code === "FAC")!;
    const lab = overview.find((c) => c.code === "LAB")!;
    const old = overview.find((c) => c.code === "OLD")!;
    await setUserDefaultCostCenter(admin, buyer.id, fac.id, NOW);
    expect((await costCenterChoice(buyer, NOW)).defaultCode).toBe("FAC");
    expect(await failure(setUserDefaultCostCenter(admin, buyer.id, lab.id, NOW))).toMatchObject({ message: "cost_center_not_for_user" });
    expect((await failure(setUserDefaultCostCenter(admin, buyer.id, old.id, NOW)))?.message).toBe("cost_center_not_found");
    expect((await failure(setUserDefaultCostCenter(admin, other.user.id, fac.id, NOW)))?.message).toBe("user_not_found");
    expect((await failure(setUserDefaultCostCenter(approver, buyer.id, fac.id, NOW)))?.message).toBe("company_admin_only");
    // Switched off later: no longer chosen beforehand.
    await saveCostCenter(admin, fac.id, { ...costCenter("FAC", 500_000, "quarter"), active: false }, NOW);
    expect((await costCenterChoice(buyer, NOW)).defaultCode).toBeNull();
    await saveCostCenter(admin, fac.id, { ...costCenter("FAC", 500_000, "quarter"), active: true }, NOW);
    await setUserDefaultCostCenter(admin, buyer.id, null, NOW);
    expect((await costCenterChoice(buyer, NOW)).defaultCode).toBeNull();
  });
});

describe("budgets", () => {
  it("an order within what is left is placed; one beyond it waits for approval, and the approvers are told why", async () => {
    // ICT-1: € 1,000.00 in November.
    const first = await order(buyer, 6, "ICT-1");
    expect([first.status, first.approvalReasons]).toEqual(["placed", []]);
    const second = await order(buyer, 5, "ICT-1");
    expect([second.status, second.approvalReasons]).toEqual(["awaiting_approval", ["budget"]]);
    const [mail] = (await outboxTo(handle, approver.email)).filter((m) => m.subject.includes(second.orderNumber));
    expect(mail!.bodyText).toMatch(/Kostenplaats ICT-1: van het budget van €\s1\.000,00 voor november 2026 is nog €\s400,00 over; deze bestelling van €\s500,00 excl\. btw gaat erboven\./);
    expect(mail!.bodyText).not.toContain("bestellimiet");
    // The approver sees the budget with the waiting order counted; the list names the reason.
    const [row] = await handle.db.select().from(orders).where(eq(orders.orderNumber, second.orderNumber));
    expect(await budgetOfOrder(row!)).toMatchObject({ code: "ICT-1", budgetMinor: 100_000, committedMinor: 110_000 });
    expect((await listAwaitingApproval(approver, ALL)).items.find((o) => o.orderNumber === second.orderNumber)).toMatchObject({ approvalReasons: ["budget"], costCenter: "ICT-1" });
  });

  it("orders awaiting approval count against the budget; a rejected one frees it", async () => {
    // Committed now: 600 placed + 500 waiting = 1,100 of 1,000.
    expect((await order(buyer, 1, "ICT-1")).status).toBe("awaiting_approval");
    const waiting = (await listAwaitingApproval(approver, ALL)).items.filter((o) => o.costCenter === "ICT-1");
    for (const o of waiting) await decideOrder(approver, { orderNumber: o.orderNumber, decision: "reject", comment: "Niet dit kwartaal" }, NOW);
    // 600 placed: 400 left, exactly.
    expect((await order(buyer, 4, "ICT-1")).status).toBe("placed");
    expect((await order(buyer, 1, "ICT-1")).status).toBe("awaiting_approval");
  });

  it("an approver's own order beyond the budget waits for another approver, with both reasons when both apply", async () => {
    const own = await order(approver, 2, "ICT-1");
    expect([own.status, own.approvalReasons]).toEqual(["awaiting_approval", ["budget"]]);
    expect((await failure(decideOrder(approver, { orderNumber: own.orderNumber, decision: "approve", comment: null }, NOW)))?.message).toBe("own_order");
    await decideOrder(admin, { orderNumber: own.orderNumber, decision: "approve", comment: null }, NOW);
    const limited = (await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 10_000 })) as unknown as BuyerUser;
    expect((await order(limited, 2, "ICT-1")).approvalReasons).toEqual(["order_limit", "budget"]);
  });

  it("periods are calendar periods in the Netherlands: last month's orders do not count, the first hour of the month does", async () => {
    await saveCostCenter(admin, null, costCenter("MND", 100_000), NOW);
    // 31 October 23:59 in Amsterdam (CET): October.
    expect((await order(buyer, 10, "MND", new Date("2026-10-31T22:59:00Z"))).status).toBe("placed");
    // 1 November 00:30 in Amsterdam: November, the whole budget.
    expect((await order(buyer, 10, "MND", new Date("2026-10-31T23:30:00Z"))).status).toBe("placed");
    expect((await order(buyer, 1, "MND")).status).toBe("awaiting_approval");
    // The quarter's budget counts October and November alike.
    await saveCostCenter(admin, null, costCenter("KW", 150_000, "quarter"), NOW);
    expect((await order(buyer, 10, "KW", new Date("2026-10-05T10:00:00Z"))).status).toBe("placed");
    expect((await order(buyer, 6, "KW")).status).toBe("awaiting_approval");
    expect((await order(buyer, 6, "KW", new Date("2027-01-04T10:00:00Z"))).status).toBe("placed");
  });

  it("a budget changed later applies to the next order; the cost centre's orders are found by its code", async () => {
    const [mnd] = (await costCenterOverview(admin, NOW)).costCenters.filter((c) => c.code === "MND");
    await saveCostCenter(admin, mnd!.id, { ...costCenter("MND", 1_000_000), name: "Maand" }, NOW);
    expect((await order(buyer, 1, "MND")).status).toBe("placed");
    const found = await searchOrders({ companyId: customer.company.id, text: "mnd", limit: 50, offset: 0 });
    expect(found.items.length).toBeGreaterThanOrEqual(4);
    expect(found.items.every((o) => o.costCenter === "MND")).toBe(true);
    // The cost centre filter (the cost centres page links to it with the budget period): exactly that code, in that period.
    const november = await searchOrders({ companyId: customer.company.id, costCenter: "mnd", from: "2026-11-01", to: "2026-11-30", limit: 50, offset: 0 });
    expect(november.items.length).toBe(found.items.length - 1);
    expect(new Set(november.items.map((o) => o.costCenter))).toEqual(new Set(["MND"]));
  });

  it("two orders at once that each fit but not together: one is placed, the other waits", async () => {
    const { id } = await saveCostCenter(admin, null, costCenter("RACE", 100_000), NOW);
    const attempt = () =>
      createOrder({
        approval: { at: NOW, reasons: (budget) => approvalReasons({ orderLimitMinor: null, subtotalMinor: 60_000, budget }) },
        order: {
          companyId: customer.company.id,
          userId: buyer.id,
          costCenter: "RACE",
          costCenterId: id,
          shipTo: { name: "x", attention: null, street: "s", postalCode: "1", city: "c", countryCode: "NL" },
          subtotalMinor: 60_000,
          vatMinor: 12_600,
          totalMinor: 72_600,
          vatBreakdown: [],
        },
        lines: [{ lineNumber: 1, productId: chair.id, sku: chair.sku, name: "Stoel", unit: "EA", quantity: 6, unitPriceMinor: 10_000, listPriceMinor: 10_000, lineTotalMinor: 60_000, vatRateBasisPoints: 2100, priceSource: { kind: "list" } }],
      });
    // Open pool connections first, so both transactions really run side by side (a new connection
    // would take long enough for the first to finish alone).
    await Promise.all([1, 2, 3].map(() => handle.db.select({ id: orders.id }).from(orders).limit(1)));
    const results = await Promise.all([attempt(), attempt()]);
    expect(results.map((r) => r.status).sort()).toEqual(["awaiting_approval", "placed"]);
  });
});

describe("standing orders follow the checkout's rules", () => {
  it("stores the cost centre's own code, refuses an unknown one, and stops when its cost centre was switched off", async () => {
    const list = await createList(buyer, { name: "Koffie", shared: false }, NOW);
    await addProductToList(buyer, { listId: list.id, newListName: null, sku: chair.sku, quantity: 1, note: null }, NOW);
    const input = { listId: list.id, intervalWeeks: 4, nextRunOn: "2026-11-28", shipToAddressId: customer.shipTo.id, poNumber: null, note: null };
    expect(await failure(saveStandingOrder(buyer, { ...input, costCenter: "NOPE" }, NOW))).toMatchObject({ message: "unknown_cost_center", details: { fieldErrors: { costCenter: ["unknown_cost_center"] } } });
    const saved = await saveStandingOrder(buyer, { ...input, costCenter: "fac" }, NOW);
    expect(saved.costCenter).toBe("FAC");
    const [fac] = (await costCenterOverview(admin, NOW)).costCenters.filter((c) => c.code === "FAC");
    await saveCostCenter(admin, fac!.id, { ...costCenter("FAC", 500_000, "quarter"), active: false }, NOW);
    expect(await runStandingOrder(saved.id, NOW)).toEqual({ outcome: "paused", orderNumber: null });
    const mails = (await outboxTo(handle, buyer.email)).filter((m) => m.kind === "standing_order_run");
    expect(mails.at(-1)!.bodyText).toContain("de kostenplaats bestaat niet meer");
  });
});
