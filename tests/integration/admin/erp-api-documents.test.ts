// What an ERP that keeps its own books pulls through the admin API: the order with its shipments and the
// customer's ERP number, the issued invoices and credit notes (paged by a cursor that waits for documents still
// being issued, with UBL and PDF), and the customers with their ERP customer numbers — set by the ERP or in the
// back office, unique when set. Account managers' keys reach their own customers only.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import type { StaffUser } from "@/lib/auth/guards";
import { issueCreditNote, issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const orderRoute = await import("@/app/admin/api/orders/[number]/route");
const shipmentsRoute = await import("@/app/admin/api/orders/[number]/shipments/route");
const invoicesRoute = await import("@/app/admin/api/invoices/route");
const invoiceRoute = await import("@/app/admin/api/invoices/[number]/route");
const ublRoute = await import("@/app/admin/api/invoices/[number]/ubl/route");
const pdfRoute = await import("@/app/admin/api/invoices/[number]/pdf/route");
const customersRoute = await import("@/app/admin/api/customers/route");
const customerRoute = await import("@/app/admin/api/customers/[id]/route");
const erpNumberRoute = await import("@/app/admin/api/customers/[id]/erp-customer-number/route");
const { updateCustomerAction } = await import("@/app/admin/customers/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
let mine: InvoiceCustomer;
let other: InvoiceCustomer;
let paper: { id: number; sku: string };
let toner: { id: number; sku: string };
const NOW = new Date("2026-11-28T10:00:00Z");

type Answer = { status: number; headers: Headers; body: any; text?: string };
async function call(handler: (request: Request, context: any) => Promise<Response>, key: string, method: string, path: string, body?: unknown, params: Record<string, string> = {}): Promise<Answer> {
  const response = await handler(
    new Request(`http://localhost${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  const type = response.headers.get("content-type") ?? "";
  return { status: response.status, headers: response.headers, body: type.includes("json") ? await response.json() : Buffer.from(await response.arrayBuffer()) };
}

const listInvoices = (key: string, query = "") => call(invoicesRoute.GET, key, "GET", `/admin/api/invoices${query}`);
const listCustomers = (key: string, query = "") => call(customersRoute.GET, key, "GET", `/admin/api/customers${query}`);
const setErpNumber = (key: string, id: number, body: unknown) =>
  call(erpNumberRoute.PUT, key, "PUT", `/admin/api/customers/${id}/erp-customer-number`, body, { id: String(id) });

async function shippedAndInvoiced(customer: InvoiceCustomer): Promise<{ orderNumber: string; invoice: { id: number; number: string } }> {
  const placed = await placeWebOrder(customer, [{ sku: paper.sku, quantity: 2 }], { now: NOW });
  const key = (await createStaffApiKey(admin, "ship", NOW, ["orders"])).key;
  const shipped = await call(shipmentsRoute.POST, key, "POST", `/admin/api/orders/${placed.orderNumber}/shipments`, { carrier: "PostNL", trackingNumber: `3S${placed.id}X` }, { number: placed.orderNumber });
  expect(shipped.status).toBe(201);
  const issued = await issueInvoiceForOrder({ orderId: placed.id, userId: null, now: NOW });
  if (!issued.ok) throw new Error(`${issued.error} ${issued.detail ?? ""}`);
  return { orderNumber: placed.orderNumber, invoice: issued.invoice };
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle, { code: "ERPDOC" });
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, stock: 100 });
  toner = await createProduct(handle, category.id, { listPriceMinor: 4599, stock: 100 });
  mine = await createInvoiceCustomer(handle, { kvkNumber: "12345678", erpCustomerNumber: "D-10001" });
  other = await createInvoiceCustomer(handle, { kvkNumber: "87654321" });
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [mine.company.id]);
}, 120_000);
afterAll(() => fresh.dispose());

describe("the order JSON", () => {
  it("lists each shipment (carrier, tracking, lines with SKU, date) and the customer's ERP number, in the API (webhook and pull events carry the same object)", async () => {
    const key = (await createStaffApiKey(admin, "orders", NOW, ["orders"])).key;
    const placed = await placeWebOrder(mine, [{ sku: paper.sku, quantity: 5 }, { sku: toner.sku, quantity: 1 }], { now: NOW });
    const number = placed.orderNumber;
    const get = () => call(orderRoute.GET, key, "GET", `/admin/api/orders/${number}`, undefined, { number });
    expect((await get()).body.order).toMatchObject({ customer: { id: mine.company.id, erpCustomerNumber: "D-10001" }, shipments: [] });

    const ship = (body: unknown) => call(shipmentsRoute.POST, key, "POST", `/admin/api/orders/${number}/shipments`, body, { number });
    expect((await ship({ carrier: "PostNL", trackingNumber: "3SDOC1", lines: [{ line: 1, quantity: 3 }] })).status).toBe(201);
    expect((await ship({ carrier: "DHL", trackingNumber: "JJD0001", trackingUrl: "https://track.example/JJD0001" })).status).toBe(201);

    const { order } = (await get()).body;
    expect(order.shipments).toEqual([
      { number: `${number}-S1`, carrier: "PostNL", trackingNumber: "3SDOC1", trackingUrl: expect.stringContaining("3SDOC1"), shippedAt: expect.stringMatching(/Z$/), lines: [{ line: 1, sku: paper.sku, quantity: 3 }] },
      {
        number: `${number}-S2`,
        carrier: "DHL",
        trackingNumber: "JJD0001",
        trackingUrl: "https://track.example/JJD0001",
        shippedAt: expect.stringMatching(/Z$/),
        lines: [
          { line: 1, sku: paper.sku, quantity: 2 },
          { line: 2, sku: toner.sku, quantity: 1 },
        ],
      },
    ]);
  });
});

describe("GET /admin/api/invoices", () => {
  let key: string;
  let first: Awaited<ReturnType<typeof shippedAndInvoiced>>;
  let credit: { id: number; number: string };
  let others: Awaited<ReturnType<typeof shippedAndInvoiced>>;
  beforeAll(async () => {
    key = (await createStaffApiKey(admin, "bookkeeping", NOW, ["invoices"])).key;
    first = await shippedAndInvoiced(mine);
    const credited = await issueCreditNote({ invoiceId: first.invoice.id, lines: "all", reason: "Retour", userId: null, now: NOW });
    if (!credited.ok) throw new Error(credited.error);
    credit = credited.invoice;
    others = await shippedAndInvoiced(other);
  });

  it("lists invoices and credit notes oldest first with order, customer, dates, status and totals in cents and decimals; pages by cursor", async () => {
    const all = await listInvoices(key);
    expect(all.status).toBe(200);
    expect(all.body.invoices.map((i: { number: string }) => i.number)).toEqual([first.invoice.number, credit.number, others.invoice.number]);
    const [invoice, creditNote] = all.body.invoices;
    expect(invoice).toMatchObject({
      number: first.invoice.number,
      kind: "invoice",
      creditedInvoiceNumber: null,
      orderNumber: first.orderNumber,
      customer: { id: mine.company.id, name: mine.company.name, erpCustomerNumber: "D-10001" },
      issueDate: "2026-11-28",
      dueDate: "2026-12-28",
      status: "open",
      paidAt: null,
      currency: "EUR",
      taxExclusiveMinor: 1198,
      taxMinor: 252,
      payableMinor: 1450,
      taxExclusive: "11.98",
      tax: "2.52",
      payable: "14.50",
    });
    expect(invoice.links.ubl).toMatch(new RegExp(`/admin/api/invoices/${first.invoice.number}/ubl$`));
    expect(creditNote).toMatchObject({ kind: "credit_note", creditedInvoiceNumber: first.invoice.number, orderNumber: first.orderNumber, payableMinor: 1450 });

    const page1 = await listInvoices(key, "?limit=2");
    expect(page1.body).toMatchObject({ hasMore: true });
    expect(page1.body.invoices).toHaveLength(2);
    const page2 = await listInvoices(key, `?limit=2&after=${page1.body.cursor}`);
    expect(page2.body.invoices.map((i: { number: string }) => i.number)).toEqual([others.invoice.number]);
    expect(page2.body.hasMore).toBe(false);
    // Nothing new yet: the same cursor back, to ask again later.
    const page3 = await listInvoices(key, `?after=${page2.body.cursor}`);
    expect(page3.body).toEqual({ invoices: [], cursor: page2.body.cursor, hasMore: false });

    expect(await listInvoices(key, "?after=abc")).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    // Beyond PostgreSQL's integer: no cursor we gave out, refused before it reaches the statement.
    expect(await listInvoices(key, "?after=99999999999")).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(await listInvoices(key, "?after=2147483648")).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(await listInvoices(key, "?limit=0")).toMatchObject({ status: 400 });
    expect(await listInvoices(key, "?since=2026-01-01")).toMatchObject({ status: 400 });
  });

  it("serves each document's Peppol BIS UBL and PDF, and one document by number", async () => {
    const ubl = await call(ublRoute.GET, key, "GET", `/admin/api/invoices/${first.invoice.number}/ubl`, undefined, { number: first.invoice.number });
    expect(ubl.status).toBe(200);
    expect(ubl.headers.get("content-type")).toContain("application/xml");
    const xml = ubl.body.toString("utf8");
    expect(xml).toContain("<Invoice xmlns=");
    expect(xml).toContain("urn:fdc:peppol.eu:2017:poacc:billing:3.0");
    expect(xml).toContain(first.invoice.number);
    const creditXml = (await call(ublRoute.GET, key, "GET", `/x`, undefined, { number: credit.number })).body.toString("utf8");
    expect(creditXml).toContain("<CreditNote xmlns=");
    const pdf = await call(pdfRoute.GET, key, "GET", `/admin/api/invoices/${first.invoice.number}/pdf`, undefined, { number: first.invoice.number });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await call(invoiceRoute.GET, key, "GET", "/x", undefined, { number: credit.number })).toMatchObject({ status: 200, body: { invoice: { number: credit.number, kind: "credit_note" } } });
    expect(await call(invoiceRoute.GET, key, "GET", "/x", undefined, { number: "F2099-99999" })).toMatchObject({ status: 404, body: { error: "invoice_not_found" } });
  });

  it("an account manager's key lists and downloads only their customers' documents; a key without the scope gets 403", async () => {
    const managerKey = (await createStaffApiKey(manager, "mine", NOW, ["invoices"])).key;
    const listed = await listInvoices(managerKey);
    expect(listed.body.invoices.map((i: { number: string }) => i.number)).toEqual([first.invoice.number, credit.number]);
    for (const route of [ublRoute, pdfRoute, invoiceRoute]) {
      expect(await call(route.GET, managerKey, "GET", "/x", undefined, { number: others.invoice.number })).toMatchObject({ status: 404 });
    }
    const ordersKey = (await createStaffApiKey(admin, "orders only", NOW, ["orders"])).key;
    expect(await listInvoices(ordersKey)).toMatchObject({ status: 403, body: { error: "insufficient_scope", details: { required: "invoices" } } });
    expect(await call(ublRoute.GET, ordersKey, "GET", "/x", undefined, { number: first.invoice.number })).toMatchObject({ status: 403 });
  });

  it.skipIf(!process.env.KOPPEL_TEST_PG_URL)("waits for a document still being issued, so the cursor never passes an id that commits later", async () => {
    const before = (await listInvoices(key)).body.cursor as string;
    let committed = false;
    let listing: Promise<{ answer: Answer; committedFirst: boolean }> | undefined;
    await handle.db.transaction(async (tx) => {
      // What issuing does first: hold the lock an INSERT takes, as a transaction that has drawn an id but not committed.
      await tx.execute(sql`lock table invoices in row exclusive mode`);
      listing = listInvoices(key, `?after=${before}`).then((answer) => ({ answer, committedFirst: committed }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      committed = true;
    });
    const { answer, committedFirst } = await listing!;
    expect(answer.status).toBe(200);
    expect(committedFirst).toBe(true);
  });
});

describe("customers and their ERP customer number", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createStaffApiKey(admin, "customers", NOW, ["customers"])).key;
  });

  it("the ERP lists customers by cursor, finds one by its number, and sets, keeps and clears numbers; another customer's number is a 409", async () => {
    const all = await listCustomers(key, "?limit=500");
    expect(await listCustomers(key, "?after=2147483648")).toMatchObject({ status: 400 });
    expect(all.status).toBe(200);
    const ids = all.body.customers.map((c: { id: number }) => c.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
    expect(all.body.customers.find((c: { id: number }) => c.id === mine.company.id)).toMatchObject({ name: mine.company.name, erpCustomerNumber: "D-10001", kvkNumber: "12345678", active: true });
    const page = await listCustomers(key, `?limit=1&after=${ids[0]}`);
    expect(page.body).toMatchObject({ customers: [{ id: ids[1] }], cursor: String(ids[1]) });
    expect((await listCustomers(key, "?erpCustomerNumber=D-10001")).body.customers.map((c: { id: number }) => c.id)).toEqual([mine.company.id]);

    expect(await setErpNumber(key, other.company.id, { erpCustomerNumber: " D-20002 " })).toMatchObject({ status: 200, body: { erpCustomerNumber: "D-20002", previous: null, changed: true } });
    expect(await setErpNumber(key, other.company.id, { erpCustomerNumber: "D-20002" })).toMatchObject({ status: 200, body: { changed: false } });
    expect(await call(customerRoute.GET, key, "GET", "/x", undefined, { id: String(other.company.id) })).toMatchObject({ status: 200, body: { customer: { erpCustomerNumber: "D-20002" } } });
    expect(await setErpNumber(key, other.company.id, { erpCustomerNumber: "D-10001" })).toMatchObject({ status: 409, body: { error: "erp_customer_number_taken" } });
    expect(await setErpNumber(key, other.company.id, { erpCustomer: "D-3" })).toMatchObject({ status: 400 });
    expect(await setErpNumber(key, other.company.id, { erpCustomerNumber: "x".repeat(51) })).toMatchObject({ status: 400 });
    expect(await setErpNumber(key, 999_999, { erpCustomerNumber: "D-3" })).toMatchObject({ status: 404 });
    expect(await setErpNumber(key, other.company.id, { erpCustomerNumber: "" })).toMatchObject({ status: 200, body: { erpCustomerNumber: null, previous: "D-20002" } });
    // Several customers without a number are fine.
    const [row] = await handle.db.select({ value: companies.erpCustomerNumber }).from(companies).where(eq(companies.id, other.company.id));
    expect(row!.value).toBeNull();
  });

  it("an account manager's key lists and sets only their customers; keys without the scope get 403", async () => {
    const managerKey = (await createStaffApiKey(manager, "mine", NOW, ["customers"])).key;
    expect((await listCustomers(managerKey)).body.customers.map((c: { id: number }) => c.id)).toEqual([mine.company.id]);
    expect(await setErpNumber(managerKey, other.company.id, { erpCustomerNumber: "D-9" })).toMatchObject({ status: 404 });
    expect(await call(customerRoute.GET, managerKey, "GET", "/x", undefined, { id: String(other.company.id) })).toMatchObject({ status: 404 });
    const invoicesKey = (await createStaffApiKey(admin, "books", NOW, ["invoices"])).key;
    expect(await listCustomers(invoicesKey)).toMatchObject({ status: 403, body: { details: { required: "customers" } } });
  });

  it("staff set it in the customer form; another customer's number is refused at that field", async () => {
    request.userId = admin.id;
    const form = (erpCustomerNumber: string) => {
      const data = new FormData();
      const fields: Record<string, string> = { companyId: String(other.company.id), name: other.company.name, countryCode: "NL", kvkNumber: "87654321", paymentTermsDays: "30", active: "on", erpCustomerNumber };
      for (const [name, value] of Object.entries(fields)) data.append(name, value);
      return data;
    };
    expect(await updateCustomerAction({ status: "idle" }, form("D-30003"))).toEqual({ status: "ok" });
    const read = async () => (await handle.db.select({ value: companies.erpCustomerNumber }).from(companies).where(eq(companies.id, other.company.id)))[0]!.value;
    expect(await read()).toBe("D-30003");
    expect(await updateCustomerAction({ status: "idle" }, form("D-10001"))).toMatchObject({ status: "error", message: "erp_customer_number_taken", details: { field: "erpCustomerNumber" } });
    expect(await read()).toBe("D-30003");
    expect(await updateCustomerAction({ status: "idle" }, form(""))).toEqual({ status: "ok" });
    expect(await read()).toBeNull();
    request.userId = null;
  });
});

