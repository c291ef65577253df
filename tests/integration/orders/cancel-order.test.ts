// Cancelling a web order: the customer (its orderer, or the company's approvers and admins) until we
// confirm it, staff on the customer's request until it ships, with a reason the orderer is mailed.
// Either way under the order's row lock and only while nothing of it has shipped or been invoiced;
// the history records who, when and why (and with it the webhooks); a quote the order used is
// accepted again, and the credit it took is free again. Orders of a procurement system (cXML, OCI)
// are never cancelled here.

// Imported first: the vi.mock factory below uses it while the other imports load.
import { authMock } from "../../support/next-request-mocks";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderEvents, orders, quotes, users, webhookDeliveries, webhookEndpoints, type OrderStatus } from "@/db/schema";
import { sendQuote } from "@/lib/admin/quotes";
import { cancelWebOrderForStaff, cancelWebOrderSchema, confirmOrderForStaff, getOrderForStaff } from "@/lib/admin/purchase-orders";
import type { BuyerUser, StaffUser } from "@/lib/auth/guards";
import { getCreditUse, listOrdersToReview, setCreditLimit } from "@/lib/data/credit";
import { cancelWebOrder } from "@/lib/data/order-history";
import { AppError } from "@/lib/errors";
import { issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { cancelOrderSchema, cancelOwnOrder } from "@/lib/orders/cancel-order";
import { acceptQuote, getQuoteForViewer, requestQuote } from "@/lib/quotes/buyer-quotes";
import { addToCart } from "@/lib/cart/cart-service";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import {
  createInvoiceCustomer,
  createSupplierProfile,
  placeCxmlOrder,
  placeWebOrder,
  shipOrder,
  type InvoiceCustomer,
} from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

// getOrderForStaff reaches the invoice access rules, whose module also serves signed-in requests
// (next-auth); nobody is signed in here: staff and buyers are passed in, as the actions do after their check.
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
// Saturday 28 November 2026, 11:00 in Amsterdam.
const NOW = new Date("2026-11-28T10:00:00Z");

/** A chair: € 100.00 excl. VAT at 21 %, so € 121.00 incl. VAT. */
let chair: Awaited<ReturnType<typeof createProduct>>;
const CHAIR = 12_100;
let admin: StaffUser;
/** An account manager of none of the customers below. */
let stranger: StaffUser;

type Buyer = BuyerUser;

/** A customer with a plain buyer, an active and a deactivated account manager. */
async function newCustomer(options: { limitMinor?: number; locale?: "nl" | "en" } = {}) {
  const customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", vatId: "NL123456789B01" }, { locale: options.locale ?? "nl" });
  if (options.limitMinor !== undefined) await setCreditLimit(customer.company.id, options.limitMinor);
  const manager = await createStaff(handle, "account_manager", [customer.company.id]);
  const retired = await createStaff(handle, "account_manager", [customer.company.id]);
  await handle.db.update(users).set({ active: false }).where(eq(users.id, retired.id));
  return { ...customer, manager, retired };
}
type Customer = Awaited<ReturnType<typeof newCustomer>>;

/** A colleague of the customer's buyer, usable both as a viewer and to place orders. */
async function colleague(customer: Customer, role: "buyer" | "approver" | "company_admin", options: { locale?: "nl" | "en"; orderLimitMinor?: number } = {}) {
  const user = await addCompanyUser(handle, customer as never, role, options);
  const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
  return { ...customer, user: row!, buyer: user as unknown as Buyer };
}

/** `quantity` chairs through the real cart and checkout, as `who`. */
const order = (who: Pick<InvoiceCustomer, "buyer" | "shipTo" | "user">, quantity: number, poNumber?: string) =>
  placeWebOrder(who as InvoiceCustomer, [{ sku: chair.sku, quantity }], { poNumber, now: NOW });

const cancelAsBuyer = (buyer: Buyer, orderNumber: string, comment: string | null = null) => cancelOwnOrder(buyer, { orderNumber, comment }, NOW);
const cancelAsStaff = (staff: StaffUser, orderId: number, comment: string) => cancelWebOrderForStaff(staff, { orderId, comment }, NOW);
const confirm = (staff: StaffUser, orderId: number) => confirmOrderForStaff(staff, { orderId, decision: "accept", comment: null });

const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e);
async function appError(work: Promise<unknown>): Promise<AppError> {
  const error = await failure(work);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const orderRow = async (orderId: number) => (await handle.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const statusOf = async (orderId: number) => (await orderRow(orderId)).status;
const eventsOf = (orderId: number) => handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
const cancelEventsOf = async (orderId: number) => (await eventsOf(orderId)).filter((event) => event.status === "cancelled");
const mailsOf = async (email: string, kind: string, orderNumber: string) =>
  (await outboxTo(handle, email)).filter((mail) => mail.kind === kind && mail.subject.includes(orderNumber));
/** Every cancellation mail about an order, to anybody. */
const cancellationMails = async (customer: Customer, orderNumber: string, others: { email: string }[] = []) => {
  const people = [customer.user, customer.manager, customer.retired, ...others];
  const all = await Promise.all(
    people.flatMap((person) => ["order_cancelled", "order_cancelled_by_customer"].map((kind) => mailsOf(person.email, kind, orderNumber))),
  );
  return all.flat();
};

/** Status, events and mails of an order: what a refused cancellation must leave exactly as it was. */
async function snapshot(customer: Customer, placed: { id: number; orderNumber: string }) {
  return { status: await statusOf(placed.id), events: await eventsOf(placed.id), mails: await cancellationMails(customer, placed.orderNumber) };
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, vatRateBasisPoints: 2100, stock: 100_000 });
  admin = await createStaff(handle, "admin");
  stranger = await createStaff(handle, "account_manager", []);
  // The supplier's ERP listens to every order event (a pull endpoint: queued, never sent anywhere).
  await handle.db.insert(webhookEndpoints).values({ name: "ERP", delivery: "pull", url: null, secretEncrypted: "not-used-here" });
}, 120_000);
afterAll(() => db.dispose());

