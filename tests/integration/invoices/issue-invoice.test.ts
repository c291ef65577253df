import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, invoiceCounters, invoiceDeliveries, invoiceLines, invoices, orders, supplierProfile } from "@/db/schema";
import { getInvoiceById, getInvoiceByNumber, listInvoices } from "@/lib/data/invoices";
import { issueCreditNote, issueInvoiceForOrder, markInvoicePaid } from "@/lib/invoices/issue-invoice";
import { createCategory, createProduct } from "../../support/fixtures";
import {
  createInvoiceCustomer,
  createSupplierProfile,
  gtin13,
  placeCxmlOrder,
  placeWebOrder,
  shipOrder,
  type InvoiceCustomer,
} from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const onPostgres = Boolean(process.env.KOPPEL_TEST_PG_URL);

let nl: InvoiceCustomer;
let paper: Awaited<ReturnType<typeof createProduct>>;
let coffee: Awaited<ReturnType<typeof createProduct>>;
let boxes: Awaited<ReturnType<typeof createProduct>>;

async function webOrder(customer: InvoiceCustomer, items: { sku: string; quantity: number }[], poNumber?: string) {
  const order = await placeWebOrder(customer, items, { poNumber, costCenter: "CC-42", now: NOW });
  return order.id;
}

async function expectOk(result: Awaited<ReturnType<typeof issueInvoiceForOrder>>) {
  if (!result.ok) throw new Error(`expected an invoice, got ${result.error}: ${result.detail ?? ""}`);
  return result.invoice;
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, vatRateBasisPoints: 2100, gtin: gtin13("871010391752") });
  coffee = await createProduct(handle, category.id, { listPriceMinor: 899, vatRateBasisPoints: 900 });
  boxes = await createProduct(handle, category.id, { listPriceMinor: 1995, vatRateBasisPoints: 2100, unit: "PK" });
  nl = await createInvoiceCustomer(handle, {
    kvkNumber: "12345678",
    vatId: "NL123456789B01",
    peppolScheme: "0106",
    peppolId: "12345678",
    invoiceChannels: ["peppol", "email"],
    paymentTermsDays: 14,
    invoiceEmail: "crediteuren@klant.test",
  });
}, 120_000);
afterAll(() => db.dispose());

