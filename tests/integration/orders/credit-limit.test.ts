// Credit on account ("op rekening"): a customer's credit limit bounds unpaid invoices (less unpaid
// credit notes) plus what is not yet invoiced of its orders, all incl. VAT. An order beyond it is
// never refused but held for the supplier's review ("needs_review"): at checkout, when an approver
// approves one, and when a procurement system sends an OrderRequest. Staff release or cancel a held
// web order (its orderer is mailed), and the ERP sets the limit and reports payments, which free it.

// Imported first: the vi.mock factory below uses it while the other imports load.
import { authMock } from "../../support/next-request-mocks";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  companies,
  invoices,
  orderEvents,
  orderLines,
  orders,
  punchoutSessions,
  punchoutTransferLines,
  punchoutTransfers,
  purchaseOrders,
  type OrderStatus,
} from "@/db/schema";
import { creditLimitSchema, getCreditForStaff, setCreditLimitForStaff, setInvoicePaymentForStaff } from "@/lib/admin/credit-api";
import { confirmOrderForStaff, getOrderForStaff } from "@/lib/admin/purchase-orders";
import type { StaffUser } from "@/lib/auth/guards";
import { addToCart, getPricedCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { countOrdersToReview, getCreditUse, getOverdueInvoices, listOrdersToReview, setCreditLimit } from "@/lib/data/credit";
import { createOrder } from "@/lib/data/orders";
import { AppError } from "@/lib/errors";
import { issueCreditNote, issueInvoiceForOrder, markInvoicePaid } from "@/lib/invoices/issue-invoice";
import { approvalReasons } from "@/lib/orders/approval-rule";
import { decideOrder } from "@/lib/orders/approvals";
import type { CreditUse } from "@/lib/orders/credit";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import {
  createInvoiceCustomer,
  createSupplierProfile,
  placeCxmlOrder,
  placeWebOrder,
  shipOrder,
  type InvoiceCustomer,
} from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

// The credit API reaches the invoice access rules, whose module also serves signed-in requests
// (next-auth); nobody is signed in here: staff are passed in, as the API routes do after their check.
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
// Saturday 28 November 2026, 11:00 in Amsterdam.
const NOW = new Date("2026-11-28T10:00:00Z");

/** A chair: € 100.00 excl. VAT at 21 %, so € 121.00 incl. VAT, the amount credit counts in. */
let chair: Awaited<ReturnType<typeof createProduct>>;
const CHAIR = 12_100;

const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e);

async function appError(work: Promise<unknown>): Promise<AppError> {
  const error = await failure(work);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A customer that can be invoiced, with the given credit limit (null: none). */
async function newCustomer(limitMinor: number | null): Promise<InvoiceCustomer> {
  const customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", vatId: "NL123456789B01" });
  if (limitMinor !== null) await setCreditLimit(customer.company.id, limitMinor);
  return customer;
}

/** `quantity` chairs through the real cart and checkout. */
const webOrder = (customer: InvoiceCustomer, quantity: number, poNumber?: string) =>
  placeWebOrder(customer, [{ sku: chair.sku, quantity }], { poNumber, now: NOW });

async function invoice(orderId: number, options: { shipmentId?: number; charges?: { reason: string; amountMinor: number; vatRateBp: number }[] } = {}) {
  const result = await issueInvoiceForOrder({ orderId, userId: null, now: NOW, ...options });
  if (!result.ok) throw new Error(`expected an invoice, got ${result.error}: ${result.detail ?? ""}`);
  return result.invoice;
}

const use = (limitMinor: number, unpaidInvoicesMinor: number, uninvoicedOrdersMinor: number): CreditUse => ({ limitMinor, unpaidInvoicesMinor, uninvoicedOrdersMinor });
const creditOf = (customer: { company: { id: number } }) => getCreditUse(customer.company.id);
const exposureOf = async (customer: { company: { id: number } }) => {
  const credit = (await creditOf(customer))!;
  return credit.unpaidInvoicesMinor + credit.uninvoicedOrdersMinor;
};

const orderRow = async (orderId: number) => (await handle.db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const eventsOf = (orderId: number) => handle.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
const mailsOf = async (email: string, kind: string, orderNumber: string) =>
  (await outboxTo(handle, email)).filter((mail) => mail.kind === kind && mail.subject.includes(orderNumber));

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, vatRateBasisPoints: 2100, stock: 100_000 });
}, 120_000);
afterAll(() => db.dispose());