describe("the forms' input", () => {
  it("the customer's reason is optional: trimmed, and blank is none", () => {
    expect(cancelOrderSchema.parse({ orderNumber: " K100001 ", comment: "  Dubbel besteld " })).toEqual({ orderNumber: "K100001", comment: "Dubbel besteld" });
    expect(cancelOrderSchema.parse({ orderNumber: "K100001", comment: "   " })).toEqual({ orderNumber: "K100001", comment: null });
    expect(cancelOrderSchema.parse({ orderNumber: "K100001" })).toEqual({ orderNumber: "K100001", comment: null });
    expect(cancelOrderSchema.safeParse({ orderNumber: "K100001", comment: "x".repeat(1001) }).success).toBe(false);
    expect(cancelOrderSchema.safeParse({ orderNumber: "  " }).success).toBe(false);
  });

  it.each([undefined, "", "   "])("staff must give a reason: %j is refused", (comment) => {
    const parsed = cancelWebOrderSchema.safeParse({ orderId: "12", comment });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join("."))).toEqual(["comment"]);
    if (comment !== undefined) expect(parsed.error!.issues[0]!.message).toBe("reason_required");
  });

  it("staff's reason is trimmed", () => {
    expect(cancelWebOrderSchema.parse({ orderId: "12", comment: "  Op verzoek van de klant " })).toEqual({ orderId: 12, comment: "Op verzoek van de klant" });
  });
});

