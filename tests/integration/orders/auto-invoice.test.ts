import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, invoiceDeliveries, invoiceLines, invoices, orderShipments, orders } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import {
  getOrderForStaff,
  invoiceOrderForStaff,
  invoiceOrderSchema,
  invoiceShipmentForStaff,
  shipOrderForStaff,
  shipOrderSchema,
} from "@/lib/admin/purchase-orders";
import { AUTO_INVOICE_FAILED } from "@/lib/purchase-orders/order-responses";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");

/** Invoices on shipment, complete master data (Peppol + e-mail). */
let auto: InvoiceCustomer;
/** Invoices on shipment, but receives on Peppol without a participant id: issuing must fail. */
let broken: InvoiceCustomer;
/** Invoiced by hand. */
let manual: InvoiceCustomer;
let paper: Awaited<ReturnType<typeof createProduct>>;
let coffee: Awaited<ReturnType<typeof createProduct>>;
let mine: StaffUser;
let other: StaffUser;

const ship = (staff: StaffUser, orderId: number, fields: Record<string, string> = {}) =>
  shipOrderForStaff(staff, shipOrderSchema.parse({ orderId: String(orderId), carrier: "PostNL", trackingNumber: `3S${orderId}-${JSON.stringify(fields).length}`, ...fields }), NOW);

const webOrder = async (customer: InvoiceCustomer, items: { sku: string; quantity: number }[]) =>
  (await placeWebOrder(customer, items, { poNumber: `PO-${customer.company.id}`, now: NOW })).id;

const invoicesOf = (orderId: number) => handle.db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(invoices.id);
const linesOf = async (invoiceId: number) =>
  (await handle.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(invoiceLines.id)).map((l) => [l.orderLineNumber, l.quantity]);

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, vatRateBasisPoints: 2100 });
  coffee = await createProduct(handle, category.id, { listPriceMinor: 899, vatRateBasisPoints: 900 });
  const masterData = { kvkNumber: "12345678", vatId: "NL123456789B01", peppolScheme: "0106", peppolId: "12345678" };
  auto = await createInvoiceCustomer(handle, { ...masterData, invoiceChannels: ["peppol", "email"], invoiceEmail: "ap@klant.test", invoiceOnShipment: true });
  broken = await createInvoiceCustomer(handle, { kvkNumber: "34567890", invoiceChannels: ["peppol"], invoiceOnShipment: true });
  manual = await createInvoiceCustomer(handle, { ...masterData, invoiceChannels: ["email"], invoiceEmail: "ap@manual.test", invoiceOnShipment: false });
  mine = await createStaff(handle, "account_manager", [auto.company.id, broken.company.id, manual.company.id]);
  other = await createStaff(handle, "account_manager", []);
}, 120_000);
afterAll(() => db.dispose());