describe("getCreditUse: what a customer owes and has committed to owe", () => {
  it("is null for a customer without a credit limit, whatever it owes", async () => {
    const customer = await newCustomer(null);
    const { id } = await webOrder(customer, 2);
    await invoice(id);
    await webOrder(customer, 1);
    expect(await creditOf(customer)).toBeNull();
    // Removing a limit again means: no limit (not a limit of zero).
    await setCreditLimit(customer.company.id, 50_000);
    expect(await creditOf(customer)).toEqual(use(50_000, 2 * CHAIR, CHAIR));
    await setCreditLimit(customer.company.id, null);
    expect(await creditOf(customer)).toBeNull();
  });

  it("counts unpaid invoices less unpaid credit notes; paid documents not at all", async () => {
    const customer = await newCustomer(1_000_000);
    const { id } = await webOrder(customer, 2);
    expect(await creditOf(customer)).toEqual(use(1_000_000, 0, 2 * CHAIR));

    // Invoiced, the order's amount moves from "orders" to "invoices".
    const issued = await invoice(id);
    expect(await creditOf(customer)).toEqual(use(1_000_000, 2 * CHAIR, 0));

    // A credit note for one chair is owed back to the customer until paid back; it does not reopen the order.
    const credited = await issueCreditNote({ invoiceId: issued.id, lines: [{ lineId: "1", quantity: 1 }], reason: "1 stoel beschadigd", userId: null, now: NOW });
    if (!credited.ok) throw new Error(credited.detail);
    expect(await creditOf(customer)).toEqual(use(1_000_000, CHAIR, 0));

    // The invoice paid, only the open credit note is left: we owe the customer.
    await markInvoicePaid(issued.id, NOW);
    expect(await creditOf(customer)).toEqual(use(1_000_000, -CHAIR, 0));
    // Paid back as well: nothing is owed either way.
    await markInvoicePaid(credited.invoice.id, NOW);
    expect(await creditOf(customer)).toEqual(use(1_000_000, 0, 0));

    // Another customer's documents are not this one's.
    const other = await newCustomer(1_000_000);
    await invoice((await webOrder(other, 5)).id);
    expect(await creditOf(customer)).toEqual(use(1_000_000, 0, 0));
  });

  it("counts an order with what has not been invoiced of it yet, never below zero", async () => {
    const customer = await newCustomer(1_000_000);
    const { id } = await webOrder(customer, 3);
    // One of three chairs shipped and that shipment invoiced: two chairs are still to be invoiced.
    const shipmentId = await shipOrder(id, [{ lineNumber: 1, quantity: 1 }]);
    const partial = await invoice(id, { shipmentId });
    expect(await creditOf(customer)).toEqual(use(1_000_000, CHAIR, 2 * CHAIR));
    // Crediting that invoice settles what is owed for it, but the two chairs still to come stay to come (not one).
    const credited = await issueCreditNote({ invoiceId: partial.id, lines: "all", reason: "Retour", userId: null, now: NOW });
    if (!credited.ok) throw new Error(credited.detail);
    expect(await creditOf(customer)).toEqual(use(1_000_000, 0, 2 * CHAIR));
    await markInvoicePaid(partial.id, NOW);
    await markInvoicePaid(credited.invoice.id, NOW);
    await invoice(id);
    expect(await creditOf(customer)).toEqual(use(1_000_000, 2 * CHAIR, 0));

    // Invoiced with a shipping charge, the invoice covers more than the order: the order adds nothing (not minus the charge).
    const charged = await webOrder(customer, 1);
    const [{ payableMinor }] = (await handle.db
      .select({ payableMinor: invoices.payableMinor })
      .from(invoices)
      .where(eq(invoices.id, (await invoice(charged.id, { charges: [{ reason: "Verzendkosten", amountMinor: 695, vatRateBp: 2100 }] })).id))) as [{ payableMinor: number }];
    expect(payableMinor).toBe(CHAIR + 695 + 146);
    expect(await creditOf(customer)).toEqual(use(1_000_000, 2 * CHAIR + payableMinor, 0));
  });

  it("overdue invoices: unpaid invoices past their due date, for staff to look at first", async () => {
    const customer = await newCustomer(null);
    const first = await invoice((await webOrder(customer, 1)).id);
    const second = await invoice((await webOrder(customer, 2)).id);
    const [{ dueDate }] = (await handle.db.select({ dueDate: invoices.dueDate }).from(invoices).where(eq(invoices.id, first.id))) as [{ dueDate: string }];
    const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T12:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
    // On the due date itself nothing is overdue; the day after both are.
    expect(await getOverdueInvoices(customer.company.id, dueDate)).toEqual({ count: 0, amountMinor: 0, oldestDueDate: null });
    expect(await getOverdueInvoices(customer.company.id, dayAfter(dueDate))).toEqual({ count: 2, amountMinor: 3 * CHAIR, oldestDueDate: dueDate });
    // Paid, an invoice is no longer overdue; a credit note never is.
    await markInvoicePaid(second.id, NOW);
    const credited = await issueCreditNote({ invoiceId: first.id, lines: "all", reason: "Retour", userId: null, now: NOW });
    if (!credited.ok) throw new Error(credited.detail);
    expect(await getOverdueInvoices(customer.company.id, dayAfter(dueDate))).toEqual({ count: 1, amountMinor: CHAIR, oldestDueDate: dueDate });
  });

  describe("orders count by status", () => {
    let customer: InvoiceCustomer;
    let orderId: number;
    beforeAll(async () => {
      customer = await newCustomer(1_000_000);
      orderId = (await webOrder(customer, 2)).id;
    });

    // Orders we accepted or are reviewing may reach an invoice; waiting for the buyer's approver, rejected or cancelled ones not.
    it.each<[OrderStatus, boolean]>([
      ["placed", true],
      ["needs_review", true],
      ["accepted", true],
      ["confirmed", true],
      ["shipped", true],
      ["awaiting_approval", false],
      ["rejected", false],
      ["cancelled", false],
    ])("an order in status %s counts: %s", async (status, counts) => {
      await handle.db.update(orders).set({ status }).where(eq(orders.id, orderId));
      expect(await creditOf(customer)).toEqual(use(1_000_000, 0, counts ? 2 * CHAIR : 0));
    });
  });
});