describe("the customer cancels", () => {
  it("the orderer cancels their own placed order: cancelled, in the history with who, when and why, queued for the webhooks; the active account managers are mailed, the orderer not", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 2, "PO-DUBBEL");
    expect(placed.status).toBe("placed");
    const before = await eventsOf(placed.id);

    await cancelAsBuyer(customer.buyer, placed.orderNumber, "Dubbel besteld");

    expect(await statusOf(placed.id)).toBe("cancelled");
    const events = await eventsOf(placed.id);
    expect(events.slice(0, before.length)).toEqual(before);
    expect(events).toHaveLength(before.length + 1);
    const cancelled = events.at(-1)!;
    expect(cancelled).toMatchObject({ orderId: placed.id, status: "cancelled", userId: customer.user.id, comment: "Dubbel besteld", createdAt: NOW });
    // The webhook trigger queued the status change for the ERP in the same transaction.
    const deliveries = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orderEventId, cancelled.id));
    expect(deliveries).toMatchObject([{ orderId: placed.id, eventType: "order.status_changed", status: "pending" }]);

    const [toManager, ...more] = await mailsOf(customer.manager.email, "order_cancelled_by_customer", placed.orderNumber);
    expect(more).toEqual([]);
    expect(toManager).toMatchObject({ userId: customer.manager.id, subject: `Bestelling ${placed.orderNumber} geannuleerd door ${customer.company.name}` });
    expect(toManager!.bodyText).toContain(`${customer.user.name} (${customer.company.name}) heeft bestelling ${placed.orderNumber} geannuleerd. Niet verzenden.`);
    expect(toManager!.bodyText).toContain("Toelichting: Dubbel besteld");
    expect(toManager!.bodyText).toContain(`/admin/orders/${placed.id}`);
    // A deactivated account manager hears nothing; the orderer knows what they did.
    expect(await mailsOf(customer.retired.email, "order_cancelled_by_customer", placed.orderNumber)).toEqual([]);
    expect(await mailsOf(customer.user.email, "order_cancelled", placed.orderNumber)).toEqual([]);

    // Cancelled once: a second time is refused and writes nothing.
    const again = await appError(cancelAsBuyer(customer.buyer, placed.orderNumber));
    expect([again.code, again.message]).toEqual(["conflict", "order_not_cancellable"]);
    expect(await eventsOf(placed.id)).toEqual(events);
    expect(await mailsOf(customer.manager.email, "order_cancelled_by_customer", placed.orderNumber)).toHaveLength(1);
  });

  it("without a reason: the history has none, and the managers' mail no comment line", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 1);
    await cancelAsBuyer(customer.buyer, placed.orderNumber, null);
    expect((await eventsOf(placed.id)).at(-1)).toMatchObject({ status: "cancelled", userId: customer.user.id, comment: null });
    const [mail] = await mailsOf(customer.manager.email, "order_cancelled_by_customer", placed.orderNumber);
    expect(mail!.bodyText).not.toContain("Toelichting");
  });

  it.each(["approver", "company_admin"] as const)("an %s cancels a colleague's order: the orderer is mailed in their language, naming who did it; the managers too", async (role) => {
    const customer = await newCustomer();
    const orderer = await colleague(customer, "buyer", { locale: "en" });
    const boss = await colleague(customer, role);
    const placed = await order(orderer, 1, "PO-COLLEAGUE");

    await cancelAsBuyer(boss.buyer, placed.orderNumber, "Budget op");

    expect(await statusOf(placed.id)).toBe("cancelled");
    expect((await eventsOf(placed.id)).at(-1)).toMatchObject({ status: "cancelled", userId: boss.user.id, comment: "Budget op" });
    const toOrderer = await mailsOf(orderer.user.email, "order_cancelled", placed.orderNumber);
    expect(toOrderer).toHaveLength(1);
    expect(toOrderer[0]).toMatchObject({ userId: orderer.user.id, subject: `Order ${placed.orderNumber} has been canceled` });
    expect(toOrderer[0]!.bodyText).toContain(`${boss.user.name} has canceled your order ${placed.orderNumber} (your reference PO-COLLEAGUE)`);
    expect(toOrderer[0]!.bodyText).toContain("Comment: Budget op");
    expect(toOrderer[0]!.bodyText).toContain(`/account/orders/${placed.orderNumber}`);
    expect(await mailsOf(customer.manager.email, "order_cancelled_by_customer", placed.orderNumber)).toHaveLength(1);
    // The one who cancelled is not mailed about it.
    expect(await mailsOf(boss.user.email, "order_cancelled", placed.orderNumber)).toEqual([]);
  });

  it("a plain buyer cannot cancel a colleague's order, nor anybody another company's: not found, and nothing changes", async () => {
    const customer = await newCustomer();
    const orderer = await colleague(customer, "buyer");
    const plain = await colleague(customer, "buyer");
    const placed = await order(orderer, 1);
    const otherCompany = await newCustomer();
    const otherAdmin = await colleague(otherCompany, "company_admin");
    const before = await snapshot(customer, placed);

    for (const who of [plain.buyer, otherCompany.buyer, otherAdmin.buyer]) {
      const error = await appError(cancelAsBuyer(who, placed.orderNumber, "weg ermee"));
      expect([error.code, error.message]).toEqual(["not_found", "order_not_found"]);
    }
    expect(await snapshot(customer, placed)).toEqual(before);
    expect(before.status).toBe("placed");
    // Below the buyer's own checks, the data layer holds the company too.
    expect(await cancelWebOrder({ orderId: placed.id, companyId: otherCompany.company.id, from: ["placed"], userId: otherAdmin.user.id, comment: null, now: NOW })).toBe("not_found");
    expect(await snapshot(customer, placed)).toEqual(before);
  });

  it("a confirmed order is refused for the customer (they ask us); staff cancel it only with a reason, which the orderer is mailed", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 1, "PO-CONFIRMED");
    await confirm(customer.manager, placed.id);
    expect(await statusOf(placed.id)).toBe("confirmed");
    const before = await snapshot(customer, placed);

    const refused = await appError(cancelAsBuyer(customer.buyer, placed.orderNumber, "te laat"));
    expect([refused.code, refused.message]).toEqual(["conflict", "order_not_cancellable"]);
    expect(await snapshot(customer, placed)).toEqual(before);

    // No reason, no cancellation: the form's schema refuses it, and so does the function itself.
    expect(cancelWebOrderSchema.safeParse({ orderId: String(placed.id), comment: "" }).success).toBe(false);
    for (const comment of ["", "   "]) {
      const error = await appError(cancelAsStaff(customer.manager, placed.id, comment));
      expect([error.code, error.message]).toEqual(["invalid_input", "reason_required"]);
    }
    expect(await snapshot(customer, placed)).toEqual(before);

    await cancelAsStaff(customer.manager, placed.id, "Klant belde: verkeerd artikel");
    expect(await statusOf(placed.id)).toBe("cancelled");
    expect((await eventsOf(placed.id)).at(-1)).toMatchObject({ status: "cancelled", userId: customer.manager.id, comment: "Klant belde: verkeerd artikel", createdAt: NOW });
    const mails = await mailsOf(customer.user.email, "order_cancelled", placed.orderNumber);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ userId: customer.user.id, subject: `Bestelling ${placed.orderNumber} is geannuleerd` });
    expect(mails[0]!.bodyText).toContain(`We hebben uw bestelling ${placed.orderNumber} (uw referentie PO-CONFIRMED) geannuleerd`);
    expect(mails[0]!.bodyText).toContain("Toelichting: Klant belde: verkeerd artikel");
    // The supplier's own cancellation: no "the customer cancelled" mail to the managers.
    expect(await mailsOf(customer.manager.email, "order_cancelled_by_customer", placed.orderNumber)).toEqual([]);
  });

  it("an order still waiting for its approver: the orderer cancels it and nobody is mailed (it never reached us); an approver cancelling it mails the orderer only", async () => {
    const customer = await newCustomer();
    const limited = await colleague(customer, "buyer", { orderLimitMinor: 5_000 });
    const approver = await colleague(customer, "approver");

    const own = await order(limited, 1);
    expect(own.status).toBe("awaiting_approval");
    await cancelAsBuyer(limited.buyer, own.orderNumber, "Toch niet nodig");
    expect(await statusOf(own.id)).toBe("cancelled");
    expect((await eventsOf(own.id)).map((e) => [e.status, e.userId])).toEqual([
      ["awaiting_approval", limited.user.id],
      ["cancelled", limited.user.id],
    ]);
    expect((await eventsOf(own.id)).at(-1)!.comment).toBe("Toch niet nodig");
    expect(await cancellationMails(customer, own.orderNumber, [limited.user, approver.user])).toEqual([]);

    const theirs = await order(limited, 1);
    expect(theirs.status).toBe("awaiting_approval");
    await cancelAsBuyer(approver.buyer, theirs.orderNumber, "Niet in budget");
    expect(await statusOf(theirs.id)).toBe("cancelled");
    expect(await mailsOf(limited.user.email, "order_cancelled", theirs.orderNumber)).toHaveLength(1);
    expect(await mailsOf(customer.manager.email, "order_cancelled_by_customer", theirs.orderNumber)).toEqual([]);
  });

  it("staff viewing the shop as the buyer cannot cancel for them: forbidden, nothing changes", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 1);
    const before = await snapshot(customer, placed);
    const viewingAs = { ...customer.buyer, impersonatedBy: { id: customer.manager.id, name: customer.manager.name, sessionId: 1, expiresAt: NOW } } as unknown as Buyer;
    const error = await appError(cancelAsBuyer(viewingAs, placed.orderNumber, "namens de klant"));
    expect([error.code, error.message]).toEqual(["forbidden", "not_while_viewing_as"]);
    expect(await snapshot(customer, placed)).toEqual(before);
    expect(before.status).toBe("placed");
  });

  it("an order held for our credit review is the customer's to cancel: it no longer counts against the limit, nor waits for review", async () => {
    // € 500.00: two chairs (€ 242.00) fit, three more (€ 363.00) do not.
    const customer = await newCustomer({ limitMinor: 50_000 });
    const first = await order(customer, 2);
    const held = await order(customer, 3);
    expect([first.status, held.status]).toEqual(["placed", "needs_review"]);
    expect(await getCreditUse(customer.company.id)).toEqual({ limitMinor: 50_000, unpaidInvoicesMinor: 0, uninvoicedOrdersMinor: 5 * CHAIR });
    expect((await listOrdersToReview(customer.company.id)).map((o) => o.id)).toEqual([held.id]);

    await cancelAsBuyer(customer.buyer, held.orderNumber, null);
    const heldTotal = (await orderRow(held.id)).totalMinor;
    expect(heldTotal).toBe(3 * CHAIR);
    expect(await getCreditUse(customer.company.id)).toEqual({ limitMinor: 50_000, unpaidInvoicesMinor: 0, uninvoicedOrdersMinor: 5 * CHAIR - heldTotal });
    expect(await listOrdersToReview(customer.company.id)).toEqual([]);

    // And a placed one, by staff: the credit it took is free as well.
    await cancelAsStaff(customer.manager, first.id, "Op verzoek");
    expect(await getCreditUse(customer.company.id)).toEqual({ limitMinor: 50_000, unpaidInvoicesMinor: 0, uninvoicedOrdersMinor: 0 });
    // Freed, three chairs fit again.
    expect((await order(customer, 3)).status).toBe("placed");
  });
});

