// Delivery charges on web orders, end to end through the real cart, checkout, invoicing, exports and
// staff settings: the customer's terms price the cart, the charge sits in the order's subtotal and
// VAT (split over the goods' rates), counts for the order limit, stays off punchout carts, and the
// order's first invoice — only that one — bills it as a freight charge (UNCL 7161 FC).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, orderLines, orders, supplierProfile, users, type Order } from "@/db/schema";
import { updateCustomerDetails } from "@/lib/admin/customers";
import {
  customerMasterDataSchema,
  deliveryChargeSettingsSchema,
  saveDeliveryCharges,
  saveSupplierProfile,
  supplierProfileSchema,
} from "@/lib/admin/invoicing-settings";
import { getOrderJsonForStaff } from "@/lib/admin/orders-api";
import { peppolOrderForStaff } from "@/lib/admin/peppol-order";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart, getPricedCart, removeFromCart, type CartOwner } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { getInvoiceById } from "@/lib/data/invoices";
import { createPunchoutConnection } from "@/lib/data/punchout-connections";
import { createPunchoutSession } from "@/lib/data/punchout-sessions";
import { readDeliveryTerms } from "@/lib/data/supplier-profile";
import { buildUblXml } from "@/lib/einvoice/build-ubl";
import type { InvoiceDocument } from "@/lib/einvoice/types";
import { addProductToList, createList } from "@/lib/favorites/favorites";
import { issueCreditNote, issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { runStandingOrder, saveStandingOrder, standingOrderSchema } from "@/lib/standing-orders/standing-orders";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import {
  UBL_VALIDATOR,
  createInvoiceCustomer,
  createSupplierProfile,
  gtin13,
  placeWebOrder,
  runValidatorBatch,
  shipOrder,
  validatorsMissing,
  type InvoiceCustomer,
} from "../../support/invoice-fixtures";
import { PEPPOL_ORDER_VALIDATOR } from "../../support/shared-dir";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");

/** The supplier default: € 9.95 excl. VAT per web order, free from € 250 of goods (the demo's terms). */
const SUPPLIER_TERMS = { deliveryChargeMinor: 995, freeDeliveryFromMinor: 25_000 };

type Product = Awaited<ReturnType<typeof createProduct>>;
let paper: Product; // 5.99 at 21 %
let coffee: Product; // 8.99 at 9 %
let chair: Product; // 125.00 at 21 %: two are exactly the free-delivery threshold
let desk: Product; // 249.99 at 21 %: one cent below it

let nl: InvoiceCustomer; // default terms, Peppol
let en: InvoiceCustomer; // default terms, English buyer
let freeCustomer: InvoiceCustomer;
let customCustomer: InvoiceCustomer;
let manager: Awaited<ReturnType<typeof createStaff>>;
let admin: Awaited<ReturnType<typeof createStaff>>;

/** Invoices and credit notes issued here, validated in one batch at the end. */
const documents: { label: string; doc: InvoiceDocument }[] = [];

// 10 × 5.99 = 59.90 at 21 % and 5 × 8.99 = 44.95 at 9 %: goods 104.85, below the threshold.
const MIXED = () => [
  { sku: paper.sku, quantity: 10 },
  { sku: coffee.sku, quantity: 5 },
];
const MIXED_GOODS = 5990 + 4495;
// 9.95 in proportion: 995 × 5990/10485 = 568.44 and 995 × 4495/10485 = 426.56 → the cent to 9 % (larger remainder).
const MIXED_CHARGE_21 = 568;
const MIXED_CHARGE_9 = 427;
// 21 %: 59.90 + 5.68 = 65.58 → 13.77; 9 %: 44.95 + 4.27 = 49.22 → 4.43.
const MIXED_BREAKDOWN = [
  { vatRateBasisPoints: 900, taxableMinor: 4495 + MIXED_CHARGE_9, vatMinor: 443 },
  { vatRateBasisPoints: 2100, taxableMinor: 5990 + MIXED_CHARGE_21, vatMinor: 1377 },
];
const MIXED_SUBTOTAL = MIXED_GOODS + 995;
const MIXED_VAT = 443 + 1377;

const orderRow = async (id: number): Promise<Order> => (await handle.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const linesTotal = async (id: number) =>
  (await handle.db.select({ total: orderLines.lineTotalMinor }).from(orderLines).where(eq(orderLines.orderId, id))).reduce((sum, l) => sum + l.total, 0);
const byRate = <T extends { vatRateBasisPoints: number }>(rows: readonly T[]) => [...rows].sort((a, b) => a.vatRateBasisPoints - b.vatRateBasisPoints);
const checkout = (customer: InvoiceCustomer, items: { sku: string; quantity: number }[], poNumber?: string) =>
  placeWebOrder(customer, items, { poNumber, now: NOW });

/** The delivery charges (FC) of an issued document, sorted by rate. */
const deliveryCharges = (doc: InvoiceDocument) =>
  (doc.allowancesCharges ?? [])
    .filter((ac) => ac.isCharge && ac.reasonCode === "FC")
    .map((ac) => ({ reason: ac.reason, amountMinor: ac.amountMinor, category: ac.vat.category, rateBp: ac.vat.rateBp }))
    .sort((a, b) => a.rateBp - b.rateBp || a.amountMinor - b.amountMinor);

async function invoiced(label: string, result: Awaited<ReturnType<typeof issueInvoiceForOrder>>) {
  if (!result.ok) throw new Error(`${label}: expected a document, got ${result.error}: ${result.detail ?? ""}`);
  const invoice = (await getInvoiceById(result.invoice.id))!;
  documents.push({ label, doc: invoice.document });
  return invoice;
}

/** The whole message chain of an error (drizzle wraps the driver's error as its cause). */
async function failureText(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the statement should have been refused").not.toBeNull();
  const messages: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) messages.push(String(e.message));
  return messages.join(" | ");
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle, SUPPLIER_TERMS);
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, vatRateBasisPoints: 2100, gtin: gtin13("871010391752"), stock: 10_000 });
  coffee = await createProduct(handle, category.id, { listPriceMinor: 899, vatRateBasisPoints: 900, stock: 10_000 });
  chair = await createProduct(handle, category.id, { listPriceMinor: 12_500, vatRateBasisPoints: 2100, stock: 10_000 });
  desk = await createProduct(handle, category.id, { listPriceMinor: 24_999, vatRateBasisPoints: 2100, stock: 10_000 });
  const invoicing = (kvk: string) => ({
    kvkNumber: kvk,
    peppolScheme: "0106",
    peppolId: kvk,
    invoiceChannels: ["peppol", "email"] as ("peppol" | "email")[],
    invoiceEmail: "crediteuren@klant.test",
  });
  nl = await createInvoiceCustomer(handle, { ...invoicing("12345678"), vatId: "NL123456789B01" });
  en = await createInvoiceCustomer(handle, { ...invoicing("23456789"), documentLocale: "en" }, { locale: "en" });
  freeCustomer = await createInvoiceCustomer(handle, { ...invoicing("34567890"), deliveryChargeMode: "free" });
  customCustomer = await createInvoiceCustomer(handle, {
    ...invoicing("45678901"),
    deliveryChargeMode: "custom",
    deliveryChargeMinor: 1500,
    freeDeliveryFromMinor: 50_000,
  });
  manager = await createStaff(handle, "account_manager", [nl.company.id, en.company.id, freeCustomer.company.id, customCustomer.company.id]);
  admin = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => db.dispose());