describe("web checkout beyond the credit limit", () => {
  let customer: InvoiceCustomer;
  beforeAll(async () => {
    customer = await newCustomer(50_000);
  });

  it("places an order within the limit as before", async () => {
    const placed = await webOrder(customer, 2, "PO-CREDIT-OK");
    expect(placed.status).toBe("placed");
    expect((await eventsOf(placed.id)).map((e) => [e.status, e.comment])).toEqual([["placed", null]]);
    expect(await listOrdersToReview(customer.company.id)).toEqual([]);
  });

  it("holds an order beyond it for review, with the figures in its history; otherwise it is the same order", async () => {
    // € 242.00 owed (the order above) + € 363.00 > € 500.00.
    const held = await webOrder(customer, 3, "PO-CREDIT-HOLD");
    expect(held.status).toBe("needs_review");
    const order = await orderRow(held.id);
    expect(order).toMatchObject({
      status: "needs_review",
      source: "web",
      userId: customer.user.id,
      poNumber: "PO-CREDIT-HOLD",
      approvalReasons: [],
      subtotalMinor: 30_000,
      vatMinor: 6_300,
      totalMinor: 3 * CHAIR,
      shipTo: expect.objectContaining({ street: customer.shipTo.street }),
    });
    expect((await eventsOf(held.id)).map((e) => [e.status, e.userId, e.comment])).toEqual([
      ["needs_review", customer.user.id, "credit_limit: 242.00 + 363.00 > 500.00"],
    ]);
    const lines = await handle.db.select().from(orderLines).where(eq(orderLines.orderId, held.id));
    expect(lines.map((l) => [l.lineNumber, l.sku, l.quantity, l.unitPriceMinor, l.lineTotalMinor])).toEqual([[1, chair.sku, 3, 10_000, 30_000]]);
    // The cart was consumed as for any order: held is placed, just not processed yet.
    expect((await getPricedCart(customer.buyer, "nl", NOW)).lines).toEqual([]);
    expect((await listOrdersToReview(customer.company.id)).map((o) => [o.id, o.source, o.totalMinor])).toEqual([[held.id, "web", 3 * CHAIR]]);
    // A held order counts against the limit: the customer may still get it.
    expect(await creditOf(customer)).toEqual(use(50_000, 0, 5 * CHAIR));
  });

  // Limit set to what is owed plus `slack`, then one chair ordered: exactly what is left fits, one cent more not.
  it.each([
    { slack: CHAIR, status: "placed" },
    { slack: CHAIR - 1, status: "needs_review" },
  ])("with $slack left, an order of 12100 is $status", async ({ slack, status }) => {
    await setCreditLimit(customer.company.id, (await exposureOf(customer)) + slack);
    const placed = await webOrder(customer, 1);
    expect(placed.status).toBe(status);
    expect((await orderRow(placed.id)).status).toBe(status);
  });

  it("two orders at once that each fit but not together: one is placed, the other held", async () => {
    const racer = await newCustomer(100_000);
    const attempt = () =>
      createOrder({
        approval: { at: NOW, reasons: (budget) => approvalReasons({ orderLimitMinor: null, subtotalMinor: 60_000, budget }) },
        order: {
          companyId: racer.company.id,
          userId: racer.user.id,
          shipTo: { name: "x", attention: null, street: "s", postalCode: "1", city: "c", countryCode: "NL" },
          subtotalMinor: 60_000,
          vatMinor: 12_600,
          totalMinor: 72_600,
          vatBreakdown: [],
        },
        lines: [{ lineNumber: 1, productId: chair.id, sku: chair.sku, name: "Stoel", unit: "EA", quantity: 6, unitPriceMinor: 10_000, listPriceMinor: 10_000, lineTotalMinor: 60_000, vatRateBasisPoints: 2100, priceSource: { kind: "list" } }],
      });
    // Open pool connections first, so both transactions really run side by side.
    await Promise.all([1, 2, 3].map(() => handle.db.select({ id: orders.id }).from(orders).limit(1)));
    const results = await Promise.all([attempt(), attempt()]);
    expect(results.map((r) => r.status).sort()).toEqual(["needs_review", "placed"]);
    // The second saw the first: its hold names the first order's amount as owed.
    const held = results.find((r) => r.status === "needs_review")!;
    expect(held.credit).toEqual(use(100_000, 0, 72_600));
  });
});