describe("staff cancel", () => {
  it("an account manager of another customer: not found, nothing changes; an admin may", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 1);
    const before = await snapshot(customer, placed);
    const error = await appError(cancelAsStaff(stranger, placed.id, "Op verzoek"));
    expect([error.code, error.message]).toEqual(["not_found", "order_not_found"]);
    await expect(getOrderForStaff(stranger, placed.id)).rejects.toMatchObject({ code: "not_found" });
    // Another customer's manager too (assigned, just not to this one).
    const elsewhere = await newCustomer();
    await expect(cancelAsStaff(elsewhere.manager, placed.id, "Op verzoek")).rejects.toMatchObject({ code: "not_found", message: "order_not_found" });
    expect(await snapshot(customer, placed)).toEqual(before);

    await cancelAsStaff(admin, placed.id, "Op verzoek van de klant");
    expect(await statusOf(placed.id)).toBe("cancelled");
    expect((await eventsOf(placed.id)).at(-1)).toMatchObject({ status: "cancelled", userId: admin.id });
  });

  it("an unknown order: not found", async () => {
    await expect(cancelAsStaff(admin, 987_654_321, "x")).rejects.toMatchObject({ code: "not_found", message: "order_not_found" });
  });

  it("a (partially) shipped order is refused and nothing changes: shipping made it 'shipped'", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 3);
    await confirm(customer.manager, placed.id);
    await shipOrder(placed.id, [{ lineNumber: 1, quantity: 1 }]);
    expect(await statusOf(placed.id)).toBe("shipped");
    const before = await snapshot(customer, placed);
    const error = await appError(cancelAsStaff(customer.manager, placed.id, "Klant wil de rest niet meer"));
    // Refused by its status before the shipments are looked at (the admin page offers no cancel form for it either).
    expect([error.code, error.message]).toEqual(["conflict", "order_not_cancellable"]);
    await expect(cancelAsBuyer(customer.buyer, placed.orderNumber, null)).rejects.toMatchObject({ code: "conflict", message: "order_not_cancellable" });
    expect(await snapshot(customer, placed)).toEqual(before);
  });

  it("a shipment blocks the cancellation even where the status does not show it (checked under the lock): order_already_shipped", async () => {
    // Nothing in the shop ships without setting the status; the data layer does not rely on that.
    const customer = await newCustomer();
    const placed = await order(customer, 3);
    await shipOrder(placed.id, [{ lineNumber: 1, quantity: 1 }]);
    await handle.db.update(orders).set({ status: "confirmed" }).where(eq(orders.id, placed.id));
    const before = await snapshot(customer, placed);
    const error = await appError(cancelAsStaff(customer.manager, placed.id, "Klant wil de rest niet meer"));
    expect([error.code, error.message]).toEqual(["conflict", "order_already_shipped"]);
    expect(await snapshot(customer, placed)).toEqual(before);
    expect((await getOrderForStaff(customer.manager, placed.id)).canCancel).toBe(false);
  });

  it("an invoiced order nothing of which has shipped: refused for staff and customer alike (order_already_invoiced), nothing changes", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 2);
    const invoiced = await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW });
    expect(invoiced.ok).toBe(true);
    expect(await statusOf(placed.id)).toBe("placed");
    const before = await snapshot(customer, placed);

    const byStaff = await appError(cancelAsStaff(customer.manager, placed.id, "Op verzoek"));
    expect([byStaff.code, byStaff.message]).toEqual(["conflict", "order_already_invoiced"]);
    const byBuyer = await appError(cancelAsBuyer(customer.buyer, placed.orderNumber, null));
    expect([byBuyer.code, byBuyer.message]).toEqual(["conflict", "order_already_invoiced"]);
    expect(await snapshot(customer, placed)).toEqual(before);
  });

  it("an accepted web order may be cancelled by staff (not by the customer)", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 1);
    await handle.db.update(orders).set({ status: "accepted" }).where(eq(orders.id, placed.id));
    await expect(cancelAsBuyer(customer.buyer, placed.orderNumber)).rejects.toMatchObject({ code: "conflict", message: "order_not_cancellable" });
    expect((await getOrderForStaff(customer.manager, placed.id)).canCancel).toBe(true);
    await cancelAsStaff(customer.manager, placed.id, "Op verzoek");
    expect(await statusOf(placed.id)).toBe("cancelled");
  });

  it("the orderer is not mailed when nobody reads their address (.invalid), by staff or by a colleague", async () => {
    const customer = await newCustomer();
    const technical = await colleague(customer, "buyer");
    const placed = await order(technical, 1);
    const address = `robot-${technical.user.id}@procurement.invalid`;
    await handle.db.update(users).set({ email: address }).where(eq(users.id, technical.user.id));
    await cancelAsStaff(customer.manager, placed.id, "Op verzoek");
    expect(await statusOf(placed.id)).toBe("cancelled");
    // Nor when a colleague cancels its order.
    const another = await order(technical, 1);
    await cancelAsBuyer((await colleague(customer, "company_admin")).buyer, another.orderNumber, "Dubbel");
    expect(await statusOf(another.id)).toBe("cancelled");
    expect(await mailsOf(customer.manager.email, "order_cancelled_by_customer", another.orderNumber)).toHaveLength(1);
    expect(await outboxTo(handle, address)).toEqual([]);
  });
});

