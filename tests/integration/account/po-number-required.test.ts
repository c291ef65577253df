// "PO number required on every order" (companies.po_number_required): set by the customer's company
// admin (My account → Users) or by staff who may edit the customer; the checkout and standing orders
// refuse an order without one, a standing order set up before the rule stops at its run and says so.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, orders, standingOrderRuns, standingOrders } from "@/db/schema";
import type { BuyerUser, StaffUser } from "@/lib/auth/guards";
import type { AppError } from "@/lib/errors";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

// The signed-in user the actions resolve (in the action itself, as in the app).
const session = vi.hoisted(() => ({ buyer: null as unknown, staff: null as unknown }));
vi.mock("@/lib/auth/guards", () => ({
  getCurrentUser: async () => session.buyer ?? session.staff,
  getStaffUser: async () => session.staff,
  isBuyer: (user: { role: string; companyId: number | null } | null) => !!user && ["buyer", "approver", "company_admin"].includes(user.role) && user.companyId !== null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { setPoNumberRequiredAction: companyAdminAction } = await import("@/app/(shop)/account/users/po-number-actions");
const { setPoNumberRequiredAction: staffAction } = await import("@/app/admin/customers/actions");
const { getAccountOverview } = await import("@/lib/account/overview");
const { addToCart, getPricedCart } = await import("@/lib/cart/cart-service");
const { checkoutSchema, placeOrder } = await import("@/lib/checkout/place-order");
const { addProductToList, createList } = await import("@/lib/favorites/favorites");
const { getStandingOrderPanel, runStandingOrder, saveStandingOrder } = await import("@/lib/standing-orders/standing-orders");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let buyer: BuyerUser;
let approver: BuyerUser;
let companyAdmin: BuyerUser;
let manager: StaffUser;
let otherManager: StaffUser;
let admin: StaffUser;
let chair: { id: number; sku: string };

// Tuesday 1 December 2026, 11:00 in Amsterdam.
const NOW = new Date("2026-12-01T10:00:00Z");
const TOMORROW = new Date("2026-12-02T10:00:00Z");
const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

async function asBuyer<T>(user: BuyerUser, work: () => Promise<T>): Promise<T> {
  session.buyer = user;
  session.staff = null;
  try {
    return await work();
  } finally {
    session.buyer = null;
  }
}

async function asStaff<T>(user: StaffUser, work: () => Promise<T>): Promise<T> {
  session.buyer = null;
  session.staff = user;
  try {
    return await work();
  } finally {
    session.staff = null;
  }
}

const required = async (companyId: number) =>
  (await handle.db.select({ required: companies.poNumberRequired }).from(companies).where(eq(companies.id, companyId)))[0]!.required;

/** Sets the rule directly (the tests of who may set it are below). */
const setRule = (companyId: number, on: boolean) => handle.db.update(companies).set({ poNumberRequired: on }).where(eq(companies.id, companyId));

const ordersOf = async (companyId: number) => handle.db.select().from(orders).where(eq(orders.companyId, companyId));

/** One chair in the cart, then the checkout with this PO number (as the form posts it). */
async function checkout(user: BuyerUser, poNumber: string | undefined) {
  if ((await getPricedCart(user, "nl", NOW)).lines.length === 0) await addToCart(user, chair.sku, 1);
  const input = checkoutSchema.parse({ shipToAddressId: String(customer.shipTo.id), ...(poNumber === undefined ? {} : { poNumber }) });
  return placeOrder(user, input, "nl", NOW);
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 100_000 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  buyer = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
  approver = (await addCompanyUser(handle, customer, "approver")) as unknown as BuyerUser;
  companyAdmin = (await addCompanyUser(handle, customer, "company_admin")) as unknown as BuyerUser;
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager", [other.company.id]);
  admin = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => fresh.dispose());

describe("who sets it", () => {
  it("is off for a new customer", async () => {
    expect(await required(customer.company.id)).toBe(false);
  });

  it("the company admin turns it on and off from My account; the form's answer says which", async () => {
    expect(await asBuyer(companyAdmin, () => companyAdminAction({ status: "idle" }, form({ required: "on" })))).toEqual({ status: "ok", message: "po_number_required_on" });
    expect(await required(customer.company.id)).toBe(true);
    // An unticked box is absent from the form: off.
    expect(await asBuyer(companyAdmin, () => companyAdminAction({ status: "idle" }, form({})))).toEqual({ status: "ok", message: "po_number_required_off" });
    expect(await required(customer.company.id)).toBe(false);
  });

  it("a plain buyer or an approver posting the form is refused by the action, and nothing changes", async () => {
    for (const user of [buyer, approver]) {
      expect(await asBuyer(user, () => companyAdminAction({ status: "idle" }, form({ required: "on" })))).toMatchObject({ status: "error", code: "forbidden", message: "company_admin_only" });
    }
    // Staff viewing the shop as the company admin keep their hands off the customer's own rules.
    const viewingAs = { ...companyAdmin, impersonatedBy: { id: manager.id, name: manager.name, sessionId: 1 } } as unknown as BuyerUser;
    expect(await asBuyer(viewingAs, () => companyAdminAction({ status: "idle" }, form({ required: "on" })))).toMatchObject({ status: "error", code: "forbidden", message: "not_while_viewing_as" });
    // Not signed in as a buyer at all (staff calling the shop's action).
    expect(await asStaff(manager, () => companyAdminAction({ status: "idle" }, form({ required: "on" })))).toMatchObject({ status: "error", code: "unauthenticated" });
    expect(await required(customer.company.id)).toBe(false);
  });

  it("the customer's account manager and an admin set it on the customer page; another manager's customer is not found", async () => {
    expect(await asStaff(manager, () => staffAction({ status: "idle" }, form({ companyId: String(customer.company.id), required: "on" })))).toMatchObject({ status: "ok" });
    expect(await required(customer.company.id)).toBe(true);
    expect(await asStaff(admin, () => staffAction({ status: "idle" }, form({ companyId: String(customer.company.id) })))).toMatchObject({ status: "ok" });
    expect(await required(customer.company.id)).toBe(false);
    expect(await asStaff(otherManager, () => staffAction({ status: "idle" }, form({ companyId: String(customer.company.id), required: "on" })))).toMatchObject({
      status: "error",
      code: "not_found",
      message: "customer_not_found",
    });
    // A customer's own company admin is no staff: the admin action does not know them.
    expect(await asBuyer(companyAdmin, () => staffAction({ status: "idle" }, form({ companyId: String(customer.company.id), required: "on" })))).toMatchObject({ status: "error", code: "not_found" });
    expect(await required(customer.company.id)).toBe(false);
    expect(await required(other.company.id)).toBe(false);
  });
});

describe("the checkout", () => {
  it("without the rule, an order without PO number is placed as before", async () => {
    const placed = await checkout(buyer, undefined);
    const [row] = await handle.db.select().from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect(row!.poNumber).toBeNull();
  });

  it("with the rule, refuses an order without PO number or with spaces only, at the PO number field, and writes nothing", async () => {
    await setRule(customer.company.id, true);
    const before = (await ordersOf(customer.company.id)).length;
    expect(await failure(checkout(buyer, undefined))).toMatchObject({ code: "invalid_input", message: "po_number_required", details: { field: "poNumber" } });
    expect(await failure(checkout(buyer, "   "))).toMatchObject({ code: "invalid_input", message: "po_number_required", details: { field: "poNumber" } });
    // Also when called without the form's trimming.
    const raw = { shipToAddressId: customer.shipTo.id, poNumber: " \t ", costCenter: null, requestedDeliveryDate: null, note: null };
    expect((await failure(placeOrder(buyer, raw, "nl", NOW)))?.message).toBe("po_number_required");
    expect(await ordersOf(customer.company.id)).toHaveLength(before);
    // The cart is still there to order with a PO number.
    expect((await getPricedCart(buyer, "nl", NOW)).lines).toHaveLength(1);
  });

  it("with the rule, places the order with its PO number, trimmed", async () => {
    const placed = await checkout(buyer, "  PO-2026-0042 ");
    const [row] = await handle.db.select().from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect(row!.poNumber).toBe("PO-2026-0042");
  });

  it("staff viewing the shop as the customer are held to it too", async () => {
    const viewingAs = { ...buyer, impersonatedBy: { id: manager.id, name: manager.name, sessionId: 1 } } as unknown as BuyerUser;
    expect(await failure(checkout(viewingAs, ""))).toMatchObject({ message: "po_number_required", details: { field: "poNumber" } });
  });

  it("another customer's rule is its own", async () => {
    const theirs = other.buyer as unknown as BuyerUser;
    await addToCart(theirs, chair.sku, 1);
    const placed = await placeOrder(theirs, { shipToAddressId: other.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
    expect(placed.orderNumber).toBeTruthy();
  });

  it("the buyer's account overview lists it among the conditions while it is on", async () => {
    expect((await getAccountOverview(buyer, NOW)).poNumberRequired).toBe(true);
    await setRule(customer.company.id, false);
    expect((await getAccountOverview(buyer, NOW)).poNumberRequired).toBe(false);
  });
});

describe("standing orders", () => {
  let listId: number;
  let standingOrderId: number;
  const input = () => ({ listId, intervalWeeks: 2, nextRunOn: "2026-12-01", shipToAddressId: customer.shipTo.id, poNumber: null as string | null, costCenter: null, note: null });

  beforeAll(async () => {
    const list = await createList(buyer, { name: "Kantoorstoelen", shared: false }, NOW);
    listId = list.id;
    await addProductToList(buyer, { listId, newListName: null, sku: chair.sku, quantity: 2, note: null }, NOW);
  });

  it("one set up before the rule, without PO number, is allowed then", async () => {
    await setRule(customer.company.id, false);
    const saved = await saveStandingOrder(buyer, input(), NOW);
    standingOrderId = saved.id;
    expect(saved.poNumber).toBeNull();
  });

  it("with the rule, setting one up without PO number (or spaces only) is refused at the field; the form says it is required", async () => {
    await setRule(customer.company.id, true);
    for (const poNumber of [null, "   "]) {
      expect(await failure(saveStandingOrder(buyer, { ...input(), poNumber }, NOW))).toMatchObject({
        code: "invalid_input",
        message: "po_number_required",
        details: { fieldErrors: { poNumber: ["po_number_required"] } },
      });
    }
    const list = { id: listId, ownerUserId: buyer.id, shared: false, colleaguesMayEdit: false };
    expect((await getStandingOrderPanel(buyer, list, NOW)).poNumberRequired).toBe(true);
  });

  it("its run places no order, stops it and reports why to its owner", async () => {
    const before = (await ordersOf(customer.company.id)).length;
    const mailsBefore = (await outboxTo(handle, buyer.email)).length;
    expect(await runStandingOrder(standingOrderId, NOW)).toEqual({ outcome: "paused", orderNumber: null });
    expect(await ordersOf(customer.company.id)).toHaveLength(before);
    const [row] = await handle.db.select().from(standingOrders).where(eq(standingOrders.id, standingOrderId));
    expect(row).toMatchObject({ active: false, pausedReason: "po_number" });
    const runs = await handle.db.select().from(standingOrderRuns).where(and(eq(standingOrderRuns.standingOrderId, standingOrderId), eq(standingOrderRuns.runOn, "2026-12-01")));
    expect(runs).toMatchObject([{ outcome: "paused", orderId: null }]);
    const mails = (await outboxTo(handle, buyer.email)).filter((m) => m.kind === "standing_order_run");
    expect(mails.length).toBeGreaterThan(0);
    expect((await outboxTo(handle, buyer.email)).length).toBe(mailsBefore + 1);
    expect(mails.at(-1)!.subject).toContain("is gestopt");
    expect(mails.at(-1)!.bodyText).toContain("inkoopordernummer");
    // Run again the same day: nothing more (it is stopped).
    expect(await runStandingOrder(standingOrderId, NOW)).toEqual({ outcome: "not_due" });
  });

  it("set up again with a PO number, it orders with it", async () => {
    const saved = await saveStandingOrder(buyer, { ...input(), nextRunOn: "2026-12-02", poNumber: " PO-VAST-7 " }, NOW);
    expect(saved).toMatchObject({ poNumber: "PO-VAST-7", active: true, pausedReason: null });
    const result = await runStandingOrder(standingOrderId, TOMORROW);
    expect(result.outcome).toBe("placed");
    const [row] = await handle.db.select().from(orders).where(eq(orders.orderNumber, (result as { orderNumber: string }).orderNumber));
    expect(row!.poNumber).toBe("PO-VAST-7");
    await setRule(customer.company.id, false);
  });
});