describe("approval, then the credit limit", () => {
  let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
  let buyer: Awaited<ReturnType<typeof addCompanyUser>>;
  let approver: Awaited<ReturnType<typeof addCompanyUser>>;

  /** 11 chairs: € 1,100.00 excl. VAT, above the buyer's order limit of € 1,000.00; € 1,331.00 incl. VAT. */
  async function orderAboveOrderLimit() {
    await addToCart(buyer, chair.sku, 11);
    return placeOrder(buyer, { shipToAddressId: customer.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null }, "en", NOW);
  }

  beforeAll(async () => {
    customer = await createCompanyWithBuyer(handle);
    buyer = await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 100_000, locale: "en" });
    approver = await addCompanyUser(handle, customer, "approver", { locale: "nl" });
    await setCreditLimit(customer.company.id, 100_000);
  });

  it("an order above the buyer's order limit waits for the approver first: no credit check yet", async () => {
    const placed = await orderAboveOrderLimit();
    expect(placed.status).toBe("awaiting_approval");
    expect(placed.credit).toBeNull();
    const [row] = await handle.db.select().from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect((await eventsOf(row!.id)).map((e) => [e.status, e.comment])).toEqual([["awaiting_approval", null]]);
    // Not committed to us yet, so it does not count.
    expect(await getCreditUse(customer.company.id)).toEqual(use(100_000, 0, 0));
    // Rejected, it never reaches us: no credit check either.
    await decideOrder(approver, { orderNumber: placed.orderNumber, decision: "reject", comment: "Niet nodig" }, NOW);
    expect((await eventsOf(row!.id)).map((e) => e.status)).toEqual(["awaiting_approval", "rejected"]);
  });

  // Limit set to what is owed plus `slack`; the approved order is € 1,331.00 incl. VAT.
  it.each([
    { label: "beyond what is left of the credit limit: held for the supplier", slack: 133_099, status: "needs_review", kind: "order_approved", says: "The order goes beyond your company's credit limit and is reviewed by the supplier first.", not: "now being processed" },
    // Placed, the approval's mail is the order confirmation (not an "approved" mail beside it).
    { label: "exactly what is left: placed", slack: 133_100, status: "placed", kind: "order_confirmation", says: "approved your order. It is now being processed.", not: "credit limit" },
  ] as const)("approved, $label; the buyer's mail says so", async ({ slack, status, kind, says, not }) => {
    const placed = await orderAboveOrderLimit();
    expect(placed.status).toBe("awaiting_approval");
    // Set after the order was placed: the check is made when the approver decides, against the credit as it is then.
    await setCreditLimit(customer.company.id, (await exposureOf(customer)) + slack);
    await expect(decideOrder(approver, { orderNumber: placed.orderNumber, decision: "approve", comment: "Akkoord" }, NOW)).resolves.toEqual({ status });
    const [row] = await handle.db.select().from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect(row!.status).toBe(status);
    // One event for the decision, with the status the order really got: webhook consumers act on each
    // event's status, and a held order never was "placed".
    expect((await eventsOf(row!.id)).map((e) => [e.status, e.userId, e.comment])).toEqual([
      ["awaiting_approval", buyer.id, null],
      [status, approver.id, "Akkoord"],
    ]);
    const mails = (await outboxTo(handle, buyer.email)).filter((mail) => mail.subject.includes(placed.orderNumber));
    expect(mails.map((mail) => mail.kind)).toEqual([kind]);
    expect(mails[0]!.bodyText).toContain(says);
    expect(mails[0]!.bodyText).not.toContain(not);
  });
});