describe("issueInvoiceForOrder", () => {
  it("invoices all lines of a web order with references, VAT per rate, due date, deliveries and the stored document", async () => {
    const orderId = await webOrder(nl, [
      { sku: paper.sku, quantity: 10 },
      { sku: coffee.sku, quantity: 3 },
      { sku: boxes.sku, quantity: 2 },
    ], "PO-7781");
    const created = await expectOk(
      await issueInvoiceForOrder({ orderId, userId: null, charges: [{ reason: "Verzendkosten", amountMinor: 695, vatRateBp: 2100 }], now: NOW }),
    );
    expect(created.number).toMatch(/^F2026-\d{5}$/);
    const invoice = (await getInvoiceById(created.id))!;
    expect(invoice).toMatchObject({ kind: "invoice", issueDate: "2026-11-28", dueDate: "2026-12-12", locale: "nl", companyName: nl.company.name });
    const doc = invoice.document;
    expect(doc).toMatchObject({ number: created.number, buyerReference: "PO-7781", orderReference: "PO-7781", accountingCost: "CC-42" });
    expect(doc.paymentMeans).toMatchObject({ code: "58", iban: "NL91ABNA0417164300", paymentId: created.number });
    expect(doc.lines.map((l) => [l.id, l.quantity, l.unitCode, l.vat.category, l.vat.rateBp])).toEqual([
      ["1", 10, "EA", "S", 2100],
      ["2", 3, "EA", "S", 900],
      ["3", 2, "XPK", "S", 2100],
    ]);
    expect(doc.lines[0]!.gtin).toBe(paper.gtin);
    expect(doc.lines.every((l) => l.orderLineReference === undefined)).toBe(true);
    // 10 × 5.99 + 2 × 19.95 + 6.95 = 106.75 at 21 % → 22.42; 3 × 8.99 = 26.97 at 9 % → 2.43
    expect(invoice).toMatchObject({ lineExtensionMinor: 5990 + 2697 + 3990, chargeTotalMinor: 695, taxExclusiveMinor: 13372, taxMinor: 2242 + 243, payableMinor: 13372 + 2485 });
    expect(invoice.lines.map((l) => [l.lineId, l.orderLineNumber, l.quantity, l.netMinor])).toEqual([
      ["1", 1, 10, 5990],
      ["2", 2, 3, 2697],
      ["3", 3, 2, 3990],
    ]);
    expect(invoice.deliveries.map((d) => [d.channel, d.status])).toEqual([
      ["peppol", "pending"],
      ["email", "pending"],
    ]);
    expect((await getInvoiceByNumber(created.number))?.id).toBe(created.id);
    const listed = await listInvoices({ companyId: nl.company.id });
    expect(listed[0]).toMatchObject({ id: created.id, number: created.number, payableMinor: invoice.payableMinor, paidAt: null, creditedInvoiceId: null });
    expect(listed[0]!.orderNumber).toMatch(/^K\d+$/);
  });

  it("uses the order number as buyer reference without a PO number, and refuses to invoice the same lines twice", async () => {
    const orderId = await webOrder(nl, [{ sku: paper.sku, quantity: 1 }]);
    const first = await expectOk(await issueInvoiceForOrder({ orderId, userId: null, now: NOW }));
    const doc = (await getInvoiceById(first.id))!.document;
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, orderId));
    expect(doc.buyerReference).toBe(order!.orderNumber);
    expect(doc.orderReference).toBeUndefined();
    expect(doc.salesOrderReference).toBe(order!.orderNumber);
    expect(await issueInvoiceForOrder({ orderId, userId: null, now: NOW })).toMatchObject({ ok: false, error: "nothing_to_invoice" });
  });

  it("refuses orders that may not be invoiced, unknown orders and bad input", async () => {
    const orderId = await webOrder(nl, [{ sku: paper.sku, quantity: 1 }]);
    for (const status of ["awaiting_approval", "rejected", "cancelled", "needs_review"] as const) {
      await handle.db.update(orders).set({ status }).where(eq(orders.id, orderId));
      expect(await issueInvoiceForOrder({ orderId, userId: null, now: NOW })).toMatchObject({ ok: false, error: "invalid_status" });
    }
    expect(await issueInvoiceForOrder({ orderId: 999_999, userId: null, now: NOW })).toEqual({ ok: false, error: "not_found" });
    expect(await issueInvoiceForOrder({ orderId: -1, userId: null, now: NOW })).toMatchObject({ ok: false, error: "invalid_input" });
    await handle.db.update(orders).set({ status: "confirmed" }).where(eq(orders.id, orderId));
    expect(
      await issueInvoiceForOrder({ orderId, userId: null, charges: [{ reason: "", amountMinor: 100, vatRateBp: 2100 }], now: NOW }),
    ).toMatchObject({ ok: false, error: "invalid_input" });
    expect(
      await issueInvoiceForOrder({ orderId, userId: null, charges: [{ reason: "Vracht", amountMinor: 100, vatRateBp: 21 }], now: NOW }),
    ).toMatchObject({ ok: false, error: "invalid_input", detail: expect.stringMatching(/vatRateBp/) });
    const [{ n }] = (await handle.query<{ n: number }>("select count(*)::int as n from invoices where order_id = $1", [orderId])) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("invoices shipments: the shipped quantities, capped by what is not yet invoiced, each shipment once", async () => {
    const orderId = await webOrder(nl, [
      { sku: paper.sku, quantity: 10 },
      { sku: coffee.sku, quantity: 4 },
    ]);
    const first = await shipOrder(orderId, [{ lineNumber: 1, quantity: 6 }]);
    const inv1 = await expectOk(await issueInvoiceForOrder({ orderId, shipmentId: first, userId: null, now: NOW }));
    expect((await getInvoiceById(inv1.id))!.lines.map((l) => [l.orderLineNumber, l.quantity])).toEqual([[1, 6]]);
    expect((await getInvoiceById(inv1.id))!.shipmentId).toBe(first);
    expect(await issueInvoiceForOrder({ orderId, shipmentId: first, userId: null, now: NOW })).toMatchObject({ ok: false, error: "nothing_to_invoice" });
    const second = await shipOrder(orderId, [{ lineNumber: 1, quantity: 2 }, { lineNumber: 2, quantity: 4 }]);
    // The account manager invoices the rest of the order before the second shipment is billed …
    const rest = await expectOk(await issueInvoiceForOrder({ orderId, userId: null, now: NOW }));
    expect((await getInvoiceById(rest.id))!.lines.map((l) => [l.orderLineNumber, l.quantity])).toEqual([[1, 4], [2, 4]]);
    // … so the shipments are capped by what is not yet invoiced: nothing left.
    const third = await shipOrder(orderId, null);
    for (const shipmentId of [second, third]) {
      expect(await issueInvoiceForOrder({ orderId, shipmentId, userId: null, now: NOW })).toMatchObject({ ok: false, error: "nothing_to_invoice" });
    }
    const otherOrder = await webOrder(nl, [{ sku: paper.sku, quantity: 1 }]);
    expect(await issueInvoiceForOrder({ orderId: otherOrder, shipmentId: first, userId: null, now: NOW })).toEqual({ ok: false, error: "not_found" });
  });

  it("carries the cXML orderID, PO line numbers, cost center and the customer's document language", async () => {
    const en = await createInvoiceCustomer(handle, { kvkNumber: "23456789", peppolScheme: "0106", peppolId: "23456789", invoiceChannels: ["cxml", "email"], documentLocale: "en" });
    const po = await placeCxmlOrder(
      handle,
      en,
      [
        { productId: paper.id, sku: paper.sku, quantity: 5, unitPriceMinor: 599, vatRateBasisPoints: 2100 },
        { productId: coffee.id, sku: coffee.sku, quantity: 2, unitPriceMinor: 899, vatRateBasisPoints: 900 },
      ],
      { orderId: "4500012345", now: NOW, costCenter: "KST-900" },
    );
    const created = await expectOk(await issueInvoiceForOrder({ orderId: po.orderId, userId: null, now: NOW }));
    const invoice = (await getInvoiceById(created.id))!;
    expect(invoice.locale).toBe("en");
    expect(invoice.document).toMatchObject({ buyerReference: "4500012345", orderReference: "4500012345", accountingCost: "KST-900" });
    expect(invoice.document.paymentTerms).toMatch(/^Payment within 30 days/);
    expect(invoice.document.lines.map((l) => l.orderLineReference)).toEqual(["1", "2"]);
    expect(invoice.deliveries.map((d) => d.channel)).toEqual(["cxml", "email"]);
  });

  it("leaves out the cXML channel for a web order of a cXML customer (nothing to reference)", async () => {
    const customer = await createInvoiceCustomer(handle, { kvkNumber: "34567890", invoiceChannels: ["cxml", "email"] });
    const orderId = await webOrder(customer, [{ sku: paper.sku, quantity: 1 }], "PO-1");
    const created = await expectOk(await issueInvoiceForOrder({ orderId, userId: null, now: NOW }));
    expect((await getInvoiceById(created.id))!.deliveries.map((d) => d.channel)).toEqual(["email"]);
    // No Peppol id and no Peppol channel: the endpoint is derived from the KvK number.
    expect((await getInvoiceById(created.id))!.document.customer.endpoint).toEqual({ scheme: "0106", id: "34567890" });
  });

  it("reports missing master data instead of writing a bad document", async () => {
    const noKvk = await createInvoiceCustomer(handle, { vatId: "NL123456789B01", peppolScheme: "9944", peppolId: "NL123456789B01" });
    const orderId = await webOrder(noKvk, [{ sku: paper.sku, quantity: 1 }], "PO-2");
    const result = await issueInvoiceForOrder({ orderId, userId: null, now: NOW });
    expect(result).toMatchObject({ ok: false, error: "master_data_missing" });
    expect(result.ok ? "" : result.detail).toMatch(/NL-R-005/);

    const peppolless = await createInvoiceCustomer(handle, { kvkNumber: "45678901", invoiceChannels: ["peppol"] });
    const order2 = await webOrder(peppolless, [{ sku: paper.sku, quantity: 1 }], "PO-3");
    expect(await issueInvoiceForOrder({ orderId: order2, userId: null, now: NOW })).toMatchObject({ ok: false, error: "master_data_missing", detail: expect.stringMatching(/Peppol/) });

    const exempt = await createInvoiceCustomer(handle, { kvkNumber: "56789012", vatTreatment: "exempt" });
    const order3 = await webOrder(exempt, [{ sku: paper.sku, quantity: 1 }], "PO-4");
    expect(await issueInvoiceForOrder({ orderId: order3, userId: null, now: NOW })).toMatchObject({ ok: false, error: "master_data_missing", detail: expect.stringMatching(/exemption reason/) });

    const reverse = await createInvoiceCustomer(handle, { kvkNumber: "67890123", vatTreatment: "reverse_charge" });
    const order4 = await webOrder(reverse, [{ sku: paper.sku, quantity: 1 }], "PO-5");
    expect(await issueInvoiceForOrder({ orderId: order4, userId: null, now: NOW })).toMatchObject({ ok: false, error: "master_data_missing", detail: expect.stringMatching(/VAT id/) });

    const saved = await handle.db.select().from(supplierProfile);
    await handle.db.delete(supplierProfile);
    try {
      const order5 = await webOrder(nl, [{ sku: paper.sku, quantity: 1 }], "PO-6");
      expect(await issueInvoiceForOrder({ orderId: order5, userId: null, now: NOW })).toMatchObject({ ok: false, error: "master_data_missing", detail: expect.stringMatching(/supplier profile/) });
    } finally {
      await handle.db.insert(supplierProfile).values(saved[0]!);
    }
    const written = await handle.query<{ n: number }>("select count(*)::int as n from invoices where company_id = any($1)", [[noKvk.company.id, peppolless.company.id, exempt.company.id, reverse.company.id]]);
    expect(Number(written[0]!.n)).toBe(0);
  });
});