// ---------------------------------------------------------------------------------------------

describe("checkout with delivery charges", () => {
  let chargedOrderId: number;

  it("the cart shows the supplier default below the threshold, and the order keeps it in the subtotal and VAT per rate", async () => {
    for (const item of MIXED()) await addToCart(nl.buyer, item.sku, item.quantity);
    const cart = await getPricedCart(nl.buyer, "nl", NOW);
    expect(cart.goodsMinor).toBe(MIXED_GOODS);
    expect(cart.delivery).toEqual({ chargeMinor: 995, missingForFreeMinor: 25_000 - MIXED_GOODS, terms: { chargeMinor: 995, freeFromMinor: 25_000 } });
    expect(cart.totals.subtotalMinor).toBe(MIXED_SUBTOTAL);
    expect(byRate(cart.totals.breakdown)).toEqual(MIXED_BREAKDOWN);

    const placed = await placeOrder(nl.buyer, { shipToAddressId: nl.shipTo.id, poNumber: "PO-DC-1", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
    expect(placed.status).toBe("placed");
    chargedOrderId = placed.id;
    const order = await orderRow(placed.id);
    expect(order).toMatchObject({ deliveryChargeMinor: 995, subtotalMinor: MIXED_SUBTOTAL, vatMinor: MIXED_VAT, totalMinor: MIXED_SUBTOTAL + MIXED_VAT });
    expect(byRate(order.vatBreakdown)).toEqual(MIXED_BREAKDOWN);
    // The subtotal is the lines plus the charge; the breakdown adds up to the subtotal and the VAT.
    expect(await linesTotal(placed.id)).toBe(MIXED_GOODS);
    expect(order.vatBreakdown.reduce((sum, row) => sum + row.taxableMinor, 0)).toBe(order.subtotalMinor);
    expect(order.vatBreakdown.reduce((sum, row) => sum + row.vatMinor, 0)).toBe(order.vatMinor);
    expect(order.totalMinor).toBe(order.subtotalMinor + order.vatMinor);
  });

  it("charges nothing from exactly the threshold, and the full charge one cent below it", async () => {
    const atThreshold = await checkout(nl, [{ sku: chair.sku, quantity: 2 }], "PO-DC-AT");
    expect(await orderRow(atThreshold.id)).toMatchObject({ deliveryChargeMinor: 0, subtotalMinor: 25_000, vatMinor: 5250, totalMinor: 30_250 });

    await addToCart(nl.buyer, desk.sku, 1);
    const cart = await getPricedCart(nl.buyer, "nl", NOW);
    expect(cart.delivery).toMatchObject({ chargeMinor: 995, missingForFreeMinor: 1 });
    const below = await placeOrder(nl.buyer, { shipToAddressId: nl.shipTo.id, poNumber: "PO-DC-BELOW", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
    // One rate: the whole charge at 21 %; 249.99 + 9.95 = 259.94 → VAT 54.59.
    expect(await orderRow(below.id)).toMatchObject({
      deliveryChargeMinor: 995,
      subtotalMinor: 24_999 + 995,
      vatBreakdown: [{ vatRateBasisPoints: 2100, taxableMinor: 25_994, vatMinor: 5459 }],
      vatMinor: 5459,
      totalMinor: 25_994 + 5459,
    });
  });

  it("a customer on 'free' is never charged", async () => {
    const placed = await checkout(freeCustomer, MIXED());
    expect(await orderRow(placed.id)).toMatchObject({ deliveryChargeMinor: 0, subtotalMinor: MIXED_GOODS, vatMinor: 405 + 1258 });
    expect(await readDeliveryTerms(freeCustomer.company.id)).toEqual({ chargeMinor: 0, freeFromMinor: null });
  });

  it("a customer on 'custom' pays its own amount up to its own threshold, whatever the supplier default says", async () => {
    // 250.00 is free under the supplier default, but below this customer's 500.00.
    const own = await checkout(customCustomer, [{ sku: chair.sku, quantity: 2 }]);
    expect(await orderRow(own.id)).toMatchObject({
      deliveryChargeMinor: 1500,
      subtotalMinor: 26_500,
      vatBreakdown: [{ vatRateBasisPoints: 2100, taxableMinor: 26_500, vatMinor: 5565 }],
    });
    const free = await checkout(customCustomer, [{ sku: chair.sku, quantity: 4 }]);
    expect(await orderRow(free.id)).toMatchObject({ deliveryChargeMinor: 0, subtotalMinor: 50_000 });
  });

  it("without a supplier profile, customers on the default terms are not charged", async () => {
    const saved = await handle.db.select().from(supplierProfile);
    await handle.db.delete(supplierProfile);
    try {
      expect(await readDeliveryTerms(nl.company.id)).toEqual({ chargeMinor: 0, freeFromMinor: null });
      const placed = await checkout(nl, MIXED());
      expect(await orderRow(placed.id)).toMatchObject({ deliveryChargeMinor: 0, subtotalMinor: MIXED_GOODS });
      // A custom customer keeps its own terms.
      expect(await readDeliveryTerms(customCustomer.company.id)).toEqual({ chargeMinor: 1500, freeFromMinor: 50_000 });
    } finally {
      await handle.db.insert(supplierProfile).values(saved[0]!);
    }
    expect(await readDeliveryTerms(nl.company.id)).toEqual({ chargeMinor: 995, freeFromMinor: 25_000 });
  });

  describe("the order's JSON (webhook events and the orders API)", () => {
    it("carries the delivery charge in minor units and as a decimal, inside the subtotal", async () => {
      const charged = await orderRow(chargedOrderId);
      const { order } = await getOrderJsonForStaff(manager, charged.orderNumber);
      expect(order).toMatchObject({
        number: charged.orderNumber,
        subtotalMinor: MIXED_SUBTOTAL,
        deliveryChargeMinor: 995,
        deliveryCharge: "9.95",
        subtotal: "114.80",
        vatMinor: MIXED_VAT,
        totalMinor: MIXED_SUBTOTAL + MIXED_VAT,
      });
      expect(byRate(order.vatBreakdown)).toEqual(MIXED_BREAKDOWN);

      const free = await checkout(freeCustomer, [{ sku: paper.sku, quantity: 1 }]);
      const { order: uncharged } = await getOrderJsonForStaff(manager, free.orderNumber);
      expect(uncharged).toMatchObject({ deliveryChargeMinor: 0, deliveryCharge: "0.00", subtotalMinor: 599 });
    });
  });

  describe("Peppol Order export", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "koppel-delivery-order-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const validate = (filename: string, xml: string) => {
      const file = path.join(dir, filename);
      writeFileSync(file, xml, "utf8");
      return spawnSync("sh", [PEPPOL_ORDER_VALIDATOR, "order", file], { encoding: "utf8", timeout: 120_000 });
    };

    it.skipIf(!existsSync(PEPPOL_ORDER_VALIDATOR))("a charged order carries one FC charge and ChargeTotalAmount, and validates; an uncharged one has no AllowanceCharge", async () => {
      const { filename, xml } = await peppolOrderForStaff(manager, chargedOrderId);
      expect(xml.match(/<cac:AllowanceCharge>/g)).toHaveLength(1);
      expect(xml).toContain("<cbc:ChargeIndicator>true</cbc:ChargeIndicator>");
      expect(xml).toContain("<cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode>");
      expect(xml).toContain('<cbc:Amount currencyID="EUR">9.95</cbc:Amount>');
      expect(xml).toContain('<cbc:LineExtensionAmount currencyID="EUR">104.85</cbc:LineExtensionAmount>');
      expect(xml).toContain('<cbc:TaxExclusiveAmount currencyID="EUR">114.80</cbc:TaxExclusiveAmount>');
      expect(xml).toContain('<cbc:ChargeTotalAmount currencyID="EUR">9.95</cbc:ChargeTotalAmount>');
      expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">114.80</cbc:PayableAmount>');
      const charged = validate(filename, xml);
      expect(charged.status, `${charged.stdout}${charged.stderr}`).toBe(0);

      const free = await checkout(nl, [{ sku: chair.sku, quantity: 2 }], "PO-DC-FREE");
      const plain = await peppolOrderForStaff(manager, free.id);
      expect(plain.xml).not.toContain("<cac:AllowanceCharge>");
      expect(plain.xml).not.toContain("ChargeTotalAmount");
      expect(plain.xml).toContain('<cbc:PayableAmount currencyID="EUR">250.00</cbc:PayableAmount>');
      const uncharged = validate(plain.filename, plain.xml);
      expect(uncharged.status, `${uncharged.stdout}${uncharged.stderr}`).toBe(0);
    }, 120_000);
  });
});

// ---------------------------------------------------------------------------------------------

describe("order limit", () => {
  it("counts the charge: goods just within the buyer's limit plus the charge go above it, so the order waits for approval", async () => {
    const limited = await createInvoiceCustomer(handle, { kvkNumber: "56789012" });
    await handle.db.update(users).set({ orderLimitMinor: 10_000 }).where(eq(users.id, limited.user.id));
    const buyer = { ...limited.buyer, orderLimitMinor: 10_000 } as BuyerUser;
    const input = { shipToAddressId: limited.shipTo.id, poNumber: null, costCenter: null, requestedDeliveryDate: null, note: null };

    // 16 × 5.99 = 95.84 ≤ 100.00; with 9.95 delivery 105.79 > 100.00.
    await addToCart(buyer, paper.sku, 16);
    const cart = await getPricedCart(buyer, "nl", NOW);
    expect(cart.goodsMinor).toBe(9584);
    expect(cart.totals.subtotalMinor).toBe(9584 + 995);
    const waiting = await placeOrder(buyer, input, "nl", NOW);
    expect(waiting).toMatchObject({ status: "awaiting_approval", approvalReasons: ["order_limit"] });
    expect(await orderRow(waiting.id)).toMatchObject({ status: "awaiting_approval", deliveryChargeMinor: 995, subtotalMinor: 10_579 });

    // The same goods without a delivery charge stay within the limit.
    await handle.db.update(companies).set({ deliveryChargeMode: "free" }).where(eq(companies.id, limited.company.id));
    await addToCart(buyer, paper.sku, 16);
    const placed = await placeOrder(buyer, input, "nl", NOW);
    expect(placed).toMatchObject({ status: "placed", approvalReasons: [] });
    expect(await orderRow(placed.id)).toMatchObject({ deliveryChargeMinor: 0, subtotalMinor: 9584 });
  });
});

// ---------------------------------------------------------------------------------------------

describe("punchout", () => {
  it("a punchout session's cart carries no delivery charge; the same buyer's shop cart does", async () => {
    const shopper = await createInvoiceCustomer(handle, { kvkNumber: "67890123" });
    const connection = await createPunchoutConnection({
      companyId: shopper.company.id,
      protocol: "oci",
      name: "SAP SRM",
      presetId: "generic",
      username: `sap-delivery-${shopper.company.id}`,
      secretHash: "x",
    } as Parameters<typeof createPunchoutConnection>[0]);
    const session = await createPunchoutSession({
      connectionId: connection.id,
      companyId: shopper.company.id,
      userId: shopper.user.id,
      protocol: "oci",
      status: "active",
      returnUrl: "https://procurement.example/return",
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    } as Parameters<typeof createPunchoutSession>[0]);
    const punchout: CartOwner = { id: shopper.user.id, companyId: shopper.company.id, punchout: { sessionId: session.id, operation: "create" } };
    for (const item of MIXED()) {
      await addToCart(punchout, item.sku, item.quantity);
      await addToCart(shopper.buyer, item.sku, item.quantity);
    }

    const inSession = await getPricedCart(punchout, "nl", NOW);
    expect(inSession.lines).toHaveLength(2);
    expect(inSession.goodsMinor).toBe(MIXED_GOODS);
    expect(inSession.delivery).toMatchObject({ chargeMinor: 0, missingForFreeMinor: null });
    expect(inSession.totals.subtotalMinor).toBe(MIXED_GOODS);
    expect(byRate(inSession.totals.breakdown)).toEqual([
      { vatRateBasisPoints: 900, taxableMinor: 4495, vatMinor: 405 },
      { vatRateBasisPoints: 2100, taxableMinor: 5990, vatMinor: 1258 },
    ]);

    const shop = await getPricedCart(shopper.buyer, "nl", NOW);
    expect(shop.cartId).not.toBe(inSession.cartId);
    expect(shop.delivery.chargeMinor).toBe(995);
    expect(shop.totals.subtotalMinor).toBe(MIXED_SUBTOTAL);
  });
});

// ---------------------------------------------------------------------------------------------

describe("invoicing the delivery charge", () => {
  it("the first invoice of an order bills it as FC charges split like the order; invoice and order agree to the cent", async () => {
    const placed = await checkout(nl, MIXED(), "PO-DC-INV");
    const order = await orderRow(placed.id);
    const invoice = await invoiced("NL whole order with delivery charge", await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW }));
    expect(invoice).toMatchObject({
      deliveryChargeMinor: 995,
      lineExtensionMinor: MIXED_GOODS,
      chargeTotalMinor: 995,
      allowanceTotalMinor: 0,
      taxExclusiveMinor: order.subtotalMinor,
      taxMinor: order.vatMinor,
      payableMinor: order.totalMinor,
    });
    expect(deliveryCharges(invoice.document)).toEqual([
      { reason: "Bezorgkosten", amountMinor: MIXED_CHARGE_9, category: "S", rateBp: 900 },
      { reason: "Bezorgkosten", amountMinor: MIXED_CHARGE_21, category: "S", rateBp: 2100 },
    ]);
    expect(invoice.document.allowancesCharges).toHaveLength(2);
    expect(await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW })).toMatchObject({ ok: false, error: "nothing_to_invoice" });
  });

  it("with two shipments invoiced separately only the first carries it, and the two add up to the order's subtotal", async () => {
    const placed = await checkout(en, MIXED(), "PO-DC-SHIP");
    const order = await orderRow(placed.id);
    // The first shipment has paper only: the 9 % share of the charge is still billed with it.
    const first = await shipOrder(placed.id, [{ lineNumber: 1, quantity: 4 }]);
    const inv1 = await invoiced("EN shipment 1 of 2 with delivery charge", await issueInvoiceForOrder({ orderId: placed.id, shipmentId: first, userId: null, now: NOW }));
    expect(inv1.lines.map((l) => [l.orderLineNumber, l.quantity])).toEqual([[1, 4]]);
    expect(inv1).toMatchObject({ deliveryChargeMinor: 995, chargeTotalMinor: 995, taxExclusiveMinor: 4 * 599 + 995 });
    expect(deliveryCharges(inv1.document)).toEqual([
      { reason: "Delivery charge", amountMinor: MIXED_CHARGE_9, category: "S", rateBp: 900 },
      { reason: "Delivery charge", amountMinor: MIXED_CHARGE_21, category: "S", rateBp: 2100 },
    ]);

    const second = await shipOrder(placed.id, null);
    const inv2 = await invoiced("EN shipment 2 of 2 without delivery charge", await issueInvoiceForOrder({ orderId: placed.id, shipmentId: second, userId: null, now: NOW }));
    expect(inv2.lines.map((l) => [l.orderLineNumber, l.quantity])).toEqual([[1, 6], [2, 5]]);
    expect(inv2).toMatchObject({ deliveryChargeMinor: 0, chargeTotalMinor: 0, taxExclusiveMinor: 6 * 599 + 4495 });
    expect(inv2.document.allowancesCharges ?? []).toEqual([]);
    expect(inv1.taxExclusiveMinor + inv2.taxExclusiveMinor).toBe(order.subtotalMinor);
  });

  it("is billed once per order: after the first invoice is credited in full, the invoice for the rest does not bill it again", async () => {
    const placed = await checkout(nl, MIXED(), "PO-DC-CN");
    const first = await shipOrder(placed.id, [{ lineNumber: 1, quantity: 4 }]);
    const inv1 = await invoiced("NL shipment 1 with delivery charge (credited)", await issueInvoiceForOrder({ orderId: placed.id, shipmentId: first, userId: null, now: NOW }));
    expect(inv1.deliveryChargeMinor).toBe(995);

    const credit = await issueCreditNote({ invoiceId: inv1.id, lines: "all", reason: "Verkeerd gefactureerd", userId: null, now: NOW });
    const creditNote = await invoiced("NL credit note of shipment 1 incl. delivery charge", credit);
    // The credit note gives back the whole first invoice, its delivery charge included.
    expect(creditNote).toMatchObject({ kind: "credit_note", chargeTotalMinor: 995, payableMinor: inv1.payableMinor });
    expect(deliveryCharges(creditNote.document).map((c) => c.amountMinor)).toEqual([MIXED_CHARGE_9, MIXED_CHARGE_21]);

    const rest = await invoiced("NL rest of the order after a credit note", await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW }));
    expect(rest.lines.map((l) => [l.orderLineNumber, l.quantity])).toEqual([[1, 6], [2, 5]]);
    expect(rest).toMatchObject({ deliveryChargeMinor: 0, chargeTotalMinor: 0 });
    expect(deliveryCharges(rest.document)).toEqual([]);
  });

  it("an order without a charge is invoiced without one", async () => {
    const placed = await checkout(nl, [{ sku: chair.sku, quantity: 2 }], "PO-DC-NOCHARGE");
    const invoice = await invoiced("NL order at the threshold: no delivery charge", await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW }));
    expect(invoice).toMatchObject({ deliveryChargeMinor: 0, chargeTotalMinor: 0, taxExclusiveMinor: 25_000 });
    expect(invoice.document.allowancesCharges).toBeUndefined();
  });

  it("a reverse-charge customer gets the charge under AE like the lines; an intra-community one under K", async () => {
    const reverse = await createInvoiceCustomer(handle, {
      kvkNumber: "33445566",
      vatId: "NL334455667B01",
      peppolScheme: "9944",
      peppolId: "NL334455667B01",
      vatTreatment: "reverse_charge",
      invoiceChannels: ["peppol"],
    });
    const rcOrder = await checkout(reverse, MIXED(), "RC-DC-1");
    expect((await orderRow(rcOrder.id)).deliveryChargeMinor).toBe(995);
    const rc = await invoiced("NL reverse charge with delivery charge", await issueInvoiceForOrder({ orderId: rcOrder.id, userId: null, now: NOW }));
    expect(rc.document.lines.map((l) => l.vat.category)).toEqual(["AE", "AE"]);
    expect(deliveryCharges(rc.document)).toEqual([
      { reason: "Bezorgkosten", amountMinor: MIXED_CHARGE_9, category: "AE", rateBp: 0 },
      { reason: "Bezorgkosten", amountMinor: MIXED_CHARGE_21, category: "AE", rateBp: 0 },
    ]);
    expect(rc).toMatchObject({ deliveryChargeMinor: 995, taxExclusiveMinor: MIXED_SUBTOTAL, taxMinor: 0, payableMinor: MIXED_SUBTOTAL });

    const be = await createInvoiceCustomer(handle, {
      countryCode: "BE",
      kvkNumber: "0123456749",
      vatId: "BE0123456749",
      peppolScheme: "0208",
      peppolId: "0123456749",
      invoiceChannels: ["peppol"],
    });
    const beOrder = await checkout(be, MIXED(), "BE-DC-1");
    const ic = await invoiced("BE intra-community with delivery charge", await issueInvoiceForOrder({ orderId: beOrder.id, userId: null, now: NOW }));
    expect(deliveryCharges(ic.document).map((c) => [c.category, c.rateBp])).toEqual([
      ["K", 0],
      ["K", 0],
    ]);
    expect(ic).toMatchObject({ deliveryChargeMinor: 995, taxExclusiveMinor: MIXED_SUBTOTAL, taxMinor: 0 });
  });

  it.skipIf(validatorsMissing !== null && !process.env.CI)(
    `the documents pass validate-ubl.sh as Peppol BIS 3 and NLCIUS, in one call${validatorsMissing ? ` — SKIPPED: ${validatorsMissing}` : ""}`,
    () => {
      expect(documents.map((d) => d.label)).toHaveLength(9);
      const files: Record<string, string> = {};
      documents.forEach(({ label, doc }, index) => {
        const name = `${String(index + 1).padStart(2, "0")}-${doc.number}-${label}`;
        files[`${name}-peppol`] = buildUblXml(doc, "peppol");
        files[`${name}-nlcius`] = buildUblXml(doc, "nlcius");
      });
      // The charges reach the XML: with the FC code on Peppol; NLCIUS discourages reason codes (BR-NL-32/34), the text stays.
      const fc = "<cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode>";
      const named = (xml: string) => /<cbc:AllowanceChargeReason>(Bezorgkosten|Delivery charge)<\/cbc:AllowanceChargeReason>/.test(xml);
      expect(Object.entries(files).filter(([name, xml]) => name.endsWith("-peppol") && xml.includes(fc) && named(xml))).toHaveLength(6);
      expect(Object.entries(files).filter(([name, xml]) => name.endsWith("-nlcius") && !xml.includes(fc) && named(xml))).toHaveLength(6);
      const result = runValidatorBatch(UBL_VALIDATOR, files);
      if (result.fatal.length > 0 || result.status !== 0) console.error(`validate-ubl.sh findings:\n${result.fatal.join("\n") || result.output}`);
      expect(result.files).toBe(18);
      expect(result.fatal).toEqual([]);
      expect(result.status).toBe(0);
    },
    300_000,
  );
});