describe("cXML OrderRequests beyond the credit limit", () => {
  const oneChair = () => [{ productId: chair.id, sku: chair.sku, quantity: 1, unitPriceMinor: 10_000, vatRateBasisPoints: 2100 }];
  const purchaseOrderOf = async (orderId: number) => (await handle.db.select().from(purchaseOrders).where(eq(purchaseOrders.orderId, orderId)))[0]!;

  it.each([
    { label: "beyond the limit: held with the reason credit_limit", limitMinor: 10_000, status: "needs_review", reasons: [{ code: "credit_limit", detail: "0.00 + 121.00 > 100.00" }] },
    { label: "exactly the limit: accepted", limitMinor: CHAIR, status: "accepted", reasons: [] },
    { label: "no limit: accepted as before", limitMinor: null, status: "accepted", reasons: [] },
  ])("$label", async ({ limitMinor, status, reasons }) => {
    const customer = await newCustomer(limitMinor);
    const { orderId } = await placeCxmlOrder(handle, customer, oneChair(), { orderId: `PO-CREDIT-${limitMinor}`, now: NOW });
    expect((await orderRow(orderId)).status).toBe(status);
    expect((await purchaseOrderOf(orderId)).header).toMatchObject({ reasons });
    expect((await eventsOf(orderId)).map((e) => [e.status, e.comment])).toEqual([[status, reasons.length ? "credit_limit" : null]]);
  });

  it("two purchase orders at once that each fit but not together: one is accepted, the other held", async () => {
    const customer = await newCustomer(40_000);
    const threeChairs = () => [{ productId: chair.id, sku: chair.sku, quantity: 3, unitPriceMinor: 10_000, vatRateBasisPoints: 2100 }];
    // Open pool connections first, so both intakes really run side by side.
    await Promise.all([1, 2, 3].map(() => handle.db.select({ id: orders.id }).from(orders).limit(1)));
    const placed = await Promise.all(["PO-RACE-A", "PO-RACE-B"].map((orderId) => placeCxmlOrder(handle, customer, threeChairs(), { orderId, now: NOW })));
    const rows = await Promise.all(placed.map(async ({ orderId }) => ({ status: (await orderRow(orderId)).status, header: (await purchaseOrderOf(orderId)).header })));
    expect(rows.map((row) => row.status).sort()).toEqual(["accepted", "needs_review"]);
    // The one held saw the other: its reason names the other's € 363.00 as committed.
    const held = rows.find((row) => row.status === "needs_review")!;
    expect(held.header).toMatchObject({ reasons: [{ code: "credit_limit", detail: "363.00 + 363.00 > 400.00" }] });
  });

  it("a new version of a purchase order counts with its new amount only, not also with the one it replaces", async () => {
    const customer = await newCustomer(40_000);
    const from = { domain: "NetworkID", identity: `AN-CREDIT-${customer.company.id}` };
    const secret = "credit-po-secret";
    const connection = await createCxmlConnection(handle, customer.company.id, { from: [from], sender: [from], to: null, secret, origins: [] });
    // The chair comes from a transferred punchout cart, so the lines reconcile cleanly: only credit can hold the order.
    const [session] = await handle.db
      .insert(punchoutSessions)
      .values({ connectionId: connection.id, companyId: customer.company.id, userId: connection.technicalUserId!, protocol: "cxml", status: "transferred", returnUrl: "https://procurement.example.com/return", expiresAt: NOW })
      .returning();
    const [transfer] = await handle.db.insert(punchoutTransfers).values({ sessionId: session!.id, companyId: customer.company.id, currency: "EUR", totalMinor: 0 }).returning();
    const reference = `REF-CREDIT-${customer.company.id}`;
    await handle.db.insert(punchoutTransferLines).values({ transferId: transfer!.id, reference, lineNumber: 1, productId: chair.id, sku: chair.sku, description: "Stoel", quantity: 1, unit: "EA", unitPriceMinor: 10_000, vatRateBasisPoints: 2100 });
    const ship = customer.shipTo;

    const send = async (version: number, quantity: number) => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="credit-${customer.company.id}-v${version}@buyer.example" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="${from.domain}"><Identity>${from.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="${from.domain}"><Identity>${from.identity}</Identity><SharedSecret>${secret}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest>
<OrderRequestHeader orderID="PO-CREDIT-VERSIONS" orderDate="2026-11-28T10:59:00+01:00" type="${version === 1 ? "new" : "update"}" orderVersion="${version}">
<Total><Money currency="EUR">${(quantity * 100).toFixed(2)}</Money></Total>
<ShipTo><Address addressID="${ship.externalId}" isoCountryCode="NL"><Name xml:lang="nl">Magazijn</Name><PostalAddress><Street>${ship.street}</Street><City>${ship.city}</City><PostalCode>${ship.postalCode}</PostalCode><Country isoCountryCode="NL">NL</Country></PostalAddress></Address></ShipTo>
<BillTo><Address addressID="BILL-1" isoCountryCode="NL"><Name xml:lang="nl">Administratie</Name><PostalAddress><Street>${ship.street}</Street><City>${ship.city}</City><PostalCode>${ship.postalCode}</PostalCode><Country isoCountryCode="NL">NL</Country></PostalAddress></Address></BillTo>
</OrderRequestHeader>
<ItemOut quantity="${quantity}" lineNumber="1">
<ItemID><SupplierPartID>${chair.sku}</SupplierPartID><SupplierPartAuxiliaryID>${reference}</SupplierPartAuxiliaryID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">100.00</Money></UnitPrice><Description xml:lang="nl">Stoel</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail>
</ItemOut>
</OrderRequest></Request></cXML>`;
      const answer = await handleCxmlOrder(
        { bytes: new TextEncoder().encode(xml), truncated: false },
        { remoteAddress: "203.0.113.9", now: NOW, baseUrl: "https://shop.example.nl", contentType: "text/xml" },
      );
      expect(answer.cxmlCode, answer.body).toBe(200);
      const [row] = await handle.db
        .select({ order: orders, po: purchaseOrders })
        .from(purchaseOrders)
        .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
        .where(and(eq(purchaseOrders.connectionId, connection.id), eq(purchaseOrders.buyerOrderId, "PO-CREDIT-VERSIONS")));
      return { status: row!.order.status, totalMinor: row!.order.totalMinor, revision: row!.po.revision, reasons: (row!.po.header as { reasons: unknown[] }).reasons };
    };

    // € 363.00 of € 400.00.
    expect(await send(1, 3)).toEqual({ status: "accepted", totalMinor: 3 * CHAIR, revision: 1, reasons: [] });
    // The same again as version 2: counted with itself it would be € 726.00; it replaces, so € 363.00 still fits.
    expect(await send(2, 3)).toEqual({ status: "accepted", totalMinor: 3 * CHAIR, revision: 2, reasons: [] });
    // Version 3 with four chairs (€ 484.00) is beyond the limit on its own: nothing else is owed.
    expect(await send(3, 4)).toEqual({ status: "needs_review", totalMinor: 4 * CHAIR, revision: 3, reasons: [{ code: "credit_limit", detail: "0.00 + 484.00 > 400.00" }] });
  });
});

describe("staff release or cancel a held web order", () => {
  let customer: InvoiceCustomer;
  let mine: StaffUser;
  let other: StaffUser;
  beforeAll(async () => {
    // € 100.00: every chair (€ 121.00) is held.
    customer = await newCustomer(10_000);
    mine = await createStaff(handle, "account_manager", [customer.company.id]);
    other = await createStaff(handle, "account_manager", []);
  });

  it("release: the order is confirmed and its orderer is mailed its order confirmation, with the comment", async () => {
    const held = await webOrder(customer, 1, "PO-RELEASE");
    expect(held.status).toBe("needs_review");
    const detail = await getOrderForStaff(mine, held.id);
    // Whoever decides sees the customer's credit as it is now.
    expect(detail).toMatchObject({ canConfirm: true, credit: use(10_000, 0, CHAIR) });
    await expect(confirmOrderForStaff(other, { orderId: held.id, decision: "accept", comment: null })).rejects.toMatchObject({ code: "not_found" });
    expect((await orderRow(held.id)).status).toBe("needs_review");

    await confirmOrderForStaff(mine, { orderId: held.id, decision: "accept", comment: "Betaling ontvangen" });
    expect((await orderRow(held.id)).status).toBe("confirmed");
    expect((await eventsOf(held.id)).at(-1)).toMatchObject({ status: "confirmed", userId: mine.id, comment: "Betaling ontvangen" });
    // Held, it was never confirmed to the buyer (a receipt at checkout said it is being reviewed): the
    // release is its confirmation, the one confirmation about it.
    const about = (await outboxTo(handle, customer.user.email)).filter((mail) => mail.subject.includes(held.orderNumber));
    expect(about.map((mail) => mail.kind).sort()).toEqual(["order_confirmation", "order_received"]);
    const mails = about.filter((mail) => mail.kind === "order_confirmation");
    expect(mails[0]).toMatchObject({ kind: "order_confirmation", userId: customer.user.id, subject: `Orderbevestiging ${held.orderNumber}: vrijgegeven` });
    expect(mails[0]!.bodyText).toContain("We hebben haar beoordeeld en vrijgegeven: ze wordt nu verwerkt.");
    expect(mails[0]!.bodyText).toContain("Inkoopordernummer: PO-RELEASE");
    expect(mails[0]!.bodyText).toContain("Toelichting: Betaling ontvangen");
    expect(mails[0]!.bodyText).toMatch(/Totaal incl\. btw: €\s121,00/);
    expect(mails[0]!.bodyText).toContain(`/account/orders/${held.orderNumber}`);
    // Released once: it is an ordinary confirmed order now, which can no longer be cancelled as held.
    await expect(confirmOrderForStaff(mine, { orderId: held.id, decision: "reject", comment: "toch niet" })).rejects.toMatchObject({ code: "invalid_input", message: "web_order_confirm_only" });
    expect(await mailsOf(customer.user.email, "order_cancelled", held.orderNumber)).toEqual([]);
  });

  it("cancel: refused without a reason (nothing changes); with one the order is cancelled and the orderer told why", async () => {
    const held = await webOrder(customer, 1);
    expect(held.status).toBe("needs_review");
    const before = await eventsOf(held.id);
    const refused = await appError(confirmOrderForStaff(mine, { orderId: held.id, decision: "reject", comment: null }));
    expect(refused).toMatchObject({ code: "invalid_input", message: "comment_required" });
    expect((await orderRow(held.id)).status).toBe("needs_review");
    expect(await eventsOf(held.id)).toEqual(before);
    expect(await mailsOf(customer.user.email, "order_cancelled", held.orderNumber)).toEqual([]);
    // Neither is a held web order changed like a purchase order.
    await expect(confirmOrderForStaff(mine, { orderId: held.id, decision: "change", comment: "x" })).rejects.toMatchObject({ message: "web_order_confirm_only" });

    const counted = (await creditOf(customer))!.uninvoicedOrdersMinor;
    await confirmOrderForStaff(mine, { orderId: held.id, decision: "reject", comment: "Eerst de openstaande facturen betalen" });
    expect((await orderRow(held.id)).status).toBe("cancelled");
    expect((await eventsOf(held.id)).at(-1)).toMatchObject({ status: "cancelled", userId: mine.id, comment: "Eerst de openstaande facturen betalen" });
    const mails = await mailsOf(customer.user.email, "order_cancelled", held.orderNumber);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Bestelling ${held.orderNumber} is geannuleerd`);
    expect(mails[0]!.bodyText).toContain("Toelichting: Eerst de openstaande facturen betalen");
    expect(await mailsOf(customer.user.email, "order_confirmation", held.orderNumber)).toEqual([]);
    // Cancelled, it no longer counts against the limit.
    expect((await creditOf(customer))!.uninvoicedOrdersMinor).toBe(counted - CHAIR);
  });

  it("the staff navigation counts the orders waiting for review, of the account manager's own customers only", async () => {
    const held = await webOrder(customer, 1);
    expect(held.status).toBe("needs_review");
    const all = await countOrdersToReview(null);
    const mineNow = await countOrdersToReview(mine.id);
    expect(mineNow).toBe((await listOrdersToReview(customer.company.id)).length);
    expect(mineNow).toBeGreaterThan(0);
    expect(all).toBeGreaterThanOrEqual(mineNow);
    expect(await countOrdersToReview(other.id)).toBe(0);
    await confirmOrderForStaff(mine, { orderId: held.id, decision: "accept", comment: null });
    expect(await countOrdersToReview(mine.id)).toBe(mineNow - 1);
    expect(await countOrdersToReview(null)).toBe(all - 1);
  });

  it("a web order that was not held still only knows accept, and confirming it mails nobody (it was confirmed when placed)", async () => {
    const plain = await newCustomer(null);
    const manager = await createStaff(handle, "account_manager", [plain.company.id]);
    const placed = await webOrder(plain, 1);
    expect(placed.status).toBe("placed");
    await expect(confirmOrderForStaff(manager, { orderId: placed.id, decision: "reject", comment: "nee" })).rejects.toMatchObject({ code: "invalid_input", message: "web_order_confirm_only" });
    expect((await orderRow(placed.id)).status).toBe("placed");
    await confirmOrderForStaff(manager, { orderId: placed.id, decision: "accept", comment: null });
    expect((await orderRow(placed.id)).status).toBe("confirmed");
    const mails = (await outboxTo(handle, plain.user.email)).filter((m) => m.subject.includes(placed.orderNumber));
    expect(mails.map((m) => m.kind)).toEqual(["order_confirmation"]);
  });
});