describe("gap-free numbering", () => {
  it("numbers per series and year of the Amsterdam issue date", async () => {
    const orderId = await webOrder(nl, [{ sku: paper.sku, quantity: 1 }], "PO-Y");
    // 31 Dec 23:30 UTC is already 1 January in Amsterdam.
    const created = await expectOk(await issueInvoiceForOrder({ orderId, userId: null, now: new Date("2026-12-31T23:30:00Z") }));
    expect(created.number).toBe("F2027-00001");
    expect((await getInvoiceById(created.id))!.issueDate).toBe("2027-01-01");
  });

  it.skipIf(!onPostgres)("gives 10 parallel issues consecutive numbers", async () => {
    const orderIds = [];
    for (let i = 0; i < 10; i++) orderIds.push(await webOrder(nl, [{ sku: coffee.sku, quantity: i + 1 }], `PO-PAR-${i}`));
    const results = await Promise.all(orderIds.map((orderId) => issueInvoiceForOrder({ orderId, userId: null, now: NOW })));
    const sequences = results.map((r) => (r.ok ? Number(r.invoice.number.slice(-5)) : -1)).sort((a, b) => a - b);
    const start = sequences[0]!;
    expect(sequences).toEqual(Array.from({ length: 10 }, (_, i) => start + i));
    const counters = await handle.db.select().from(invoiceCounters);
    const f2026 = counters.find((c) => c.series === "F" && c.year === 2026)!;
    expect(f2026.lastNumber).toBe(start + 9);
  }, 60_000);

  it("hands the number back when issuing fails after it was taken (rollback, no gap)", async () => {
    const orderId = await webOrder(nl, [{ sku: paper.sku, quantity: 2 }], "PO-RB");
    const last = (await handle.query<{ n: number }>("select last_number as n from invoice_counters where series = 'F' and year = 2026"))[0]!.n;
    // Make the last write of the transaction (the deliveries) fail.
    await handle.query(`create function koppel_test_fail() returns trigger language plpgsql as $$ begin raise exception 'delivery insert failed'; end; $$`);
    await handle.query(`create trigger koppel_test_fail before insert on invoice_deliveries for each row execute function koppel_test_fail()`);
    try {
      await expect(issueInvoiceForOrder({ orderId, userId: null, now: NOW })).rejects.toThrow();
    } finally {
      await handle.query("drop trigger koppel_test_fail on invoice_deliveries");
      await handle.query("drop function koppel_test_fail()");
    }
    expect((await handle.query<{ n: number }>("select last_number as n from invoice_counters where series = 'F' and year = 2026"))[0]!.n).toBe(last);
    expect(await handle.db.select().from(invoices).where(eq(invoices.orderId, orderId))).toHaveLength(0);
    const next = await expectOk(await issueInvoiceForOrder({ orderId, userId: null, now: NOW }));
    expect(next.number).toBe(`F2026-${String(Number(last) + 1).padStart(5, "0")}`);
  });
});

