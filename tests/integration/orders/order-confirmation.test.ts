// The order confirmation: whoever placed a web order gets one mail that confirms it, once it is an
// order we process — at checkout, or when the approver approves it, or when we release it after a
// credit review — in their profile language, queued in the transaction that places it (nothing
// half-written). Awaiting approval or held for credit review it is not confirmed yet; a procurement
// system's order is confirmed in cXML, not by mail.
// Imported first: the vi.mock factory below uses it while the other imports load.
import { authMock } from "../../support/next-request-mocks";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { cartLines, carts, companies, costCenters, mailOutbox, orders } from "@/db/schema";
import { confirmOrderForStaff } from "@/lib/admin/purchase-orders";
import type { BuyerUser, StaffUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { setCreditLimit } from "@/lib/data/credit";
import { createOrder } from "@/lib/data/orders";
import { decideOrder } from "@/lib/orders/approvals";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile, placeCxmlOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

// confirmOrderForStaff reaches modules that also serve signed-in requests (next-auth); nobody signs in here.
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
// Saturday 28 November 2026, 11:00 in Amsterdam.
const NOW = new Date("2026-11-28T10:00:00Z");
/** € 24.50 a box at 21 % VAT; € 18.95 a pack at 9 %. */
let paper: Awaited<ReturnType<typeof createProduct>>;
let coffee: Awaited<ReturnType<typeof createProduct>>;
let customer: InvoiceCustomer;
let buyer: BuyerUser;
let approver: BuyerUser;

/** Every mail in the outbox that names the order, whoever it went to. */
const mailsAbout = (orderNumber: string) => handle.db.select().from(mailOutbox).where(like(mailOutbox.subject, `%${orderNumber}%`));
const checkout = (who: BuyerUser, input: { poNumber?: string; costCenter?: string; requestedDeliveryDate?: string } = {}) =>
  placeOrder(
    who,
    { shipToAddressId: customer.shipTo.id, poNumber: input.poNumber ?? null, costCenter: input.costCenter ?? null, requestedDeliveryDate: input.requestedDeliveryDate ?? null, note: null },
    "nl",
    NOW,
  );

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 2_450, unit: "BX", stock: 100_000 });
  coffee = await createProduct(handle, category.id, { listPriceMinor: 1_895, unit: "PK", vatRateBasisPoints: 900, stock: 100_000 });
  // The buyer's profile is in English; the shop was used in Dutch: the mail follows the profile.
  customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678" }, { locale: "en" });
  buyer = (await addCompanyUser(handle, customer as never, "buyer", { orderLimitMinor: 100_000, locale: "en" })) as unknown as BuyerUser;
  approver = (await addCompanyUser(handle, customer as never, "approver", { locale: "nl" })) as unknown as BuyerUser;
  await handle.db.insert(costCenters).values({ companyId: customer.company.id, code: "4200", name: "ICT" });
}, 120_000);
afterAll(() => db.dispose());