describe("purchase orders of a procurement system", () => {
  it("a cXML order is never cancelled here: refused for the customer and for staff, whatever its status, and the data layer does not find it", async () => {
    const customer = await newCustomer();
    const boss = await colleague(customer, "company_admin");
    const { orderId } = await placeCxmlOrder(handle, customer, [{ productId: chair.id, sku: chair.sku, quantity: 1, unitPriceMinor: 10_000, vatRateBasisPoints: 2100 }], {
      orderId: `PO-CXML-${customer.company.id}`,
      now: NOW,
    });
    const { orderNumber, source } = await orderRow(orderId);
    expect(source).toBe("cxml");
    const placed = { id: orderId, orderNumber };
    const before = await snapshot(customer, placed);
    expect((await getOrderForStaff(customer.manager, orderId)).canCancel).toBe(false);
    const byStaff = await appError(cancelAsStaff(customer.manager, orderId, "Op verzoek"));
    expect([byStaff.code, byStaff.message]).toEqual(["conflict", "order_not_cancellable"]);
    const byAdmin = await appError(cancelAsBuyer(boss.buyer, orderNumber, null));
    expect([byAdmin.code, byAdmin.message]).toEqual(["conflict", "order_not_cancellable"]);

    // In a status a web order could be cancelled in, still not: the channel decides.
    for (const status of ["placed", "confirmed"] as const) {
      await handle.db.update(orders).set({ status }).where(eq(orders.id, orderId));
      await expect(cancelAsStaff(customer.manager, orderId, "Op verzoek")).rejects.toMatchObject({ code: "conflict", message: "order_not_cancellable" });
      await expect(cancelAsBuyer(boss.buyer, orderNumber, null)).rejects.toMatchObject({ code: "conflict", message: "order_not_cancellable" });
      expect(await cancelWebOrder({ orderId, from: ["placed", "confirmed"], userId: admin.id, comment: null, now: NOW })).toBe("not_found");
    }
    await handle.db.update(orders).set({ status: before.status }).where(eq(orders.id, orderId));
    expect(await snapshot(customer, placed)).toEqual(before);
  });
});