// ---------------------------------------------------------------------------------------------

describe("standing orders", () => {
  it("a standing order's run charges the delivery like a checkout", async () => {
    const customer = await createInvoiceCustomer(handle, { kvkNumber: "78901234" });
    const monday = new Date("2026-11-30T06:00:00Z");
    const list = await createList(customer.buyer, { name: "Weekvoorraad", shared: false }, monday);
    for (const item of MIXED()) await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: item.sku, quantity: item.quantity, note: null }, monday);
    const saved = await saveStandingOrder(
      customer.buyer,
      standingOrderSchema.parse({ listId: list.id, intervalWeeks: "1", nextRunOn: "2026-11-30", shipToAddressId: String(customer.shipTo.id), poNumber: "RAAM-DC" }),
      monday,
    );
    const result = await runStandingOrder(saved.id, monday);
    expect(result).toMatchObject({ outcome: "placed" });
    const [order] = await handle.db.select().from(orders).where(eq(orders.orderNumber, (result as { orderNumber: string }).orderNumber));
    expect(order).toMatchObject({ status: "placed", deliveryChargeMinor: 995, subtotalMinor: MIXED_SUBTOTAL, vatMinor: MIXED_VAT, totalMinor: MIXED_SUBTOTAL + MIXED_VAT });
    expect(byRate(order!.vatBreakdown)).toEqual(MIXED_BREAKDOWN);
  });
});

