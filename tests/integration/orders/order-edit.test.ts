// Staff change a web order's lines ("order wijzigen", lib/admin/order-edit.ts → lib/data/order-edit.ts):
// another quantity, a line removed, products added at the customer's price today — under the order's
// row lock and only while nothing of it has shipped or been invoiced. A larger order must stay within
// the orderer's order limit, the cost centre's budget and the customer's credit. The change is
// recorded in the history (kind "changed", with the staff member and why), queued for the webhooks
// (order.changed) and mailed to the orderer in their language; a refused change leaves everything as
// it was. Everything through the real cart, checkout, shipment, cancellation and invoicing code.

// Imported first: the vi.mock factory below uses it while the other imports load.
import { authMock } from "../../support/next-request-mocks";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  companies,
  costCenters,
  invoiceLines,
  invoices,
  mailOutbox,
  orderEvents,
  orderLines,
  orderShipments,
  orders,
  users,
  webhookDeliveries,
  webhookEndpoints,
  type OrderStatus,
} from "@/db/schema";
import { changeWebOrderForStaff } from "@/lib/admin/order-edit";
import { cancelWebOrderForStaff, getOrderForStaff, shipOrderForStaff } from "@/lib/admin/purchase-orders";
import { sendQuote } from "@/lib/admin/quotes";
import type { BuyerUser, StaffUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { getCreditUse, setCreditLimit } from "@/lib/data/credit";
import { changeWebOrder } from "@/lib/data/order-edit";
import { getOrderDetail as getBuyerOrderDetail } from "@/lib/data/order-history";
import { AppError } from "@/lib/errors";
import { issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { editOrderFormSchema, type EditOrderInput } from "@/lib/orders/order-edit";
import { acceptQuote, getQuoteForViewer, requestQuote } from "@/lib/quotes/buyer-quotes";
import { buildWebhookBody } from "@/lib/webhooks/deliver-webhooks";
import { outboxTo } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createPriceList, createProduct } from "../../support/fixtures";
import {
  createInvoiceCustomer,
  createSupplierProfile,
  placeCxmlOrder,
  placeWebOrder,
  setCustomerArticleNumbers,
  shipOrder,
  type InvoiceCustomer,
} from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

// getOrderForStaff and the shipment reach the invoice access rules, whose module also serves
// signed-in requests (next-auth); nobody is signed in here: staff are passed in, as the actions do.
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
// Saturday 28 November 2026, 11:00 in Amsterdam.
const NOW = new Date("2026-11-28T10:00:00Z");
const onPostgres = Boolean(process.env.KOPPEL_TEST_PG_URL);

type Product = Awaited<ReturnType<typeof createProduct>>;
/** 5.99 at 21 %. */
let paper: Product;
/** 8.99 at 9 %. */
let coffee: Product;
/** List 15.00 at 9 %; the main customer's contract says 12.34. */
let tea: Product;
/** 100.00 at 21 % (121.00 incl. VAT): the guards' unit. */
let chair: Product;
/** 2.00 at 21 %, sold per box of 6 (at least 6, multiples of 6). */
let cups: Product;
/** 3.00 at 21 %, no longer sold. */
let retired: Product;
let admin: StaffUser;
/** An account manager of none of the customers here. */
let stranger: StaffUser;

let skuCounter = 0;
/** Catalog SKUs are kept in capitals; staff may type them in lower case. */
const sku = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}${(skuCounter++).toString(36).toUpperCase()}`;

/** The supplier's delivery terms: € 9.95 excl. VAT per web order, free from € 250 of goods. */
const SUPPLIER_TERMS = { deliveryChargeMinor: 995, freeDeliveryFromMinor: 25_000 };

interface Customer extends InvoiceCustomer {
  manager: StaffUser;
}

/** An invoiceable customer (orderer in `locale`) with its account manager. `freeDelivery`: no delivery charge at all. */
async function newCustomer(options: { locale?: "nl" | "en"; freeDelivery?: boolean } = {}): Promise<Customer> {
  const customer = await createInvoiceCustomer(
    handle,
    { kvkNumber: "12345678", vatId: "NL123456789B01", ...(options.freeDelivery ? { deliveryChargeMode: "free" as const } : {}) },
    { locale: options.locale ?? "nl" },
  );
  const manager = await createStaff(handle, "account_manager", [customer.company.id]);
  return { ...customer, manager };
}

const place = (customer: InvoiceCustomer, items: [Product, number][], options: { costCenter?: string; poNumber?: string } = {}) =>
  placeWebOrder(
    customer,
    items.map(([product, quantity]) => ({ sku: product.sku, quantity })),
    { now: NOW, ...options },
  );

/** The change as the admin form sends it, after the form's schema. */
function change(orderId: number, what: { reason?: string; quantities?: Record<string, number>; additions?: string; allowOutsideAssortment?: boolean }): EditOrderInput {
  return {
    orderId,
    reason: what.reason ?? "Op verzoek van de klant",
    quantities: what.quantities ?? {},
    additions: what.additions ?? "",
    allowOutsideAssortment: what.allowOutsideAssortment ?? false,
  };
}
const edit = (staff: StaffUser, orderId: number, what: Parameters<typeof change>[1]) => changeWebOrderForStaff(staff, change(orderId, what), NOW);

const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e);
async function appError(work: Promise<unknown>): Promise<AppError> {
  const error = await failure(work);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const orderRow = async (orderId: number) => (await handle.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const linesOf = (orderId: number) => handle.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNumber));
const eventsOf = (orderId: number) => handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
const changedEventsOf = async (orderId: number) => (await eventsOf(orderId)).filter((event) => event.kind === "changed");
const deliveriesOf = (orderId: number) => handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orderId, orderId)).orderBy(asc(webhookDeliveries.id));
const changeMailsOf = async (email: string, orderNumber: string) =>
  (await outboxTo(handle, email)).filter((mail) => mail.kind === "order_changed" && mail.subject.includes(orderNumber));
const shipmentsOf = (orderId: number) => handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, orderId)).orderBy(asc(orderShipments.id));

/** Everything a change writes: what a refused one must leave exactly as it was. */
async function stateOf(orderId: number) {
  const order = await orderRow(orderId);
  const changeMails = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "order_changed")).orderBy(asc(mailOutbox.id));
  return {
    order,
    lines: await linesOf(orderId),
    events: await eventsOf(orderId),
    deliveries: await deliveriesOf(orderId),
    changeMails: changeMails.filter((mail) => mail.subject.includes(order.orderNumber)),
  };
}

/** The order's lines add up to its subtotal (with the delivery charge it keeps), its VAT breakdown to its VAT. */
async function expectConsistentTotals(orderId: number) {
  const order = await orderRow(orderId);
  const lines = await linesOf(orderId);
  expect(order.subtotalMinor).toBe(lines.reduce((sum, line) => sum + line.lineTotalMinor, 0) + order.deliveryChargeMinor);
  for (const line of lines) expect(line.lineTotalMinor).toBe(line.unitPriceMinor * line.quantity);
  expect(order.vatMinor).toBe(order.vatBreakdown.reduce((sum, row) => sum + row.vatMinor, 0));
  expect(order.subtotalMinor).toBe(order.vatBreakdown.reduce((sum, row) => sum + row.taxableMinor, 0));
  expect(order.totalMinor).toBe(order.subtotalMinor + order.vatMinor);
}

// PostgreSQL only: sessions of this test database waiting for a lock (another transaction's row lock).
async function waitingOnLocks(): Promise<number> {
  const [row] = await handle.query<{ waiting: number }>(
    "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  );
  return row!.waiting;
}
async function untilWaiting(count: number): Promise<void> {
  for (let waited = 0; waited <= 5_000; waited += 20) {
    if ((await waitingOnLocks()) >= count) return;
    await sleep(20);
  }
}
/** Opens pool connections first, so concurrent transactions really run side by side. */
const warmPool = () => Promise.all([1, 2, 3, 4, 5, 6].map(() => handle.db.select({ id: orders.id }).from(orders).limit(1)));

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle, SUPPLIER_TERMS);
  const category = await createCategory(handle);
  const product = (prefix: string, overrides: Parameters<typeof createProduct>[2]) =>
    createProduct(handle, category.id, { sku: sku(prefix), stock: 100_000, ...overrides });
  paper = await product("PAPER", { listPriceMinor: 599, vatRateBasisPoints: 2100 });
  coffee = await product("COFFEE", { listPriceMinor: 899, vatRateBasisPoints: 900 });
  tea = await product("TEA", { listPriceMinor: 1500, vatRateBasisPoints: 900, nameNl: "Groene thee", nameEn: "Green tea" });
  chair = await product("CHAIR", { listPriceMinor: 10_000, vatRateBasisPoints: 2100 });
  cups = await product("CUPS", { listPriceMinor: 200, vatRateBasisPoints: 2100, minOrderQuantity: 6, orderMultiple: 6 });
  retired = await product("OLD", { listPriceMinor: 300, vatRateBasisPoints: 2100, active: false });
  admin = await createStaff(handle, "admin");
  stranger = await createStaff(handle, "account_manager", []);
  // The supplier's ERP listens to every order event (a pull endpoint: queued, never sent anywhere).
  await handle.db.insert(webhookEndpoints).values({ name: "ERP", delivery: "pull", url: null, secretEncrypted: "not-used-here" });
}, 120_000);
afterAll(() => db.dispose());

describe("a change", () => {
  it("another quantity, a line removed and a product added at the contract price: lines, totals, history, webhook and the orderer's mail", async () => {
    const customer = await newCustomer({ locale: "en" });
    const contract = await createPriceList(handle, customer.company.id, [{ productId: tea.id, kind: "fixed", priceMinor: 1234 }]);
    await setCustomerArticleNumbers(handle, customer, [{ productId: tea.id, articleNumber: "KL-THEE-1" }]);
    const placed = await place(customer, [[paper, 10], [coffee, 5]], { poNumber: "PO-EDIT-1" });
    expect(placed.status).toBe("placed");
    // At checkout: 10 × 5.99 = 59.90 at 21 % and 5 × 8.99 = 44.95 at 9 %, below € 250 so € 9.95 delivery,
    // split 5.68 / 4.27 over the rates.
    const before = await orderRow(placed.id);
    expect(before).toMatchObject({ subtotalMinor: 11_480, deliveryChargeMinor: 995, vatMinor: 1820, totalMinor: 13_300 });
    expect(await getOrderForStaff(customer.manager, placed.id)).toMatchObject({ canEdit: true });
    const [paperLine, coffeeLine] = await linesOf(placed.id);
    expect([paperLine!.sku, coffeeLine!.sku]).toEqual([paper.sku, coffee.sku]);
    const eventsBefore = await eventsOf(placed.id);

    // Typed in lower case, as staff do.
    await edit(customer.manager, placed.id, {
      reason: "Klant belde: minder papier, geen koffie, wel thee",
      quantities: { "1": 4, "2": 0 },
      additions: `${tea.sku.toLowerCase()};3`,
    });

    const lines = await linesOf(placed.id);
    expect(lines.map((line) => [line.lineNumber, line.sku, line.quantity, line.unitPriceMinor, line.lineTotalMinor])).toEqual([
      [1, paper.sku, 4, 599, 2396],
      // Numbered after the highest line the order had (2, now removed), never reusing it.
      [3, tea.sku, 3, 1234, 3702],
    ]);
    // The paper line is the same row, only its quantity and amount changed.
    expect(lines[0]).toEqual({ ...paperLine!, quantity: 4, lineTotalMinor: 2396 });
    expect(lines[1]).toMatchObject({
      productId: tea.id,
      name: "Green tea", // the orderer reads English
      unit: "EA",
      listPriceMinor: 1500,
      vatRateBasisPoints: 900,
      priceSource: { kind: "contract", priceListId: contract.id, priceListCode: contract.code },
      customerArticleNumber: "KL-THEE-1",
    });

    // Goods 23.96 at 21 % and 37.02 at 9 %; the € 9.95 delivery charge is kept, split 3.91 / 6.04:
    // 21 %: 27.87 → 5.85; 9 %: 43.06 → 3.88 (387.54 cents rounded).
    const after = await orderRow(placed.id);
    expect(after).toMatchObject({ status: "placed", deliveryChargeMinor: 995, subtotalMinor: 7093, vatMinor: 973, totalMinor: 8066 });
    expect(after.vatBreakdown).toEqual([
      { vatRateBasisPoints: 900, taxableMinor: 3702 + 604, vatMinor: 388 },
      { vatRateBasisPoints: 2100, taxableMinor: 2396 + 391, vatMinor: 585 },
    ]);
    await expectConsistentTotals(placed.id);

    // The history: one event, status unchanged, by the staff member, with why and what (in the orderer's language).
    const events = await eventsOf(placed.id);
    expect(events.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    expect(events).toHaveLength(eventsBefore.length + 1);
    const changed = events.at(-1)!;
    expect(changed).toMatchObject({ orderId: placed.id, kind: "changed", status: "placed", userId: customer.manager.id, createdAt: NOW });
    expect(changed.comment).toBe(
      ["Klant belde: minder papier, geen koffie, wel thee", `${paper.sku}: 10 → 4`, `${coffee.sku}: removed (5)`, `${tea.sku}: added (3)`].join("\n"),
    );
    // The buyer's order history shows it as a change.
    const history = await getBuyerOrderDetail(customer.company.id, placed.orderNumber);
    // (Found by kind: the history sorts by time, and the checkout stamps its event with the database's clock, not NOW.)
    expect(history!.events.filter((event) => event.kind === "changed")).toMatchObject([
      { kind: "changed", status: "placed", comment: changed.comment, userId: customer.manager.id, userName: customer.manager.name },
    ]);
    expect(history!.events.filter((event) => event.kind === "status")).toHaveLength(eventsBefore.length);

    // Queued for the ERP in the same transaction, as order.changed; its body carries the new order.
    const deliveries = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orderEventId, changed.id));
    expect(deliveries).toMatchObject([{ orderId: placed.id, eventType: "order.changed", status: "pending" }]);
    const body = JSON.parse((await buildWebhookBody(deliveries[0]!, "ERP", NOW))!);
    expect(body.type).toBe("order.changed");
    expect(body.data.event).toEqual({ kind: "changed", status: "placed", comment: changed.comment, at: NOW.toISOString() });
    expect(body.data.order).toMatchObject({ number: placed.orderNumber, subtotalMinor: 7093, deliveryChargeMinor: 995, vatMinor: 973, totalMinor: 8066, vatBreakdown: after.vatBreakdown });
    expect(body.data.order.lines.map((line: { lineNumber: number; sku: string; quantity: number }) => [line.lineNumber, line.sku, line.quantity])).toEqual([
      [1, paper.sku, 4],
      [3, tea.sku, 3],
    ]);
    // The checkout's own event stays order.created.
    const [created] = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.orderEventId, eventsBefore[0]!.id));
    expect(created!.eventType).toBe("order.created");

    // The orderer is mailed, in English, what changed, why and the new total.
    const mails = await changeMailsOf(customer.user.email, placed.orderNumber);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ userId: customer.user.id, kind: "order_changed", subject: `Order ${placed.orderNumber} has been changed` });
    const text = mails[0]!.bodyText;
    expect(text).toContain(`${customer.manager.name} has changed your order ${placed.orderNumber} (your reference PO-EDIT-1):`);
    expect(text).toContain(`- ${paper.sku}: 10 → 4\n- ${coffee.sku}: removed (5)\n- ${tea.sku}: added (3)`);
    expect(text).toContain("Reason: Klant belde: minder papier, geen koffie, wel thee");
    expect(text).toContain("New total incl. VAT: €80.66");
    expect(text).toContain(`/account/orders/${placed.orderNumber}`);
    // Nobody else hears of it.
    expect((await outboxTo(handle, customer.manager.email)).filter((mail) => mail.kind === "order_changed")).toEqual([]);
  });

  it("an order delivered free stays free when it shrinks below the threshold; a charged one keeps its charge when it grows past it; Dutch orderer", async () => {
    const customer = await newCustomer({ locale: "nl" });
    // 3 chairs: € 300 of goods, delivered free.
    const free = await place(customer, [[chair, 3]]);
    expect(await orderRow(free.id)).toMatchObject({ deliveryChargeMinor: 0, subtotalMinor: 30_000 });
    await edit(customer.manager, free.id, { quantities: { "1": 1 }, reason: "Twee stoelen minder" });
    expect(await orderRow(free.id)).toMatchObject({
      deliveryChargeMinor: 0,
      subtotalMinor: 10_000,
      vatMinor: 2100,
      totalMinor: 12_100,
      vatBreakdown: [{ vatRateBasisPoints: 2100, taxableMinor: 10_000, vatMinor: 2100 }],
    });
    const [mail] = await changeMailsOf(customer.user.email, free.orderNumber);
    expect(mail!.subject).toBe(`Bestelling ${free.orderNumber} is gewijzigd`);
    expect(mail!.bodyText).toContain(`- ${chair.sku}: 3 → 1`);
    expect(mail!.bodyText).toContain("Reden: Twee stoelen minder");
    expect(mail!.bodyText).toMatch(/Nieuw totaal incl\. btw: €\s121,00/);

    // € 59.90 of paper with € 9.95 delivery, grown by two chairs to € 259.90: the charge agreed at checkout stays.
    const charged = await place(customer, [[paper, 10]]);
    expect(await orderRow(charged.id)).toMatchObject({ deliveryChargeMinor: 995, subtotalMinor: 5990 + 995 });
    await edit(customer.manager, charged.id, { additions: `${chair.sku};2` });
    const grown = await orderRow(charged.id);
    expect(grown).toMatchObject({ deliveryChargeMinor: 995, subtotalMinor: 5990 + 20_000 + 995 });
    // All at 21 %: (259.90 + 9.95) × 21 % = 56.67.
    expect(grown.vatBreakdown).toEqual([{ vatRateBasisPoints: 2100, taxableMinor: 26_985, vatMinor: 5667 }]);
    expect((await changedEventsOf(charged.id))[0]!.comment).toBe(`Op verzoek van de klant\n${chair.sku}: toegevoegd (2)`);
    await expectConsistentTotals(charged.id);
  });

  it("an added product without a contract price gets the list price; an admin may change any customer's order", async () => {
    const customer = await newCustomer();
    const placed = await place(customer, [[paper, 2]]);
    await edit(admin, placed.id, { additions: `${coffee.sku};2\n${coffee.sku};1` });
    const lines = await linesOf(placed.id);
    // Repeats of one SKU add up to one line.
    expect(lines.map((line) => [line.lineNumber, line.sku, line.quantity, line.unitPriceMinor, line.priceSource])).toEqual([
      [1, paper.sku, 2, 599, { kind: "list" }],
      [2, coffee.sku, 3, 899, { kind: "list" }],
    ]);
    expect((await changedEventsOf(placed.id))[0]).toMatchObject({ userId: admin.id });
    await expectConsistentTotals(placed.id);
  });

  it("one line per product also among the additions: the same SKU typed in two ways adds up on one line", async () => {
    const customer = await newCustomer();
    const placed = await place(customer, [[paper, 2]]);
    await edit(admin, placed.id, { additions: `${coffee.sku};2\n${coffee.sku.toLowerCase()};1` });
    const lines = await linesOf(placed.id);
    expect(new Set(lines.map((line) => line.productId)).size).toBe(lines.length);
    expect(lines.find((line) => line.sku === coffee.sku)?.quantity).toBe(3);
  });

  it("a held (needs_review) and a confirmed order can be changed too", async () => {
    const customer = await newCustomer();
    for (const status of ["needs_review", "confirmed"] as const) {
      const placed = await place(customer, [[paper, 3]]);
      await handle.db.update(orders).set({ status }).where(eq(orders.id, placed.id));
      expect((await getOrderForStaff(customer.manager, placed.id)).canEdit).toBe(true);
      await edit(customer.manager, placed.id, { quantities: { "1": 2 } });
      expect(await orderRow(placed.id)).toMatchObject({ status, subtotalMinor: 2 * 599 + 995 });
      expect(await changedEventsOf(placed.id)).toMatchObject([{ status }]);
    }
  });
});

describe("a refused change leaves the order as it was: lines, totals, history, webhooks, no mail", () => {
  let customer: Customer;
  beforeAll(async () => {
    customer = await newCustomer();
  });

  /** Expects the change to be refused with exactly this error, and to have written nothing. */
  async function expectRefused(
    placed: { id: number },
    attempt: () => Promise<unknown>,
    expected: { code: string; message: string; details?: Record<string, unknown> },
  ) {
    const before = await stateOf(placed.id);
    const error = await appError(attempt());
    expect({ code: error.code, message: error.message }).toEqual({ code: expected.code, message: expected.message });
    if (expected.details) expect(error.details).toMatchObject(expected.details);
    expect(await stateOf(placed.id)).toEqual(before);
    return before;
  }

  it.each<OrderStatus>(["awaiting_approval", "rejected", "shipped", "cancelled"])("an order in status %s: order_edit_not_editable", async (status) => {
    const placed = await place(customer, [[paper, 3]]);
    await handle.db.update(orders).set({ status }).where(eq(orders.id, placed.id));
    expect((await getOrderForStaff(customer.manager, placed.id)).canEdit).toBe(false);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "1": 2 } }), { code: "conflict", message: "order_edit_not_editable" });
  });

  it("an order cancelled by staff: order_edit_not_editable", async () => {
    const placed = await place(customer, [[paper, 3]]);
    await cancelWebOrderForStaff(customer.manager, { orderId: placed.id, comment: "Dubbel" }, NOW);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { additions: `${coffee.sku};1` }), { code: "conflict", message: "order_edit_not_editable" });
  });

  it("a shipment blocks the change even where the status does not show it (checked under the lock): order_edit_shipped", async () => {
    const placed = await place(customer, [[paper, 3], [coffee, 1]]);
    await shipOrder(placed.id, [{ lineNumber: 1, quantity: 1 }]);
    await handle.db.update(orders).set({ status: "confirmed" }).where(eq(orders.id, placed.id));
    expect((await getOrderForStaff(customer.manager, placed.id)).canEdit).toBe(false);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "2": 3 } }), { code: "conflict", message: "order_edit_shipped" });
  });

  it("an invoiced order nothing of which has shipped (still placed): order_edit_invoiced", async () => {
    const placed = await place(customer, [[paper, 3]]);
    expect((await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW })).ok).toBe(true);
    expect((await orderRow(placed.id)).status).toBe("placed");
    expect((await getOrderForStaff(customer.manager, placed.id)).canEdit).toBe(false);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "1": 1 } }), { code: "conflict", message: "order_edit_invoiced" });
  });

  it("a procurement system's order (cXML), in an editable status: not found", async () => {
    const { orderId } = await placeCxmlOrder(handle, customer, [{ productId: paper.id, sku: paper.sku, quantity: 4, unitPriceMinor: 599, vatRateBasisPoints: 2100 }], {
      orderId: `PO-CXML-${customer.company.id}`,
      now: NOW,
    });
    expect((await orderRow(orderId)).source).toBe("cxml");
    for (const status of ["placed", "confirmed"] as const) {
      await handle.db.update(orders).set({ status }).where(eq(orders.id, orderId));
      expect((await getOrderForStaff(customer.manager, orderId)).canEdit).toBe(false);
      await expectRefused({ id: orderId }, () => edit(customer.manager, orderId, { quantities: { "1": 2 } }), { code: "not_found", message: "order_not_found" });
      await expectRefused({ id: orderId }, () => edit(admin, orderId, { quantities: { "1": 2 } }), { code: "not_found", message: "order_not_found" });
    }
  });

  it("an account manager of another customer: not found; below that, the data layer holds the company", async () => {
    const placed = await place(customer, [[paper, 3]]);
    const other = await newCustomer();
    await expectRefused(placed, () => edit(stranger, placed.id, { quantities: { "1": 2 } }), { code: "not_found", message: "order_not_found" });
    await expectRefused(placed, () => edit(other.manager, placed.id, { quantities: { "1": 2 } }), { code: "not_found", message: "order_not_found" });
    const before = await stateOf(placed.id);
    const outcome = await changeWebOrder({
      orderId: placed.id,
      companyId: other.company.id,
      quantities: { "1": 2 },
      additions: [],
      unknownSkus: [],
      parseProblems: [],
      staffUserId: other.manager.id,
      comment: () => "elders",
      now: NOW,
    });
    expect(outcome).toEqual({ ok: false, reason: "not_found" });
    expect(await stateOf(placed.id)).toEqual(before);
    // Unknown order ids likewise.
    await expect(edit(admin, 2_000_000_000, { quantities: { "1": 2 } })).rejects.toMatchObject({ code: "not_found", message: "order_not_found" });
  });

  it.each(["", "   "])("without a reason (%j): the form refuses it, and so does the change itself", async (reason) => {
    const parsed = editOrderFormSchema.safeParse({ orderId: "1", reason, quantity_1: "2" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["reason", "reason_required"]]);
    const placed = await place(customer, [[paper, 3]]);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { reason, quantities: { "1": 2 } }), { code: "invalid_input", message: "reason_required" });
  });

  it("a quote's line keeps the quoted quantity (not changed, not removed); the order's other lines may change", async () => {
    const quoted = await newCustomer();
    await addToCart(quoted.buyer, chair.sku, 10);
    const { quoteNumber } = await requestQuote(quoted.buyer, { comment: null }, "nl", NOW);
    const requested = (await getQuoteForViewer(quoted.buyer, quoteNumber))!;
    const prices = Object.fromEntries(requested.lines.map((line) => [`price_${line.id}`, "90,00"])) as Record<`price_${number}`, string>;
    await sendQuote(quoted.manager, { quoteId: requested.id, validUntil: "2026-12-15", comment: null, ...prices }, NOW);
    await acceptQuote(quoted.buyer, quoteNumber, NOW);
    const placed = await place(quoted, [[paper, 2]]);
    const lines = await linesOf(placed.id);
    const quoteLine = lines.find((line) => line.sku === chair.sku)!;
    const paperLine = lines.find((line) => line.sku === paper.sku)!;
    expect(quoteLine).toMatchObject({ quantity: 10, unitPriceMinor: 9000, priceSource: { kind: "quote", quoteNumber } });

    for (const quantity of [12, 0]) {
      await expectRefused(placed, () => edit(quoted.manager, placed.id, { quantities: { [quoteLine.lineNumber]: quantity } }), {
        code: "invalid_input",
        message: "order_edit_quote_line",
        details: { line: quoteLine.lineNumber, sku: chair.sku },
      });
    }
    // The same quantity again is no change of it; the paper line changes.
    await edit(quoted.manager, placed.id, { quantities: { [quoteLine.lineNumber]: 10, [paperLine.lineNumber]: 5 } });
    expect((await linesOf(placed.id)).map((line) => [line.sku, line.quantity])).toEqual(lines.map((line) => [line.sku, line.sku === paper.sku ? 5 : 10]));
  });

  it("a quantity against the product's rules, on a line or an addition: quantity_rule with the suggestion", async () => {
    const placed = await place(customer, [[cups, 12], [paper, 1]]);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "1": 7 } }), {
      code: "quantity_rule",
      message: "order_edit_quantity_rule",
      details: { sku: cups.sku, quantity: 7 },
    });
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "1": 3 } }), { code: "quantity_rule", message: "order_edit_quantity_rule" });
    const other = await place(customer, [[paper, 1]]);
    await expectRefused(other, () => edit(customer.manager, other.id, { additions: `${cups.sku};4` }), {
      code: "quantity_rule",
      message: "order_edit_quantity_rule",
      details: { sku: cups.sku, quantity: 4, suggested: 6 },
    });
    // A whole box is fine.
    await edit(customer.manager, placed.id, { quantities: { "1": 18 } });
    expect((await linesOf(placed.id))[0]!.quantity).toBe(18);
  });

  it("an unknown SKU, or a product no longer sold: order_edit_unknown_sku, even next to a good addition", async () => {
    const placed = await place(customer, [[paper, 2]]);
    for (const [additions, unknown] of [
      ["BESTAAT-NIET-1;2", "BESTAAT-NIET-1"],
      [`${retired.sku};2`, retired.sku],
      [`${coffee.sku};1\n${retired.sku.toLowerCase()};1`, retired.sku.toLowerCase()],
    ] as const) {
      await expectRefused(placed, () => edit(customer.manager, placed.id, { additions }), {
        code: "invalid_input",
        message: "order_edit_unknown_sku",
        details: { sku: unknown },
      });
    }
  });

  it("for a customer limited to its contract assortment, a product outside it: order_edit_not_in_assortment naming it, unless staff tick that they mean it", async () => {
    const limited = await newCustomer();
    await createPriceList(handle, limited.company.id, [
      { productId: tea.id, kind: "fixed", priceMinor: 1234 },
      { productId: chair.id, kind: "fixed", priceMinor: 9500 },
    ]);
    const placed = await place(limited, [[tea, 2]]);
    await handle.db.update(companies).set({ assortment: "contract" }).where(eq(companies.id, limited.company.id));
    await expectRefused(placed, () => edit(limited.manager, placed.id, { additions: `${chair.sku};1\n${coffee.sku};2\n${paper.sku};1` }), {
      code: "invalid_input",
      message: "order_edit_not_in_assortment",
      details: { skus: `${coffee.sku}, ${paper.sku}`, field: "additions" },
    });
    // Inside the contract: added as ever.
    await edit(limited.manager, placed.id, { additions: `${chair.sku};1` });
    // The form's tick box says they mean it: added, at the price the customer would pay (list price).
    const form = editOrderFormSchema.parse({ orderId: String(placed.id), reason: "Telefonisch besteld", additions: `${coffee.sku};2`, allowOutsideAssortment: "on" });
    expect(form.allowOutsideAssortment).toBe(true);
    await changeWebOrderForStaff(limited.manager, form, NOW);
    expect((await linesOf(placed.id)).map((line) => [line.sku, line.quantity, line.unitPriceMinor])).toEqual([
      [tea.sku, 2, 1234],
      [chair.sku, 1, 9500],
      [coffee.sku, 2, 899],
    ]);
    // Without the tick box the form says no.
    expect(editOrderFormSchema.parse({ orderId: String(placed.id), reason: "x" }).allowOutsideAssortment).toBe(false);
  });

  it("a product already on the order: order_edit_already_on_order (more of it is that line's quantity)", async () => {
    const placed = await place(customer, [[paper, 2], [coffee, 1]]);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { additions: `${coffee.sku.toLowerCase()};4` }), {
      code: "invalid_input",
      message: "order_edit_already_on_order",
      details: { sku: coffee.sku, line: 2 },
    });
  });

  it("every line removed: order_edit_no_lines_left (that is a cancellation)", async () => {
    const placed = await place(customer, [[paper, 2], [coffee, 1]]);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "1": 0, "2": 0 } }), { code: "invalid_input", message: "order_edit_no_lines_left" });
  });

  it("nothing changed (the same quantities, nothing added): order_edit_nothing_changed", async () => {
    const placed = await place(customer, [[paper, 2], [coffee, 1]]);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "1": 2, "2": 1 } }), { code: "invalid_input", message: "order_edit_nothing_changed" });
    await expectRefused(placed, () => edit(customer.manager, placed.id, {}), { code: "invalid_input", message: "order_edit_nothing_changed" });
  });

  it("a line number the order does not have: order_edit_unknown_line", async () => {
    const placed = await place(customer, [[paper, 2]]);
    await expectRefused(placed, () => edit(customer.manager, placed.id, { quantities: { "7": 2 } }), { code: "invalid_input", message: "order_edit_unknown_line" });
  });
});

describe("a larger order stays within the customer's own rules and our credit", () => {
  /** A customer without delivery charges (the amounts below are goods only), with a buyer whose order limit is `limitMinor`. */
  async function guardedCustomer(options: { orderLimitMinor?: number; creditLimitMinor?: number } = {}) {
    const customer = await newCustomer({ freeDelivery: true });
    if (options.orderLimitMinor !== undefined) {
      await handle.db.update(users).set({ orderLimitMinor: options.orderLimitMinor }).where(eq(users.id, customer.user.id));
      (customer.buyer as BuyerUser).orderLimitMinor = options.orderLimitMinor;
    }
    if (options.creditLimitMinor !== undefined) await setCreditLimit(customer.company.id, options.creditLimitMinor);
    return customer;
  }

  it("above the orderer's order limit: order_edit_order_limit; up to it exactly: changed", async () => {
    // € 500 excl. VAT; 3 chairs (€ 300) were placed without approval.
    const customer = await guardedCustomer({ orderLimitMinor: 50_000 });
    const placed = await place(customer, [[chair, 3]]);
    expect(placed.status).toBe("placed");
    const before = await stateOf(placed.id);
    const error = await appError(edit(customer.manager, placed.id, { quantities: { "1": 6 } }));
    expect([error.code, error.message]).toEqual(["conflict", "order_edit_order_limit"]);
    expect(await stateOf(placed.id)).toEqual(before);
    // By an added product just the same.
    await expect(edit(customer.manager, placed.id, { additions: `${paper.sku};1`, quantities: { "1": 5 } })).rejects.toMatchObject({ message: "order_edit_order_limit" });
    expect(await stateOf(placed.id)).toEqual(before);

    await edit(customer.manager, placed.id, { quantities: { "1": 5 } });
    expect(await orderRow(placed.id)).toMatchObject({ subtotalMinor: 50_000, status: "placed" });
  });

  it("beyond the cost centre's budget, another order using most of it: order_edit_budget; the order itself counts once", async () => {
    const customer = await guardedCustomer();
    // € 1,000 a month; another order takes € 800, this one € 100.
    await handle.db.insert(costCenters).values({ companyId: customer.company.id, code: "KP-100", name: "Facilitair", budgetMinor: 100_000, budgetPeriod: "month" });
    const other = await place(customer, [[chair, 8]], { costCenter: "KP-100" });
    const placed = await place(customer, [[chair, 1]], { costCenter: "KP-100" });
    expect([other.status, placed.status]).toEqual(["placed", "placed"]);
    expect((await orderRow(placed.id)).costCenterId).not.toBeNull();

    // Two chairs: 800 + 200 = the budget exactly (not 800 + 100 + 200: the order's old amount is replaced).
    await edit(customer.manager, placed.id, { quantities: { "1": 2 } });
    expect((await orderRow(placed.id)).subtotalMinor).toBe(20_000);

    // Three: 800 + 300 > 1,000.
    const before = await stateOf(placed.id);
    const error = await appError(edit(customer.manager, placed.id, { quantities: { "1": 3 } }));
    expect([error.code, error.message]).toEqual(["conflict", "order_edit_budget"]);
    const added = await appError(edit(customer.manager, placed.id, { additions: `${paper.sku};1` }));
    expect(added.message).toBe("order_edit_budget");
    expect(await stateOf(placed.id)).toEqual(before);

    // Once the other order is cancelled its share is free again.
    await cancelWebOrderForStaff(customer.manager, { orderId: other.id, comment: "Niet meer nodig" }, NOW);
    await edit(customer.manager, placed.id, { quantities: { "1": 10 } });
    expect((await orderRow(placed.id)).subtotalMinor).toBe(100_000);
  });

  it("beyond the customer's credit limit: order_edit_credit_limit; the order counts once, with its new total incl. VAT", async () => {
    // Ten chairs incl. VAT; four were ordered.
    const customer = await guardedCustomer({ creditLimitMinor: 10 * 12_100 });
    const placed = await place(customer, [[chair, 4]]);
    expect(placed.status).toBe("placed");
    expect(await getCreditUse(customer.company.id)).toEqual({ limitMinor: 121_000, unpaidInvoicesMinor: 0, uninvoicedOrdersMinor: 4 * 12_100 });

    const before = await stateOf(placed.id);
    const error = await appError(edit(customer.manager, placed.id, { quantities: { "1": 11 } }));
    expect([error.code, error.message]).toEqual(["conflict", "order_edit_credit_limit"]);
    expect(await stateOf(placed.id)).toEqual(before);

    // Ten: the limit exactly (the order's old 4 are not counted on top).
    await edit(customer.manager, placed.id, { quantities: { "1": 10 } });
    expect(await orderRow(placed.id)).toMatchObject({ totalMinor: 121_000, status: "placed" });
    expect(await getCreditUse(customer.company.id)).toMatchObject({ uninvoicedOrdersMinor: 121_000 });
  });

  it("a change that makes the order smaller is always allowed, even beyond every limit already", async () => {
    const customer = await guardedCustomer({ orderLimitMinor: 100_000, creditLimitMinor: 1_000_000 });
    await handle.db.insert(costCenters).values({ companyId: customer.company.id, code: "KP-200", name: "ICT", budgetMinor: 100_000, budgetPeriod: "month" });
    const placed = await place(customer, [[chair, 8], [paper, 10]], { costCenter: "KP-200" });
    expect(placed.status).toBe("placed");
    // Since then: the credit limit lowered far below what the customer owes, the order limit and budget cut.
    await setCreditLimit(customer.company.id, 1000);
    await handle.db.update(users).set({ orderLimitMinor: 1000 }).where(eq(users.id, customer.user.id));
    await handle.db.update(costCenters).set({ budgetMinor: 1000 }).where(eq(costCenters.companyId, customer.company.id));

    await expect(edit(customer.manager, placed.id, { quantities: { "2": 11 } })).rejects.toMatchObject({ code: "conflict", message: "order_edit_order_limit" });
    await handle.db.update(users).set({ orderLimitMinor: null }).where(eq(users.id, customer.user.id));
    await expect(edit(customer.manager, placed.id, { quantities: { "2": 11 } })).rejects.toMatchObject({ code: "conflict", message: "order_edit_budget" });
    await handle.db.update(costCenters).set({ budgetMinor: null }).where(eq(costCenters.companyId, customer.company.id));
    await expect(edit(customer.manager, placed.id, { quantities: { "2": 11 } })).rejects.toMatchObject({ code: "conflict", message: "order_edit_credit_limit" });
    await handle.db.update(users).set({ orderLimitMinor: 1000 }).where(eq(users.id, customer.user.id));
    await handle.db.update(costCenters).set({ budgetMinor: 1000 }).where(eq(costCenters.companyId, customer.company.id));

    // Fewer chairs: smaller.
    await edit(customer.manager, placed.id, { quantities: { "1": 7 } });
    // A chair fewer and a coffee more: still smaller in all (−100.00 + 8.99).
    await edit(customer.manager, placed.id, { quantities: { "1": 6 }, additions: `${coffee.sku};1` });
    expect(await orderRow(placed.id)).toMatchObject({ subtotalMinor: 6 * 10_000 + 10 * 599 + 899, status: "placed" });
    expect(await changedEventsOf(placed.id)).toHaveLength(2);
    await expectConsistentTotals(placed.id);
  });
});

describe("at the same time", () => {
  /**
   * Runs two actions side by side: in every third round started at once, otherwise one of them gets
   * a head start of a few milliseconds (alternating), so that both orders of winning come up.
   */
  async function together<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[PromiseSettledResult<A>, PromiseSettledResult<B>]> {
    const headStart = 40;
    const first = round % 3 === 2 ? sleep(headStart).then(a) : a();
    const second = round % 3 === 1 ? sleep(headStart).then(b) : b();
    return Promise.allSettled([first, second]);
  }

  it("a change and a shipment: whichever gets the order first; a refused change writes nothing, a shipment after a change ships the changed lines", async () => {
    const customer = await newCustomer();
    await warmPool();
    const outcomes = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const placed = await place(customer, [[paper, 4], [coffee, 2]]);
      const linesBefore = await linesOf(placed.id);
      const [changed, shipped] = await together(
        round,
        // No added line here: see the known bug below (a shipment racing a change that adds a line).
        () => edit(customer.manager, placed.id, { quantities: { "1": 3, "2": 0 } }),
        () => shipOrderForStaff(customer.manager, { orderId: placed.id, carrier: "PostNL", trackingNumber: `3SRACE${placed.id}`, trackingUrl: null }, NOW),
      );
      expect(shipped.status, `round ${round}`).toBe("fulfilled");
      const [shipment, ...more] = await shipmentsOf(placed.id);
      expect(more).toEqual([]);
      const lines = await linesOf(placed.id);
      if (changed.status === "fulfilled") {
        outcomes.add("change first");
        expect(lines.map((line) => [line.lineNumber, line.sku, line.quantity])).toEqual([[1, paper.sku, 3]]);
        expect(await changedEventsOf(placed.id)).toHaveLength(1);
        expect(await changeMailsOf(customer.user.email, placed.orderNumber)).toHaveLength(1);
      } else {
        outcomes.add("shipment first");
        // Shipped in full, the order is no longer editable.
        expect(changed.reason).toBeInstanceOf(AppError);
        expect(changed.reason).toMatchObject({ code: "conflict", message: "order_edit_not_editable" });
        expect(lines).toEqual(linesBefore);
        expect(await changedEventsOf(placed.id)).toEqual([]);
        expect(await changeMailsOf(customer.user.email, placed.orderNumber)).toEqual([]);
      }
      // Either way the shipment is exactly the order's lines as they are now.
      expect(shipment!.lines).toEqual(lines.map((line) => ({ lineNumber: line.lineNumber, quantity: line.quantity })));
      expect((await orderRow(placed.id)).status).toBe("shipped");
      await expectConsistentTotals(placed.id);
    }
    expect([...outcomes].sort()).toEqual(["change first", "shipment first"]);
  });

  it("a change and a staff cancellation: the cancellation always stands; the change before it, or refused after it", async () => {
    const customer = await newCustomer();
    await warmPool();
    const outcomes = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const placed = await place(customer, [[paper, 4], [coffee, 2]]);
      const linesBefore = await linesOf(placed.id);
      const [changed, cancelled] = await together(
        round,
        () => edit(customer.manager, placed.id, { quantities: { "1": 3 }, additions: `${tea.sku};2` }),
        () => cancelWebOrderForStaff(customer.manager, { orderId: placed.id, comment: "Klant annuleert" }, NOW),
      );
      expect(cancelled.status, `round ${round}`).toBe("fulfilled");
      expect((await orderRow(placed.id)).status).toBe("cancelled");
      const events = await eventsOf(placed.id);
      const kinds = events.slice(1).map((event) => `${event.kind}:${event.status}`);
      if (changed.status === "fulfilled") {
        outcomes.add("change first");
        expect(kinds).toEqual(["changed:placed", "status:cancelled"]);
        expect((await linesOf(placed.id)).map((line) => [line.lineNumber, line.quantity])).toEqual([
          [1, 3],
          [2, 2],
          [3, 2],
        ]);
      } else {
        outcomes.add("cancellation first");
        expect(changed.reason).toBeInstanceOf(AppError);
        expect(changed.reason).toMatchObject({ code: "conflict", message: "order_edit_not_editable" });
        expect(kinds).toEqual(["status:cancelled"]);
        expect(await linesOf(placed.id)).toEqual(linesBefore);
        expect(await changeMailsOf(customer.user.email, placed.orderNumber)).toEqual([]);
      }
      await expectConsistentTotals(placed.id);
    }
    expect([...outcomes].sort()).toEqual(["cancellation first", "change first"]);
  });

  it("two changes that each add a product: both apply one after the other, line numbers stay unique", async () => {
    const customer = await newCustomer();
    await warmPool();
    for (let round = 0; round < 6; round++) {
      const placed = await place(customer, [[paper, 4], [coffee, 2]]);
      const results = await Promise.allSettled([
        edit(customer.manager, placed.id, { additions: `${tea.sku};1`, reason: "Een" }),
        edit(admin, placed.id, { additions: `${chair.sku};1`, reason: "Twee" }),
      ]);
      expect(
        results.map((r) => (r.status === "fulfilled" ? "ok" : String(r.reason))),
        `round ${round}`,
      ).toEqual(["ok", "ok"]);
      const lines = await linesOf(placed.id);
      expect(lines.map((line) => line.lineNumber)).toEqual([1, 2, 3, 4]);
      expect(lines.slice(2).map((line) => line.sku).sort()).toEqual([tea.sku, chair.sku].sort());
      const changed = await changedEventsOf(placed.id);
      expect(changed).toHaveLength(2);
      // The second change saw the first one's line: each added "its" line number.
      const numberOf = (sku: string) => lines.find((line) => line.sku === sku)!.lineNumber;
      expect(changed.map((event) => event.comment!.split("\n")[1]).sort()).toEqual(
        [`${tea.sku}: toegevoegd (1)`, `${chair.sku}: toegevoegd (1)`].sort(),
      );
      expect(numberOf(tea.sku)).not.toBe(numberOf(chair.sku));
      await expectConsistentTotals(placed.id);
      expect((await orderRow(placed.id)).subtotalMinor).toBe(4 * 599 + 2 * 899 + 1500 + 10_000 + 995);
    }
  });

  // Deterministic on PostgreSQL: another transaction holds the order's row lock while the change
  // starts, so the change must wait for it and look at the order again afterwards. PGlite runs one
  // transaction at a time, so nothing can happen in between there.
  describe.runIf(onPostgres)("while another transaction holds the order", () => {
    it("shipped by it while the change waited: the change is refused and writes nothing", async () => {
      const customer = await newCustomer();
      await warmPool();
      const placed = await place(customer, [[paper, 4], [coffee, 2]]);
      const linesBefore = await linesOf(placed.id);
      let attempt!: Promise<unknown>;
      await handle.db.transaction(async (tx) => {
        await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, placed.id)).for("update");
        attempt = failure(edit(customer.manager, placed.id, { quantities: { "1": 3 }, additions: `${tea.sku};2` }));
        await untilWaiting(1);
        // What recordOrderShipment writes for a complete shipment.
        await tx.insert(orderShipments).values({
          orderId: placed.id,
          shipmentNumber: `${placed.orderNumber}-S1`,
          carrier: "PostNL",
          trackingNumber: "3SLOCKED1",
          lines: linesBefore.map((line) => ({ lineNumber: line.lineNumber, quantity: line.quantity })),
        });
        await tx.update(orders).set({ status: "shipped" }).where(eq(orders.id, placed.id));
        await tx.insert(orderEvents).values({ orderId: placed.id, status: "shipped", userId: null, comment: `${placed.orderNumber}-S1: PostNL 3SLOCKED1` });
      });
      const error = await attempt;
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "conflict", message: "order_edit_not_editable" });
      expect(await linesOf(placed.id)).toEqual(linesBefore);
      expect(await changedEventsOf(placed.id)).toEqual([]);
      expect(await changeMailsOf(customer.user.email, placed.orderNumber)).toEqual([]);
    });

    it("a shipment without a status change while the change waited: order_edit_shipped", async () => {
      const customer = await newCustomer();
      await warmPool();
      const placed = await place(customer, [[paper, 4]]);
      const before = await stateOf(placed.id);
      let attempt!: Promise<unknown>;
      await handle.db.transaction(async (tx) => {
        await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, placed.id)).for("update");
        attempt = failure(edit(customer.manager, placed.id, { quantities: { "1": 3 } }));
        await untilWaiting(1);
        await tx.insert(orderShipments).values({ orderId: placed.id, shipmentNumber: `${placed.orderNumber}-S1`, carrier: "PostNL", trackingNumber: "3SLOCKED2", lines: [{ lineNumber: 1, quantity: 1 }] });
      });
      expect(await attempt).toMatchObject({ code: "conflict", message: "order_edit_shipped" });
      expect(await stateOf(placed.id)).toEqual(before);
    });

    /** The change first in line for the order's lock, a staff shipment (everything open) behind it. */
    async function changeThenShip(customer: Customer, placed: { id: number }, what: Parameters<typeof change>[1]) {
      let changed!: Promise<unknown>;
      let shipped!: Promise<unknown>;
      await handle.db.transaction(async (tx) => {
        await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, placed.id)).for("update");
        changed = failure(edit(customer.manager, placed.id, what));
        await untilWaiting(1);
        shipped = failure(shipOrderForStaff(customer.manager, { orderId: placed.id, carrier: "PostNL", trackingNumber: `3SBEHIND${placed.id}`, trackingUrl: null }, NOW));
        await untilWaiting(2);
      });
      return { changed: await changed, shipped: await shipped };
    }

    it("a change first in line, a shipment behind it: the shipment ships the changed lines", async () => {
      const customer = await newCustomer();
      await warmPool();
      const placed = await place(customer, [[paper, 4], [coffee, 2]]);
      expect(await changeThenShip(customer, placed, { quantities: { "1": 3, "2": 0 } })).toEqual({ changed: null, shipped: null });
      const [shipment] = await shipmentsOf(placed.id);
      expect(shipment!.lines).toEqual([{ lineNumber: 1, quantity: 3 }]);
      expect((await orderRow(placed.id)).status).toBe("shipped");
    });

    // The shipment's mail is built from the lines read under the lock (recordOrderShipment), so a
    // line the change added while the shipment waited is named in it.
    it("a change that adds a line first in line, a shipment behind it: the shipment ships the added line too", async () => {
      const customer = await newCustomer();
      await warmPool();
      const placed = await place(customer, [[paper, 4], [coffee, 2]]);
      expect(await changeThenShip(customer, placed, { quantities: { "1": 3, "2": 0 }, additions: `${tea.sku};2` })).toEqual({ changed: null, shipped: null });
      const [shipment] = await shipmentsOf(placed.id);
      expect(shipment!.lines).toEqual([
        { lineNumber: 1, quantity: 3 },
        { lineNumber: 3, quantity: 2 },
      ]);
    });

    it("two changes queued for the order: the second sees the first's line and numbers its own after it", async () => {
      const customer = await newCustomer();
      await warmPool();
      const placed = await place(customer, [[paper, 4], [coffee, 2]]);
      let first!: Promise<unknown>;
      let second!: Promise<unknown>;
      await handle.db.transaction(async (tx) => {
        await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, placed.id)).for("update");
        first = failure(edit(customer.manager, placed.id, { additions: `${tea.sku};1`, reason: "Een" }));
        await untilWaiting(1);
        second = failure(edit(admin, placed.id, { additions: `${chair.sku};1`, reason: "Twee" }));
        await untilWaiting(2);
      });
      expect(String(await first)).toBe("null");
      expect(String(await second)).toBe("null");
      expect((await linesOf(placed.id)).map((line) => [line.lineNumber, line.sku])).toEqual([
        [1, paper.sku],
        [2, coffee.sku],
        [3, tea.sku],
        [4, chair.sku],
      ]);
      expect(await changedEventsOf(placed.id)).toHaveLength(2);
      await expectConsistentTotals(placed.id);
    });
  });
});

describe("invoicing after a change", () => {
  it("bills the changed lines: the invoice's lines, delivery charge and totals are the order's; after it, no more changes", async () => {
    const customer = await newCustomer();
    await createPriceList(handle, customer.company.id, [{ productId: tea.id, kind: "fixed", priceMinor: 1234 }]);
    // Goods 59.90 + 44.95 + 100.00 = 204.85, below € 250: € 9.95 delivery.
    const placed = await place(customer, [[paper, 10], [coffee, 5], [chair, 1]]);
    expect((await orderRow(placed.id)).deliveryChargeMinor).toBe(995);
    await edit(customer.manager, placed.id, { quantities: { "1": 7, "3": 0 }, additions: `${tea.sku};3` });
    const order = await orderRow(placed.id);
    const lines = await linesOf(placed.id);
    expect(lines.map((line) => [line.lineNumber, line.sku, line.quantity, line.lineTotalMinor])).toEqual([
      [1, paper.sku, 7, 4193],
      [2, coffee.sku, 5, 4495],
      [4, tea.sku, 3, 3702],
    ]);
    expect(order).toMatchObject({ deliveryChargeMinor: 995, subtotalMinor: 4193 + 4495 + 3702 + 995 });

    const issued = await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW });
    if (!issued.ok) throw new Error(`expected an invoice, got ${issued.error}: ${issued.detail ?? ""}`);
    const [invoice] = await handle.db.select().from(invoices).where(eq(invoices.id, issued.invoice.id));
    expect(invoice).toMatchObject({
      kind: "invoice",
      orderId: placed.id,
      lineExtensionMinor: 4193 + 4495 + 3702,
      deliveryChargeMinor: order.deliveryChargeMinor,
      taxExclusiveMinor: order.subtotalMinor,
      taxMinor: order.vatMinor,
      payableMinor: order.totalMinor,
    });
    const billed = await handle.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id)).orderBy(asc(invoiceLines.orderLineNumber));
    expect(billed.map((line) => [line.orderLineNumber, line.quantity, line.netMinor])).toEqual(lines.map((line) => [line.lineNumber, line.quantity, line.lineTotalMinor]));

    // Invoiced, the order is not changed any more (nothing shipped, still placed).
    const error = await appError(edit(customer.manager, placed.id, { quantities: { "1": 8 } }));
    expect([error.code, error.message]).toEqual(["conflict", "order_edit_invoiced"]);
    expect(await linesOf(placed.id)).toEqual(lines);
  });
});