describe("a quote the order used", () => {
  it("is accepted again (and free of the order) when the order is cancelled, so it can be ordered again while it holds", async () => {
    const customer = await newCustomer();
    await addToCart(customer.buyer, chair.sku, 10);
    const { quoteNumber } = await requestQuote(customer.buyer, { comment: null }, "nl", NOW);
    const requested = (await getQuoteForViewer(customer.buyer, quoteNumber))!;
    const prices = Object.fromEntries(requested.lines.map((line) => [`price_${line.id}`, "90,00"])) as Record<`price_${number}`, string>;
    await sendQuote(customer.manager, { quoteId: requested.id, validUntil: "2026-12-15", comment: null, ...prices }, NOW);
    await acceptQuote(customer.buyer, quoteNumber, NOW);
    const placed = await placeWebOrder(customer, [], { now: NOW });
    expect(await getQuoteForViewer(customer.buyer, quoteNumber)).toMatchObject({ status: "ordered", orderNumber: placed.orderNumber });
    const [used] = await handle.db.select().from(quotes).where(eq(quotes.id, requested.id));
    expect([used!.status, used!.orderId]).toEqual(["ordered", placed.id]);

    await cancelAsBuyer(customer.buyer, placed.orderNumber, "Later bestellen");

    const [freed] = await handle.db.select().from(quotes).where(eq(quotes.id, requested.id));
    expect([freed!.status, freed!.orderId]).toEqual(["accepted", null]);
    // Taken into a cart again at its price, and ordered again: used up by the new order.
    await acceptQuote(customer.buyer, quoteNumber, NOW);
    const again = await placeWebOrder(customer, [], { now: NOW });
    expect(again.status).toBe("placed");
    const [reused] = await handle.db.select().from(quotes).where(eq(quotes.id, requested.id));
    expect([reused!.status, reused!.orderId]).toEqual(["ordered", again.id]);
    expect((await orderRow(again.id)).subtotalMinor).toBe(10 * 9_000);
  });

  it("a quote of another order is left alone", async () => {
    const customer = await newCustomer();
    await addToCart(customer.buyer, chair.sku, 4);
    const { quoteNumber } = await requestQuote(customer.buyer, { comment: null }, "nl", NOW);
    const requested = (await getQuoteForViewer(customer.buyer, quoteNumber))!;
    const prices = Object.fromEntries(requested.lines.map((line) => [`price_${line.id}`, "95,00"])) as Record<`price_${number}`, string>;
    await sendQuote(customer.manager, { quoteId: requested.id, validUntil: "2026-12-15", comment: null, ...prices }, NOW);
    await acceptQuote(customer.buyer, quoteNumber, NOW);
    const withQuote = await placeWebOrder(customer, [], { now: NOW });
    const without = await order(customer, 1);
    await cancelAsBuyer(customer.buyer, without.orderNumber, null);
    const [row] = await handle.db.select().from(quotes).where(eq(quotes.id, requested.id));
    expect([row!.status, row!.orderId]).toEqual(["ordered", withQuote.id]);
  });
});

