import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orders, users } from "@/db/schema";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { getOrderDetail } from "@/lib/data/order-history";
import { AppError } from "@/lib/errors";
import { decideOrder, listAwaitingApproval, someoneElseDecides } from "@/lib/orders/approvals";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/** Every waiting order on one page (these tests place a few). */
const ALL = { limit: 100, offset: 0 };

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let buyer: Awaited<ReturnType<typeof addCompanyUser>>;
let approver: Awaited<ReturnType<typeof addCompanyUser>>;
let admin: Awaited<ReturnType<typeof addCompanyUser>>;
let chair: { sku: string };

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Puts `quantity` chairs (€ 100.00 each, excl. VAT) in the user's cart and checks out. */
async function order(user: typeof buyer, quantity: number, poNumber: string | null = null) {
  await addToCart(user, chair.sku, quantity);
  return placeOrder(user, { shipToAddressId: customer.shipTo.id, poNumber, costCenter: null, requestedDeliveryDate: null, note: null }, "nl", now);
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  chair = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 1000 });
  customer = await createCompanyWithBuyer(handle);
  buyer = await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 250_000, locale: "en" });
  approver = await addCompanyUser(handle, customer, "approver", { locale: "nl" });
  admin = await addCompanyUser(handle, customer, "company_admin");
});
afterAll(() => db.dispose());