describe("immutability (migration 0007 trigger)", () => {
  it("refuses UPDATE of anything but paid_at and every DELETE; invoice lines never change", async () => {
    const orderId = await webOrder(nl, [{ sku: paper.sku, quantity: 1 }], "PO-IMM");
    const { id } = await expectOk(await issueInvoiceForOrder({ orderId, userId: null, now: NOW }));
    const attempts: [string, string][] = [
      ["number", "update invoices set number = 'X' where id = $1"],
      ["payable", "update invoices set payable_minor = payable_minor + 1, tax_exclusive_minor = tax_exclusive_minor + 1 where id = $1"],
      ["document", "update invoices set document = document || '{\"note\":\"x\"}' where id = $1"],
      ["due date", "update invoices set due_date = due_date + 1 where id = $1"],
      ["delete", "delete from invoices where id = $1"],
      ["line update", "update invoice_lines set quantity = quantity + 1 where invoice_id = $1"],
      ["line delete", "delete from invoice_lines where invoice_id = $1"],
    ];
    for (const [label, statement] of attempts) {
      await expect(handle.query(statement, [id]), label).rejects.toThrow(/immutable|cannot be (deleted|changed)/);
    }
    expect(await markInvoicePaid(id, new Date("2026-12-01T09:00:00Z"))).toBe(true);
    expect((await getInvoiceById(id))!.paidAt?.toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(await markInvoicePaid(id, null)).toBe(true);
    expect((await getInvoiceById(id))!.paidAt).toBeNull();
    expect(await markInvoicePaid(987_654, new Date())).toBe(false);
    expect((await handle.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, id)))[0]!.quantity).toBe(1);
  });
});