describe("order confirmation", () => {
  it("placed at checkout: exactly one mail, the confirmation, in the buyer's language, with the order as stored", async () => {
    await addToCart(buyer, paper.sku, 10);
    await addToCart(buyer, coffee.sku, 1);
    const placed = await checkout(buyer, { poNumber: "PO-2026-118", costCenter: "4200", requestedDeliveryDate: "2026-12-03" });
    expect(placed.status).toBe("placed");
    const [order] = await handle.db.select().from(orders).where(eq(orders.orderNumber, placed.orderNumber));
    expect(order).toMatchObject({ subtotalMinor: 26_395, totalMinor: 26_395 + 5_145 + 171 });

    const mails = await mailsAbout(placed.orderNumber);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ toEmail: buyer.email, userId: buyer.id, kind: "order_confirmation", subject: `Order confirmation ${placed.orderNumber}` });
    const body = mail!.bodyText.replace(/\u00a0/g, " ");
    for (const text of [
      `Dear ${buyer.name},`,
      `Order number: ${placed.orderNumber}`,
      "Order date: 28 Nov 2026",
      "PO number: PO-2026-118",
      "Cost center: 4200 – ICT",
      "Requested delivery date: 3 Dec 2026",
      `Delivery address:\n${customer.company.name}\nStationsplein 1\n1012 AB Amsterdam\nNetherlands`,
      // The company's invoice address the order stores; the country by name, in the reader's language.
      `Invoice address:\n${customer.company.name}\nStationsplein 1 (administratie)\n1012 AB Amsterdam\nNetherlands`,
      `- ${paper.sku} ${paper.nameNl}\n  10 boxes × €24.50 = €245.00`,
      `- ${coffee.sku} ${coffee.nameNl}\n  1 pack × €18.95 = €18.95`,
      "Subtotal excl. VAT: €263.95",
      "VAT 21% on €245.00: €51.45",
      "VAT 9% on €18.95: €1.71",
      "Total incl. VAT: €317.11",
      `Your order in My account: http`,
      `/account/orders/${placed.orderNumber}`,
    ]) {
      expect(body).toContain(text);
    }
    // No delivery terms: delivery is not mentioned. Signed by the supplier, as its invoice mails are.
    expect(body).not.toContain("Delivery:");
    expect(body.endsWith("\n\nKind regards,\nKoppel")).toBe(true);
  });

  it("under delivery terms that waive the charge above an amount, the items come first and delivery says free", async () => {
    await handle.db.update(companies).set({ deliveryChargeMode: "custom", deliveryChargeMinor: 695, freeDeliveryFromMinor: 10_000 }).where(eq(companies.id, customer.company.id));
    try {
      await addToCart(buyer, paper.sku, 10);
      const placed = await checkout(buyer);
      const [mail] = await mailsAbout(placed.orderNumber);
      expect(mail!.bodyText.replace(/\u00a0/g, " ")).toContain("Items excl. VAT: €245.00\nDelivery: free\nSubtotal excl. VAT: €245.00\n");
    } finally {
      await handle.db.update(companies).set({ deliveryChargeMode: "default", deliveryChargeMinor: null, freeDeliveryFromMinor: null }).where(eq(companies.id, customer.company.id));
    }
  });

  it("awaiting approval: no confirmation (the approvers are asked); approved: one mail to the buyer, the confirmation naming the approver", async () => {
    await addToCart(buyer, paper.sku, 50); // € 1,225.00 excl. VAT: above the buyer's € 1,000.00
    const placed = await checkout(buyer);
    expect(placed.status).toBe("awaiting_approval");
    expect((await mailsAbout(placed.orderNumber)).map((m) => [m.toEmail, m.kind])).toEqual([[approver.email, "order_approval_requested"]]);

    await decideOrder(approver, { orderNumber: placed.orderNumber, decision: "approve", comment: "Akkoord, budget Q4" }, NOW);
    const toBuyer = (await mailsAbout(placed.orderNumber)).filter((m) => m.toEmail === buyer.email);
    expect(toBuyer.map((m) => m.kind)).toEqual(["order_confirmation"]);
    expect(toBuyer[0]!.subject).toBe(`Order confirmation ${placed.orderNumber}: approved`);
    const body = toBuyer[0]!.bodyText.replace(/\u00a0/g, " ");
    expect(body).toContain(`${approver.name} approved your order. It is now being processed.\n\nComment: Akkoord, budget Q4`);
    expect(body).toContain(`- ${paper.sku} ${paper.nameNl}\n  50 boxes × €24.50 = €1,225.00`);
    expect(body).toContain("Total incl. VAT: €1,482.25");
  });

  it("rejected: never confirmed, the buyer is told it was rejected", async () => {
    await addToCart(buyer, paper.sku, 60);
    const placed = await checkout(buyer);
    expect(placed.status).toBe("awaiting_approval");
    await decideOrder(approver, { orderNumber: placed.orderNumber, decision: "reject", comment: "Via het raamcontract" }, NOW);
    expect((await mailsAbout(placed.orderNumber)).filter((m) => m.toEmail === buyer.email).map((m) => m.kind)).toEqual(["order_rejected"]);
  });

  it("held for credit review: a receipt, not a confirmation; released by staff: confirmed then, once", async () => {
    const held = await createInvoiceCustomer(handle, { kvkNumber: "23456789" }, { locale: "nl" });
    await setCreditLimit(held.company.id, 1_000);
    const manager: StaffUser = await createStaff(handle, "account_manager", [held.company.id]);
    await addToCart(held.buyer, coffee.sku, 2);
    const placed = await placeOrder(held.buyer, { shipToAddressId: held.shipTo.id, poNumber: "PO-HOLD", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
    expect(placed.status).toBe("needs_review");
    const receipt = await mailsAbout(placed.orderNumber);
    expect(receipt.map((m) => [m.toEmail, m.kind, m.subject])).toEqual([[held.user.email, "order_received", `Bestelling ${placed.orderNumber} ontvangen, in beoordeling`]]);
    expect(receipt[0]!.bodyText).toContain("boven de kredietlimiet van uw bedrijf");
    expect(receipt[0]!.bodyText).toContain("2 pakken × €\u00a018,95 = €\u00a037,90");

    await confirmOrderForStaff(manager, { orderId: placed.id, decision: "accept", comment: "Betaling ontvangen" });
    const mails = (await mailsAbout(placed.orderNumber)).filter((m) => m.kind !== "order_received");
    expect(mails.map((m) => [m.toEmail, m.kind, m.subject])).toEqual([[held.user.email, "order_confirmation", `Orderbevestiging ${placed.orderNumber}: vrijgegeven`]]);
    expect(mails[0]!.bodyText).toContain("Toelichting: Betaling ontvangen");
    expect(mails[0]!.bodyText).toContain("Inkoopordernummer: PO-HOLD");
    expect(mails[0]!.bodyText).toContain("2 pakken × €\u00a018,95 = €\u00a037,90");
  });

  it("a procurement system's order (cXML) is confirmed to that system, not by mail", async () => {
    const { orderId } = await placeCxmlOrder(handle, customer, [{ productId: paper.id, sku: paper.sku, quantity: 2, unitPriceMinor: 2_450, vatRateBasisPoints: 2100, unit: "BX" }], {
      orderId: "PO-CXML-1",
      now: NOW,
    });
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.source).toBe("cxml");
    expect(await mailsAbout(order!.orderNumber)).toEqual([]);
  });

  it("is queued in the order's transaction: a mail that cannot be written leaves no order (and the cart as it was)", async () => {
    await addToCart(buyer, coffee.sku, 3);
    const [cart] = await handle.db.select().from(carts).where(eq(carts.userId, buyer.id));
    const lines = await handle.db.select().from(cartLines).where(eq(cartLines.cartId, cart!.id));
    const before = (await handle.db.select({ id: orders.id }).from(orders)).length;
    const attempt = createOrder({
      approval: { at: NOW, reasons: () => [] },
      cart: { cartId: cart!.id, lineIds: lines.map((line) => line.id) },
      order: {
        companyId: customer.company.id,
        userId: buyer.id,
        shipTo: { name: "x", attention: null, street: "s", postalCode: "1", city: "c", countryCode: "NL" },
        subtotalMinor: 5_685,
        vatMinor: 512,
        totalMinor: 6_197,
        vatBreakdown: [],
      },
      lines: [{ lineNumber: 1, productId: coffee.id, sku: coffee.sku, name: "Koffie", unit: "PK", quantity: 3, unitPriceMinor: 1_895, listPriceMinor: 1_895, lineTotalMinor: 5_685, vatRateBasisPoints: 900, priceSource: { kind: "list" } }],
      mail: () => {
        throw new Error("mail could not be built");
      },
    });
    await expect(attempt).rejects.toThrow("mail could not be built");
    expect((await handle.db.select({ id: orders.id }).from(orders)).length).toBe(before);
    expect(await handle.db.select().from(cartLines).where(eq(cartLines.cartId, cart!.id))).toHaveLength(lines.length);
  });
});