describe("the ERP's credit API", () => {
  let customer: InvoiceCustomer;
  let mine: StaffUser;
  let other: StaffUser;
  beforeAll(async () => {
    customer = await newCustomer(null);
    mine = await createStaff(handle, "account_manager", [customer.company.id]);
    other = await createStaff(handle, "account_manager", []);
  });

  it.each([
    { input: "12500.00", minor: 1_250_000 },
    { input: 12500.5, minor: 1_250_050 },
    { input: "0", minor: 0 },
    { input: null, minor: null },
    { input: "-1", minor: undefined },
    { input: "12,50", minor: undefined },
    { input: "1.234", minor: undefined },
    { input: "99999999.99", minor: undefined },
  ])("creditLimit $input is $minor", ({ input, minor }) => {
    const parsed = creditLimitSchema.safeParse({ creditLimit: input });
    if (minor === undefined) expect(parsed.success).toBe(false);
    else expect(parsed.data).toEqual({ creditLimit: minor });
  });

  it("sets and reads the limit; an account manager not assigned to the customer gets not found", async () => {
    expect(await getCreditForStaff(mine, customer.company.id)).toEqual({
      customerId: customer.company.id,
      creditLimit: null,
      unpaidInvoices: null,
      uninvoicedOrders: null,
      available: null,
      currency: "EUR",
    });
    expect(await setCreditLimitForStaff(mine, customer.company.id, 50_000)).toEqual({
      customerId: customer.company.id,
      creditLimit: "500.00",
      unpaidInvoices: "0.00",
      uninvoicedOrders: "0.00",
      available: "500.00",
      currency: "EUR",
    });
    await expect(getCreditForStaff(other, customer.company.id)).rejects.toMatchObject({ code: "not_found", message: "customer_not_found" });
    await expect(setCreditLimitForStaff(other, customer.company.id, 1)).rejects.toMatchObject({ code: "not_found", message: "customer_not_found" });
    expect((await creditOf(customer))!.limitMinor).toBe(50_000);
    const [row] = await handle.db.select({ creditLimitMinor: companies.creditLimitMinor }).from(companies).where(eq(companies.id, customer.company.id));
    expect(row!.creditLimitMinor).toBe(50_000);
  });

  it("an invoice reported paid frees its amount; reported unpaid again, it counts again", async () => {
    await setCreditLimitForStaff(mine, customer.company.id, 50_000);
    const first = await webOrder(customer, 2);
    expect(first.status).toBe("placed");
    const issued = await invoice(first.id);
    expect(await getCreditForStaff(mine, customer.company.id)).toMatchObject({ unpaidInvoices: "242.00", uninvoicedOrders: "0.00", available: "258.00" });
    await expect(setInvoicePaymentForStaff(other, issued.number, "2026-11-28", NOW)).rejects.toMatchObject({ code: "not_found", message: "invoice_not_found" });

    expect(await setInvoicePaymentForStaff(mine, issued.number, "2026-11-28", NOW)).toEqual({
      number: issued.number,
      paidOn: "2026-11-28",
      credit: { customerId: customer.company.id, creditLimit: "500.00", unpaidInvoices: "0.00", uninvoicedOrders: "0.00", available: "500.00", currency: "EUR" },
    });
    const [paid] = await handle.db.select({ paidAt: invoices.paidAt }).from(invoices).where(eq(invoices.id, issued.id));
    expect(paid!.paidAt).toEqual(new Date("2026-11-28T12:00:00Z"));
    // € 363.00 would have been held with € 242.00 unpaid; paid, it fits.
    expect((await webOrder(customer, 3)).status).toBe("placed");

    // A reversed payment: owed again, now beyond the limit (orders already released stay so; available goes negative).
    expect((await setInvoicePaymentForStaff(mine, issued.number, null, NOW)).credit).toMatchObject({ unpaidInvoices: "242.00", uninvoicedOrders: "363.00", available: "-105.00" });
    expect((await webOrder(customer, 1)).status).toBe("needs_review");
  });
});