describe("issueCreditNote", () => {
  it("credits per line up to what is not yet credited, then the rest with 'all' (incl. the charge once)", async () => {
    const orderId = await webOrder(nl, [
      { sku: paper.sku, quantity: 10 },
      { sku: coffee.sku, quantity: 3 },
    ], "PO-CN");
    const inv = await expectOk(
      await issueInvoiceForOrder({ orderId, userId: null, charges: [{ reason: "Verzendkosten", amountMinor: 695, vatRateBp: 2100 }], now: NOW }),
    );
    const invoice = (await getInvoiceById(inv.id))!;
    const partial = await issueCreditNote({ invoiceId: inv.id, lines: [{ lineId: "1", quantity: 4 }], reason: "4 pakken beschadigd", userId: null, now: NOW });
    if (!partial.ok) throw new Error(partial.detail);
    expect(partial.invoice.number).toMatch(/^C2026-\d{5}$/);
    const cn = (await getInvoiceById(partial.invoice.id))!;
    expect(cn).toMatchObject({ kind: "credit_note", creditedInvoiceId: inv.id, dueDate: null, orderId, payableMinor: 2396 + 503 });
    expect(cn.document).toMatchObject({
      kind: "credit_note",
      billingReference: { invoiceNumber: inv.number, issueDate: "2026-11-28" },
      note: "4 pakken beschadigd",
      buyerReference: "PO-CN",
      customer: invoice.document.customer,
      supplier: invoice.document.supplier,
    });
    expect(cn.document.allowancesCharges).toBeUndefined();
    expect(cn.document.paymentMeans).toBeUndefined();
    expect(cn.lines.map((l) => [l.lineId, l.orderLineNumber, l.quantity])).toEqual([["1", 1, 4]]);
    expect(cn.deliveries.map((d) => d.channel)).toEqual(["peppol", "email"]);

    expect(await issueCreditNote({ invoiceId: inv.id, lines: [{ lineId: "1", quantity: 7 }], reason: "te veel", userId: null, now: NOW })).toMatchObject({ ok: false, error: "invalid_input", detail: expect.stringMatching(/6 not yet credited/) });
    expect(await issueCreditNote({ invoiceId: inv.id, lines: [{ lineId: "9", quantity: 1 }], reason: "x", userId: null, now: NOW })).toMatchObject({ ok: false, error: "invalid_input" });
    expect(await issueCreditNote({ invoiceId: inv.id, lines: "all", reason: "", userId: null, now: NOW })).toMatchObject({ ok: false, error: "invalid_input" });
    expect(await issueCreditNote({ invoiceId: partial.invoice.id, lines: "all", reason: "x", userId: null, now: NOW })).toMatchObject({ ok: false, error: "invalid_input" });
    expect(await issueCreditNote({ invoiceId: 999_999, lines: "all", reason: "x", userId: null, now: NOW })).toEqual({ ok: false, error: "not_found" });

    const rest = await issueCreditNote({ invoiceId: inv.id, lines: "all", reason: "Order geannuleerd", userId: null, now: NOW });
    if (!rest.ok) throw new Error(rest.detail);
    const restDoc = (await getInvoiceById(rest.invoice.id))!;
    expect(restDoc.lines.map((l) => [l.lineId, l.quantity])).toEqual([["1", 6], ["2", 3]]);
    expect(restDoc.chargeTotalMinor).toBe(695);
    // Both credit notes together give back exactly the invoice.
    expect(cn.payableMinor + restDoc.payableMinor).toBe(invoice.payableMinor);
    expect(await issueCreditNote({ invoiceId: inv.id, lines: "all", reason: "nog eens", userId: null, now: NOW })).toMatchObject({ ok: false, error: "nothing_to_invoice" });
    // Crediting does not re-open the order lines for invoicing.
    expect(await issueInvoiceForOrder({ orderId, userId: null, now: NOW })).toMatchObject({ ok: false, error: "nothing_to_invoice" });
    expect(await listInvoices({ orderId, kind: "credit_note" })).toHaveLength(2);
  });

  it.skipIf(!onPostgres)("parallel credit notes for the same line never exceed the invoiced quantity", async () => {
    const orderId = await webOrder(nl, [{ sku: paper.sku, quantity: 5 }], "PO-CNPAR");
    const inv = await expectOk(await issueInvoiceForOrder({ orderId, userId: null, now: NOW }));
    const results = await Promise.all(
      Array.from({ length: 8 }, () => issueCreditNote({ invoiceId: inv.id, lines: [{ lineId: "1", quantity: 1 }], reason: "retour", userId: null, now: NOW })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const credited = await handle.query<{ n: number }>(
      "select coalesce(sum(l.quantity),0)::int as n from invoice_lines l join invoices i on i.id = l.invoice_id where i.credited_invoice_id = $1",
      [inv.id],
    );
    expect(Number(credited[0]!.n)).toBe(5);
  }, 60_000);
});

describe("listInvoices", () => {
  it("filters by companies (empty list = none) and kind, newest first", async () => {
    const mine = await listInvoices({ companyIds: [nl.company.id], kind: "invoice", limit: 500 });
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.every((row) => row.companyId === nl.company.id && row.kind === "invoice")).toBe(true);
    const ids = mine.map((row) => row.id);
    expect(ids.slice(1).every((id, i) => mine[i]!.issueDate > mine[i + 1]!.issueDate || id < ids[i]!)).toBe(true);
    expect(await listInvoices({ companyIds: [] })).toEqual([]);
    const deliveries = await handle.db.select().from(invoiceDeliveries);
    expect(deliveries.every((d) => d.status === "pending")).toBe(true);
    const [company] = await handle.db.select().from(companies).where(eq(companies.id, nl.company.id));
    expect(company).toBeDefined();
  });
});