describe("order approval", () => {
  it("places orders up to the limit (excl. VAT) directly", async () => {
    const placed = await order(buyer, 25); // € 2,500.00 excl. VAT, € 3,025.00 incl.: exactly at the limit
    expect(placed.status).toBe("placed");
    expect(await outboxTo(handle, approver.email)).toHaveLength(0);
    // Placed directly, the buyer gets its confirmation.
    expect((await outboxTo(handle, buyer.email)).filter((m) => m.subject.includes(placed.orderNumber)).map((m) => m.kind)).toEqual(["order_confirmation"]);
  });

  it("puts an order above the limit on awaiting_approval and e-mails the approvers and company admins (not the buyer)", async () => {
    const placed = await order(buyer, 26, "PO-APPR-26");
    expect(placed.status).toBe("awaiting_approval");
    const detail = (await getOrderDetail(customer.company.id, placed.orderNumber))!;
    expect(detail.order.status).toBe("awaiting_approval");
    expect(detail.events).toMatchObject([{ status: "awaiting_approval", userId: buyer.id }]);
    const [toApprover] = (await outboxTo(handle, approver.email)).filter((m) => m.subject.includes(placed.orderNumber));
    expect(toApprover).toMatchObject({ kind: "order_approval_requested", userId: approver.id, sentAt: null });
    expect(toApprover!.subject).toBe(`Goedkeuring gevraagd: bestelling ${placed.orderNumber}`);
    expect(toApprover!.bodyText).toContain(`/account/orders/${placed.orderNumber}`);
    expect(toApprover!.bodyText).toMatch(/€\s2\.600,00/);
    // The approvers know the order by the buyer's reference too.
    expect(toApprover!.bodyText).toContain(`bestelling ${placed.orderNumber} (uw referentie PO-APPR-26) geplaatst`);
    expect((await outboxTo(handle, admin.email)).some((m) => m.subject.includes(placed.orderNumber))).toBe(true);
    // Not confirmed while it waits.
    expect((await outboxTo(handle, buyer.email)).some((m) => m.subject.includes(placed.orderNumber))).toBe(false);
    expect((await listAwaitingApproval(approver, ALL)).items.map((o) => o.orderNumber)).toContain(placed.orderNumber);
  });

  it("lets an approver approve with a comment: the order continues as placed, history says who and when, the buyer is told", async () => {
    const placed = await order(buyer, 30);
    // After the placement, whose event carries the database's clock: a fixed time of day failed once the
    // wall clock passed it. A whole second, so the timestamp compares exactly.
    const decidedAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    await expect(decideOrder(approver, { orderNumber: placed.orderNumber, decision: "approve", comment: "Akkoord, budget Q4" }, decidedAt)).resolves.toEqual({ status: "placed" });
    const detail = (await getOrderDetail(customer.company.id, placed.orderNumber))!;
    expect(detail.order.status).toBe("placed");
    expect(detail.events).toMatchObject([
      { status: "awaiting_approval", userId: buyer.id },
      { status: "placed", userId: approver.id, userName: approver.name, comment: "Akkoord, budget Q4", createdAt: decidedAt },
    ]);
    // One mail: the order confirmation, opening with the approval (not an "approved" mail beside it).
    const mails = (await outboxTo(handle, buyer.email)).filter((m) => m.subject.includes(placed.orderNumber));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "order_confirmation", subject: `Order confirmation ${placed.orderNumber}: approved` });
    expect(mails[0]!.bodyText).toContain(`${approver.name} approved your order.`);
    expect(mails[0]!.bodyText).toContain("Comment: Akkoord, budget Q4");
    // Decided once: a second decision is a conflict, not a second history entry.
    expect((await appError(decideOrder(admin, { orderNumber: placed.orderNumber, decision: "reject", comment: "te laat" }, now))).message).toBe("not_awaiting_approval");
    expect((await getOrderDetail(customer.company.id, placed.orderNumber))!.events).toHaveLength(2);
  });

  it("requires a comment to reject; a rejected order is not processed", async () => {
    const placed = await order(buyer, 27, "PO-APPR-27");
    expect((await appError(decideOrder(admin, { orderNumber: placed.orderNumber, decision: "reject", comment: null }, now))).message).toBe("comment_required");
    await decideOrder(admin, { orderNumber: placed.orderNumber, decision: "reject", comment: "Graag via raamcontract" }, now);
    const [row] = await handle.db.select({ status: orders.status }).from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect(row?.status).toBe("rejected");
    const rejection = (await outboxTo(handle, buyer.email)).find((m) => m.subject.includes(placed.orderNumber));
    expect(rejection).toMatchObject({ kind: "order_rejected" });
    expect(rejection!.bodyText).toContain(`rejected your order ${placed.orderNumber} (your reference PO-APPR-27) of €2,700.00 excl. VAT.`);
  });

  it("never lets buyers decide, nor anybody decide on their own order", async () => {
    const placed = await order(buyer, 28);
    expect((await appError(decideOrder(buyer, { orderNumber: placed.orderNumber, decision: "approve", comment: null }, now))).message).toBe("not_an_approver");
    const limitedApprover = await addCompanyUser(handle, customer, "approver", { orderLimitMinor: 100_000 });
    const own = await order(limitedApprover, 11);
    expect(own.status).toBe("awaiting_approval");
    expect((await appError(decideOrder(limitedApprover, { orderNumber: own.orderNumber, decision: "approve", comment: null }, now))).message).toBe("own_order");
    expect((await listAwaitingApproval(limitedApprover, ALL)).items.map((o) => o.orderNumber)).not.toContain(own.orderNumber);
    // The approval request went to the other approvers, not to the one who placed it.
    expect((await outboxTo(handle, limitedApprover.email)).some((m) => m.subject.includes(own.orderNumber))).toBe(false);
    expect((await outboxTo(handle, approver.email)).some((m) => m.subject.includes(own.orderNumber))).toBe(true);
  });

  it("refuses decisions while a staff member views the shop as the approver", async () => {
    const placed = await order(buyer, 29);
    const viewing = { ...approver, impersonatedBy: { id: 1, name: "Staff", sessionId: 1, expiresAt: new Date() } };
    expect((await appError(decideOrder(viewing, { orderNumber: placed.orderNumber, decision: "approve", comment: null }, now))).message).toBe("not_while_viewing_as");
  });

  it("knows when nobody but the orderer could decide (the checkout and the order then say so)", async () => {
    const alone = await createCompanyWithBuyer(handle);
    const soleBuyer = alone.buyer;
    expect(await someoneElseDecides(soleBuyer)).toBe(false);
    const soleAdmin = await addCompanyUser(handle, alone, "company_admin");
    expect(await someoneElseDecides(soleBuyer)).toBe(true);
    expect(await someoneElseDecides(soleAdmin)).toBe(false);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, soleAdmin.id));
    expect(await someoneElseDecides(soleBuyer)).toBe(false);
  });
});