// ---------------------------------------------------------------------------------------------

describe("staff settings", () => {
  it("the supplier default: an account manager is refused, there must be a profile, an admin stores it and carts follow", async () => {
    const profile = async () => (await handle.db.select().from(supplierProfile))[0];
    const input = deliveryChargeSettingsSchema.parse({ deliveryChargeMinor: "12,50", freeDeliveryFromMinor: "300" });
    expect(input).toEqual({ deliveryChargeMinor: 1250, freeDeliveryFromMinor: 30_000 });
    // Empty charge: none; empty threshold: never free.
    expect(deliveryChargeSettingsSchema.parse({ deliveryChargeMinor: "", freeDeliveryFromMinor: "" })).toEqual({ deliveryChargeMinor: 0, freeDeliveryFromMinor: null });
    expect(deliveryChargeSettingsSchema.safeParse({ deliveryChargeMinor: "twaalf", freeDeliveryFromMinor: "" }).success).toBe(false);

    await expect(saveDeliveryCharges(manager, input, NOW)).rejects.toMatchObject({ code: "forbidden", message: "admin_only" });
    expect(await profile()).toMatchObject(SUPPLIER_TERMS);

    const saved = await handle.db.select().from(supplierProfile);
    await handle.db.delete(supplierProfile);
    try {
      await expect(saveDeliveryCharges(admin, input, NOW)).rejects.toMatchObject({ code: "invalid_input", message: "supplier_profile_first" });
      expect(await profile()).toBeUndefined();
    } finally {
      await handle.db.insert(supplierProfile).values(saved[0]!);
    }

    try {
      await saveDeliveryCharges(admin, input, NOW);
      expect(await profile()).toMatchObject({ deliveryChargeMinor: 1250, freeDeliveryFromMinor: 30_000, legalName: saved[0]!.legalName });
      expect(await readDeliveryTerms(nl.company.id)).toEqual({ chargeMinor: 1250, freeFromMinor: 30_000 });
      // 2 × 125.00 = 250.00 is now below the threshold.
      await addToCart(nl.buyer, chair.sku, 2);
      expect((await getPricedCart(nl.buyer, "nl", NOW)).delivery).toMatchObject({ chargeMinor: 1250, missingForFreeMinor: 5000 });
      // Customers on their own terms are not affected.
      expect(await readDeliveryTerms(customCustomer.company.id)).toEqual({ chargeMinor: 1500, freeFromMinor: 50_000 });
    } finally {
      await saveDeliveryCharges(admin, SUPPLIER_TERMS, NOW);
      for (const line of (await getPricedCart(nl.buyer, "nl", NOW)).lines) await removeFromCart(nl.buyer, line.lineId);
    }
    expect(await profile()).toMatchObject(SUPPLIER_TERMS);
  });

  it("saving the company details keeps the delivery charges (they have a form of their own)", async () => {
    const [before] = await handle.db.select().from(supplierProfile);
    try {
      await saveDeliveryCharges(admin, { deliveryChargeMinor: 795, freeDeliveryFromMinor: null }, NOW);
      // The company details form as an admin posts it (cf. tests/integration/admin/invoicing-settings.test.ts).
      const details = supplierProfileSchema.parse({
        legalName: "Koppel Supplies B.V.",
        tradingName: "Koppel",
        kvkNumber: "8173 4562",
        vatId: "nl 864152036 b01",
        peppolScheme: "0106",
        peppolId: "0106:81734562",
        street: "Vliegend Hertlaan 40",
        postalCode: "3526kt",
        city: "Utrecht",
        countryCode: "nl",
        iban: "nl67 ingb 0006 5432 10",
        bic: "ingbnl2a",
        email: "Facturen@Koppel.test",
        phone: "",
        paymentTermsDays: "30",
      });
      expect(details).not.toHaveProperty("deliveryChargeMinor");
      await saveSupplierProfile(admin, details, NOW);
      expect((await handle.db.select().from(supplierProfile))[0]).toMatchObject({ legalName: "Koppel Supplies B.V.", deliveryChargeMinor: 795, freeDeliveryFromMinor: null });
      expect(await readDeliveryTerms(nl.company.id)).toEqual({ chargeMinor: 795, freeFromMinor: null });
    } finally {
      const { id: _id, ...values } = before!;
      await handle.db.update(supplierProfile).set(values);
    }
    expect((await handle.db.select().from(supplierProfile))[0]).toEqual(before);
  });

  /** A valid customer form as posted (cf. tests/integration/admin/invoicing-settings.test.ts). */
  const form = (fields: Record<string, string | string[]>) => ({
    name: "Klant Bezorging B.V.",
    countryCode: "NL",
    kvkNumber: "6875 0110",
    vatId: "NL 857426199 B01",
    peppolScheme: "9944",
    peppolId: "nl857426199b01",
    iban: "",
    paymentTermsDays: "30",
    deliveryTerms: "",
    active: "on",
    invoiceEmail: "crediteuren@klant.test",
    invoiceChannels: ["peppol", "email"],
    vatTreatment: "auto",
    vatExemptionReason: "",
    ...fields,
  });

  it("customer terms: custom needs an amount; default and free clear the amounts; custom is stored and prices the cart", async () => {
    const missing = customerMasterDataSchema.safeParse(form({ deliveryChargeMode: "custom", deliveryChargeMinor: "", freeDeliveryFromMinor: "500" }));
    expect(missing.success).toBe(false);
    expect(missing.error!.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ["deliveryChargeMinor"], message: "delivery_charge_required" })]));
    const unknown = customerMasterDataSchema.safeParse(form({ deliveryChargeMode: "sometimes" }));
    expect(unknown.error!.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ["deliveryChargeMode"], message: "delivery_charge_mode_unknown" })]));

    for (const mode of ["free", "default", ""]) {
      const parsed = customerMasterDataSchema.parse(form({ deliveryChargeMode: mode, deliveryChargeMinor: "7,50", freeDeliveryFromMinor: "100" }));
      expect(parsed, mode).toMatchObject({ deliveryChargeMode: mode || "default", deliveryChargeMinor: null, freeDeliveryFromMinor: null });
    }
    // "0" is an amount: custom and always free is allowed; an empty threshold is "always charged".
    expect(customerMasterDataSchema.parse(form({ deliveryChargeMode: "custom", deliveryChargeMinor: "0", freeDeliveryFromMinor: "" }))).toMatchObject({
      deliveryChargeMinor: 0,
      freeDeliveryFromMinor: null,
    });

    const custom = customerMasterDataSchema.parse(form({ deliveryChargeMode: "custom", deliveryChargeMinor: "7,50", freeDeliveryFromMinor: "1.000" }));
    expect(custom).toMatchObject({ deliveryChargeMode: "custom", deliveryChargeMinor: 750, freeDeliveryFromMinor: 100_000 });
    const customer = await createInvoiceCustomer(handle, { kvkNumber: "68750110" });
    const staff = await createStaff(handle, "account_manager", [customer.company.id]);
    await updateCustomerDetails(staff, customer.company.id, custom);
    expect((await handle.db.select().from(companies).where(eq(companies.id, customer.company.id)))[0]).toMatchObject({
      deliveryChargeMode: "custom",
      deliveryChargeMinor: 750,
      freeDeliveryFromMinor: 100_000,
    });
    await addToCart(customer.buyer, chair.sku, 2);
    expect((await getPricedCart(customer.buyer, "nl", NOW)).delivery).toEqual({ chargeMinor: 750, missingForFreeMinor: 75_000, terms: { chargeMinor: 750, freeFromMinor: 100_000 } });

    // Back to the default: the amounts are cleared (the database would refuse them otherwise).
    await updateCustomerDetails(staff, customer.company.id, customerMasterDataSchema.parse(form({ deliveryChargeMode: "default", deliveryChargeMinor: "7,50" })));
    expect((await handle.db.select().from(companies).where(eq(companies.id, customer.company.id)))[0]).toMatchObject({
      deliveryChargeMode: "default",
      deliveryChargeMinor: null,
      freeDeliveryFromMinor: null,
    });
    expect((await getPricedCart(customer.buyer, "nl", NOW)).delivery.chargeMinor).toBe(0); // 250.00: free under the default
  });

  it("the database refuses inconsistent delivery terms and a charge outside the order's subtotal", async () => {
    const customer = await createInvoiceCustomer(handle, { kvkNumber: "89012345" });
    const setTerms = (values: Partial<typeof companies.$inferInsert>) => handle.db.update(companies).set(values).where(eq(companies.id, customer.company.id));
    for (const values of [
      { deliveryChargeMode: "free" as const, deliveryChargeMinor: 500 },
      { deliveryChargeMode: "default" as const, deliveryChargeMinor: 500 },
      { deliveryChargeMode: "custom" as const, deliveryChargeMinor: null },
      { deliveryChargeMode: "default" as const, freeDeliveryFromMinor: 10_000 },
      { deliveryChargeMode: "custom" as const, deliveryChargeMinor: -1 },
      { deliveryChargeMode: "custom" as const, deliveryChargeMinor: 500, freeDeliveryFromMinor: -1 },
    ]) {
      expect(await failureText(setTerms(values)), JSON.stringify(values)).toMatch(/companies_delivery_charge_custom/);
    }
    expect((await handle.db.select().from(companies).where(eq(companies.id, customer.company.id)))[0]).toMatchObject({
      deliveryChargeMode: "default",
      deliveryChargeMinor: null,
      freeDeliveryFromMinor: null,
    });
    // Consistent rows pass.
    await setTerms({ deliveryChargeMode: "custom", deliveryChargeMinor: 500, freeDeliveryFromMinor: null });
    await setTerms({ deliveryChargeMode: "free", deliveryChargeMinor: null });

    expect(await failureText(handle.db.update(supplierProfile).set({ deliveryChargeMinor: -5 }))).toMatch(/supplier_profile_delivery_charge/);
    const placed = await checkout(nl, [{ sku: paper.sku, quantity: 1 }]);
    const order = await orderRow(placed.id);
    expect(order).toMatchObject({ deliveryChargeMinor: 995, subtotalMinor: 599 + 995 });
    expect(await failureText(handle.db.update(orders).set({ deliveryChargeMinor: order.subtotalMinor + 1 }).where(eq(orders.id, order.id)))).toMatch(
      /orders_delivery_charge_in_subtotal/,
    );
    expect(await failureText(handle.db.update(orders).set({ deliveryChargeMinor: -1 }).where(eq(orders.id, order.id)))).toMatch(/orders_delivery_charge_in_subtotal/);
  });
});