describe("invoices from the admin order page", () => {
  it("issues the invoice for the shipped quantities right after each shipment (invoiceOnShipment)", async () => {
    const orderId = await webOrder(auto, [
      { sku: paper.sku, quantity: 10 },
      { sku: coffee.sku, quantity: 4 },
    ]);
    const first = await ship(mine, orderId, { ship_1: "6", ship_2: "1" });
    if (first.invoice.status !== "issued") throw new Error(`expected an invoice: ${JSON.stringify(first.invoice)}`);
    const [invoice] = await invoicesOf(orderId);
    expect(invoice).toMatchObject({ id: first.invoice.invoice.id, number: first.invoice.invoice.number, kind: "invoice", shipmentId: first.shipmentId, createdByUserId: mine.id });
    expect(await linesOf(invoice!.id)).toEqual([
      [1, 6],
      [2, 1],
    ]);
    expect(invoice!.lineExtensionMinor).toBe(6 * 599 + 899);
    const deliveries = await handle.db.select().from(invoiceDeliveries).where(eq(invoiceDeliveries.invoiceId, invoice!.id));
    expect(deliveries.map((d) => d.channel).sort()).toEqual(["email", "peppol"]);

    const second = await ship(mine, orderId);
    expect(second).toMatchObject({ complete: true, invoice: { status: "issued" } });
    const all = await invoicesOf(orderId);
    expect(all).toHaveLength(2);
    expect(await linesOf(all[1]!.id)).toEqual([
      [1, 4],
      [2, 3],
    ]);
    const detail = await getOrderForStaff(mine, orderId);
    expect(detail.shipments.map((s) => s.invoiced)).toEqual([true, true]);
    expect(detail.invoices.map((i) => i.number).sort()).toEqual(all.map((i) => i.number).sort());
    expect(detail.progress.map((p) => p.invoiced)).toEqual([10, 4]);
    expect(detail.canInvoice).toBe(false);
    await expect(invoiceOrderForStaff(mine, invoiceOrderSchema.parse({ orderId: String(orderId) }), NOW)).rejects.toMatchObject({ code: "conflict", message: "nothing_to_invoice" });
  });

  it("keeps the shipment when the automatic invoice fails, records why, and lets staff invoice it later", async () => {
    const orderId = await webOrder(broken, [{ sku: paper.sku, quantity: 3 }]);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const shipped = await ship(mine, orderId);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/automatic invoice .* failed: master_data_missing/));
    logged.mockRestore();
    expect(shipped).toMatchObject({ ok: true, invoice: { status: "failed", error: "master_data_missing", detail: expect.stringMatching(/Peppol/) } });
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.status).toBe("shipped");
    expect(await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, orderId))).toHaveLength(1);
    expect(await invoicesOf(orderId)).toEqual([]);

    let detail = await getOrderForStaff(mine, orderId);
    expect(detail.shipments[0]!).toMatchObject({ invoiced: false, autoInvoiceFailure: expect.stringMatching(/^master_data_missing: .*Peppol/) });
    const event = detail.events.at(-1)!;
    expect(event.status).toBe("shipped");
    expect(event.comment).toContain(`${AUTO_INVOICE_FAILED} ${shipped.shipmentNumber} (master_data_missing: `);

    // By hand while the master data is still missing: the same clear reason.
    await expect(invoiceShipmentForStaff(mine, { orderId, shipmentId: shipped.shipmentId }, NOW)).rejects.toMatchObject({
      code: "invalid_input",
      message: "master_data_missing",
      details: { detail: expect.stringMatching(/Peppol/) },
    });
    await handle.db.update(companies).set({ peppolScheme: "0106", peppolId: "34567890" }).where(eq(companies.id, broken.company.id));
    await expect(invoiceShipmentForStaff(other, { orderId, shipmentId: shipped.shipmentId }, NOW)).rejects.toMatchObject({ code: "not_found" });
    const invoice = await invoiceShipmentForStaff(mine, { orderId, shipmentId: shipped.shipmentId }, NOW);
    expect(invoice.number).toMatch(/^F2026-\d{5}$/);
    const [stored] = await invoicesOf(orderId);
    expect(stored).toMatchObject({ id: invoice.id, shipmentId: shipped.shipmentId });
    expect(await linesOf(invoice.id)).toEqual([[1, 3]]);
    detail = await getOrderForStaff(mine, orderId);
    expect(detail.shipments[0]!).toMatchObject({ invoiced: true, autoInvoiceFailure: null });
    await expect(invoiceShipmentForStaff(mine, { orderId, shipmentId: shipped.shipmentId }, NOW)).rejects.toMatchObject({ code: "conflict", message: "nothing_to_invoice" });
  });

  it("does not invoice on shipment for customers without the setting; 'invoice all open lines' bills the rest with a shipping charge", async () => {
    const orderId = await webOrder(manual, [
      { sku: paper.sku, quantity: 5 },
      { sku: coffee.sku, quantity: 2 },
    ]);
    const shipped = await ship(mine, orderId, { ship_1: "2", ship_2: "0" });
    expect(shipped.invoice).toEqual({ status: "off" });
    expect(await invoicesOf(orderId)).toEqual([]);

    // The shipment first, then everything still open (shipped or not) with a shipping charge.
    await invoiceShipmentForStaff(mine, { orderId, shipmentId: shipped.shipmentId }, NOW);
    const input = invoiceOrderSchema.parse({ orderId: String(orderId), shippingAmount: "7,50", shippingVatRate: "2100", shippingReason: "Verzendkosten" });
    expect(input.charges).toEqual([{ reason: "Verzendkosten", amountMinor: 750, vatRateBp: 2100 }]);
    expect(input.allowances).toEqual([]);
    expect(invoiceOrderSchema.safeParse({ orderId: "1", discountAmount: "2,5x" }).success).toBe(false);
    expect(invoiceOrderSchema.parse({ orderId: "1", discountAmount: "12,50", discountVatRate: "900", discountReason: "Korting" }).allowances).toEqual([
      { reason: "Korting", amountMinor: 1250, vatRateBp: 900 },
    ]);
    await expect(invoiceOrderForStaff(other, input, NOW)).rejects.toMatchObject({ code: "not_found" });
    const rest = await invoiceOrderForStaff(mine, input, NOW);
    const [, restInvoice] = await invoicesOf(orderId);
    expect(restInvoice).toMatchObject({ id: rest.id, shipmentId: null, chargeTotalMinor: 750 });
    expect(await linesOf(rest.id)).toEqual([
      [1, 3],
      [2, 2],
    ]);
    expect(restInvoice!.taxExclusiveMinor).toBe(3 * 599 + 2 * 899 + 750);
    await expect(invoiceOrderForStaff(mine, input, NOW)).rejects.toMatchObject({ code: "conflict", message: "nothing_to_invoice" });

    // A later shipment of lines that are on an invoice already has nothing to bill: shown as invoiced.
    const later = await ship(mine, orderId);
    expect(later.invoice).toEqual({ status: "off" });
    const detail = await getOrderForStaff(mine, orderId);
    expect(detail.shipments.map((s) => s.invoiced)).toEqual([true, true]);
    await expect(invoiceShipmentForStaff(mine, { orderId, shipmentId: later.shipmentId }, NOW)).rejects.toMatchObject({ message: "nothing_to_invoice" });
  });

  it("invoices an unshipped order by hand; bad charge input and foreign shipments are refused", async () => {
    const orderId = await webOrder(manual, [{ sku: coffee.sku, quantity: 1 }]);
    const bad = invoiceOrderSchema.safeParse({ orderId: String(orderId), shippingAmount: "7,505" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["shippingAmount", "invalid_amount"]]);
    expect(invoiceOrderSchema.safeParse({ orderId: String(orderId), shippingAmount: "5", shippingReason: "" }).success).toBe(false);
    expect(invoiceOrderSchema.safeParse({ orderId: String(orderId), shippingVatRate: "1900" }).success).toBe(false);

    const elsewhere = await webOrder(manual, [{ sku: paper.sku, quantity: 1 }]);
    const { shipmentId } = await ship(mine, elsewhere);
    await expect(invoiceShipmentForStaff(mine, { orderId, shipmentId }, NOW)).rejects.toMatchObject({ code: "not_found", message: "shipment_not_found" });

    const invoice = await invoiceOrderForStaff(mine, invoiceOrderSchema.parse({ orderId: String(orderId), shippingAmount: "" }), NOW);
    expect(await linesOf(invoice.id)).toEqual([[1, 1]]);
    const [row] = await invoicesOf(orderId);
    expect(row!.chargeTotalMinor).toBe(0);
    expect((await getOrderForStaff(mine, orderId)).invoices.map((i) => [i.id, i.kind])).toEqual([[invoice.id, "invoice"]]);
  });
});