describe("two cancellations at once", () => {
  it("the customer and staff together: exactly one cancellation, the other refused as a conflict", async () => {
    const customer = await newCustomer();
    // Open pool connections first, so the transactions really run side by side.
    await Promise.all([1, 2, 3, 4].map(() => handle.db.select({ id: orders.id }).from(orders).limit(1)));
    for (let round = 0; round < 4; round++) {
      const placed = await order(customer, 1);
      const results = await Promise.allSettled([
        cancelAsBuyer(customer.buyer, placed.orderNumber, "Klant"),
        cancelAsStaff(customer.manager, placed.id, "Staf"),
      ]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(failed, `round ${round}`).toHaveLength(1);
      expect(failed[0]!.reason).toBeInstanceOf(AppError);
      expect(failed[0]!.reason).toMatchObject({ code: "conflict", message: "order_not_cancellable" });
      expect(await statusOf(placed.id)).toBe("cancelled");
      const cancelled = await cancelEventsOf(placed.id);
      expect(cancelled, `round ${round}`).toHaveLength(1);
      // Whoever won wrote the history and sent their mails; the loser nothing.
      const buyerWon = results[0]!.status === "fulfilled";
      expect(cancelled[0]).toMatchObject(buyerWon ? { userId: customer.user.id, comment: "Klant" } : { userId: customer.manager.id, comment: "Staf" });
      expect(await mailsOf(customer.manager.email, "order_cancelled_by_customer", placed.orderNumber)).toHaveLength(buyerWon ? 1 : 0);
      expect(await mailsOf(customer.user.email, "order_cancelled", placed.orderNumber)).toHaveLength(buyerWon ? 0 : 1);
      const deliveries = await handle.db
        .select()
        .from(webhookDeliveries)
        .innerJoin(orderEvents, eq(orderEvents.id, webhookDeliveries.orderEventId))
        .where(and(eq(webhookDeliveries.orderId, placed.id), eq(orderEvents.status, "cancelled")));
      expect(deliveries).toHaveLength(1);
    }
  });

  // Deterministic on PostgreSQL: the order is confirmed while the customer's cancellation waits for
  // the order's lock, after its own look at the order found it still placed. PGlite runs one
  // transaction at a time, so nothing can happen in between there.
  it.runIf(Boolean(process.env.KOPPEL_TEST_PG_URL))("confirmed by staff while the customer's cancellation waits for the lock: the status is checked again under it", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 1);
    let attempt!: Promise<unknown>;
    await handle.db.transaction(async (tx) => {
      await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, placed.id)).for("update");
      attempt = failure(cancelAsBuyer(customer.buyer, placed.orderNumber, "te laat"));
      // Until the cancellation waits for this transaction's row lock (or writes, without one).
      for (let waited = 0; ; waited += 20) {
        const [row] = await handle.query<{ waiting: number }>(
          "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        if (row!.waiting > 0 || waited > 5_000) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await tx.update(orders).set({ status: "confirmed" }).where(eq(orders.id, placed.id));
      await tx.insert(orderEvents).values({ orderId: placed.id, status: "confirmed", userId: customer.manager.id, comment: null });
    });
    const error = await attempt;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", message: "order_not_cancellable" });
    expect(await statusOf(placed.id)).toBe("confirmed");
    expect(await cancelEventsOf(placed.id)).toEqual([]);
    expect(await mailsOf(customer.manager.email, "order_cancelled_by_customer", placed.orderNumber)).toEqual([]);
  });

  it("two staff members at once: one wins", async () => {
    const customer = await newCustomer();
    const placed = await order(customer, 1);
    const results = await Promise.allSettled([cancelAsStaff(customer.manager, placed.id, "Een"), cancelAsStaff(admin, placed.id, "Twee")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(await cancelEventsOf(placed.id)).toHaveLength(1);
    expect(await mailsOf(customer.user.email, "order_cancelled", placed.orderNumber)).toHaveLength(1);
  });
});

describe("getOrderForStaff: canCancel", () => {
  let customer: Customer;
  beforeAll(async () => {
    customer = await newCustomer({ limitMinor: 1_000_000 });
  });
  const canCancel = async (orderId: number) => (await getOrderForStaff(customer.manager, orderId)).canCancel;

  it("a placed web order without shipments or invoices: yes; confirmed: yes", async () => {
    const placed = await order(customer, 1);
    expect(await canCancel(placed.id)).toBe(true);
    await confirm(customer.manager, placed.id);
    expect(await canCancel(placed.id)).toBe(true);
    expect((await getOrderForStaff(admin, placed.id)).canCancel).toBe(true);
  });

  it("once something of it shipped: no", async () => {
    const placed = await order(customer, 2);
    await confirm(customer.manager, placed.id);
    await shipOrder(placed.id, [{ lineNumber: 1, quantity: 1 }]);
    expect(await canCancel(placed.id)).toBe(false);
  });

  it("once it was invoiced (nothing shipped): no", async () => {
    const placed = await order(customer, 1);
    expect((await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW })).ok).toBe(true);
    expect(await statusOf(placed.id)).toBe("placed");
    expect(await canCancel(placed.id)).toBe(false);
  });

  it.each<OrderStatus>(["awaiting_approval", "rejected", "needs_review", "shipped", "cancelled"])("a web order in status %s: no", async (status) => {
    const placed = await order(customer, 1);
    await handle.db.update(orders).set({ status }).where(eq(orders.id, placed.id));
    expect(await canCancel(placed.id)).toBe(false);
  });

  it("once cancelled: no", async () => {
    const placed = await order(customer, 1);
    await cancelAsBuyer(customer.buyer, placed.orderNumber, null);
    expect(await canCancel(placed.id)).toBe(false);
  });
});
