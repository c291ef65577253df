// The admin API as the supplier's ERP uses it, through the route handlers with real keys: least-privilege
// scopes, revocation at once, every call logged against its key, shipments reported back without
// duplicates on a retry, and a nightly feed whose one bad row (or misspelt field) is that row's problem.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { mailOutbox, orderShipments, orders, products } from "@/db/schema";
import { createStaffApiKey, revokeStaffApiKey } from "@/lib/admin/api-keys";
import type { StaffUser } from "@/lib/auth/guards";
import { listRecentApiKeyCalls } from "@/lib/data/api-keys";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createPriceList, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const stockRoute = await import("@/app/admin/api/stock/route");
const productsRoute = await import("@/app/admin/api/products/route");
const orderRoute = await import("@/app/admin/api/orders/[number]/route");
const shipmentsRoute = await import("@/app/admin/api/orders/[number]/shipments/route");
const entriesRoute = await import("@/app/admin/api/price-lists/[code]/entries/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let customer: InvoiceCustomer;
let paper: { id: number; sku: string };
let toner: { id: number; sku: string };
const NOW = new Date("2026-11-28T10:00:00Z");

type Answer = { status: number; headers: Headers; body: any };
async function call(handler: (request: Request, context: any) => Promise<Response>, key: string, method: string, path: string, body?: unknown, params: Record<string, string> = {}): Promise<Answer> {
  const response = await handler(
    new Request(`http://localhost${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, headers: response.headers, body: response.status === 204 ? null : await response.json() };
}

const putStock = (key: string, body: unknown) => call(stockRoute.PUT, key, "PUT", "/admin/api/stock", body);
const getOrder = (key: string, number: string) => call(orderRoute.GET, key, "GET", `/admin/api/orders/${number}`, undefined, { number });
const ship = (key: string, number: string, body: unknown) => call(shipmentsRoute.POST, key, "POST", `/admin/api/orders/${number}/shipments`, body, { number });

const webOrder = async (items: { sku: string; quantity: number }[]): Promise<string> => (await placeWebOrder(customer, items, { now: NOW })).orderNumber;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle, { code: "ERP" });
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, stock: 10 });
  toner = await createProduct(handle, category.id, { listPriceMinor: 4599, stock: 4 });
  customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678" });
  admin = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => fresh.dispose());

describe("API key scopes", () => {
  it("a stock-only key updates stock but may not read an order (403 naming the scope); an orders key reads it", async () => {
    const stockKey = (await createStaffApiKey(admin, "ERP stock feed", NOW, ["stock"])).key;
    const ordersKey = (await createStaffApiKey(admin, "ERP orders", NOW, ["orders"])).key;
    const number = await webOrder([{ sku: paper.sku, quantity: 1 }]);

    expect(await putStock(stockKey, { items: [{ sku: paper.sku, stock: 12 }] })).toMatchObject({ status: 200, body: { status: "applied" } });
    const refused = await getOrder(stockKey, number);
    expect(refused).toMatchObject({ status: 403, body: { error: "insufficient_scope", code: "forbidden", details: { required: "orders", granted: ["stock"] } } });
    expect(refused.headers.get("www-authenticate")).toContain('error="insufficient_scope", scope="orders"');
    expect(await ship(stockKey, number, { carrier: "PostNL", trackingNumber: "3SNOPE" })).toMatchObject({ status: 403 });
    expect(await handle.db.select().from(orderShipments)).toEqual([]);

    expect(await getOrder(ordersKey, number)).toMatchObject({ status: 200, body: { order: { number } } });
    expect(await putStock(ordersKey, { items: [{ sku: paper.sku, stock: 1 }] })).toMatchObject({ status: 403, body: { details: { required: "stock" } } });
    expect((await handle.db.select({ stock: products.stock }).from(products).where(eq(products.id, paper.id)))[0]!.stock).toBe(12);
  });

  it("keys need at least one scope, and an account manager cannot give one the admin-only scopes", async () => {
    await expect(createStaffApiKey(admin, "nothing", NOW, [])).rejects.toMatchObject({ message: "scopes_required" });
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    await expect(createStaffApiKey(manager, "stock", NOW, ["stock"])).rejects.toMatchObject({ message: "scope_not_allowed" });
    // The manager's own key (all a manager can have) is "not found" on an admin-only endpoint, as in the back office.
    const managerKey = (await createStaffApiKey(manager, "mine", NOW)).key;
    expect(await putStock(managerKey, { items: [{ sku: paper.sku, stock: 1 }] })).toMatchObject({ status: 404, body: { error: "not_found" } });
  });

  it("a revoked key is refused at the next call (401), and every call is logged against its key with its answer", async () => {
    const { id, key } = await createStaffApiKey(admin, "ERP nightly", NOW, ["stock"]);
    await putStock(key, { items: [{ sku: toner.sku, stock: 5 }] });
    await putStock(key, { items: [{ sku: "NOPE-1", stock: 5 }] });
    await getOrder(key, "K-NOPE");
    await revokeStaffApiKey(admin, id, NOW);
    const revoked = await putStock(key, { items: [{ sku: toner.sku, stock: 6 }] });
    expect(revoked).toMatchObject({ status: 401, body: { error: "invalid_api_key", code: "unauthenticated" } });
    expect((await handle.db.select({ stock: products.stock }).from(products).where(eq(products.id, toner.id)))[0]!.stock).toBe(5);

    const log = (await listRecentApiKeyCalls([id], 20)).get(id)!;
    expect(log.total).toBe(3);
    // Newest first; the call after revocation belongs to no key any more.
    expect(log.calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ["GET", "/admin/api/orders/K-NOPE", 403],
      ["PUT", "/admin/api/stock", 422],
      ["PUT", "/admin/api/stock", 200],
    ]);
  });
});

describe("POST /admin/api/orders/:number/shipments", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createStaffApiKey(admin, "ERP shipments", NOW, ["orders"])).key;
  });

  it("records a partial shipment, mails the track & trace once, and answers a retry as stored (no second shipment or mail)", async () => {
    const number = await webOrder([
      { sku: paper.sku, quantity: 5 },
      { sku: toner.sku, quantity: 2 },
    ]);
    const mails = async () => (await handle.db.select({ subject: mailOutbox.subject }).from(mailOutbox)).filter((m) => m.subject.includes(number)).length;
    const beforeShipping = await mails();
    const body = { carrier: "PostNL", trackingNumber: "3SKOPPEL0001", lines: [{ line: 1, quantity: 3 }] };
    const first = await ship(key, number, body);
    expect(first).toMatchObject({
      status: 201,
      body: { orderNumber: number, shipment: { number: `${number}-S1`, carrier: "PostNL", trackingNumber: "3SKOPPEL0001", lines: [{ line: 1, quantity: 3 }] }, complete: false, replayed: false, invoice: null },
    });
    const mailed = await mails();
    expect(mailed).toBe(beforeShipping + 1);

    // The ERP timed out and sends the same call again: the same shipment, nothing new.
    const retry = await ship(key, number, body);
    expect(retry).toMatchObject({ status: 200, body: { shipment: { number: `${number}-S1`, lines: [{ line: 1, quantity: 3 }] }, replayed: true } });
    const [order] = await handle.db.select({ id: orders.id, status: orders.status }).from(orders).where(eq(orders.orderNumber, number));
    expect(await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, order!.id))).toHaveLength(1);
    expect(await mails()).toBe(mailed);
    expect(order!.status).toBe("shipped");

    // The same parcel number with other lines is a mistake, not a retry.
    expect(await ship(key, number, { ...body, lines: [{ line: 2, quantity: 1 }] })).toMatchObject({ status: 409, body: { error: "tracking_number_in_use", details: { shipment: `${number}-S1` } } });
    // More than is open, a line the order lacks, a line twice: refused at the line.
    expect(await ship(key, number, { carrier: "DHL", trackingNumber: "JD2", lines: [{ line: 1, quantity: 3 }] })).toMatchObject({ status: 400, body: { error: "ship_quantity_too_high", details: { line: 1 } } });
    expect(await ship(key, number, { carrier: "DHL", trackingNumber: "JD2", lines: [{ line: 9, quantity: 1 }] })).toMatchObject({ status: 400, body: { error: "ship_line_unknown", details: { line: 9 } } });
    expect(await ship(key, number, { carrier: "DHL", trackingNumber: "JD2", lines: [{ line: 2, quantity: 1 }, { line: 2, quantity: 1 }] })).toMatchObject({ status: 400, body: { error: "ship_line_twice" } });
    expect(await ship(key, number, { carrier: "DHL", trackingNo: "JD2" })).toMatchObject({ status: 400, body: { error: "invalid_input", code: "invalid_input" } });

    // The rest, without lines: everything still open; then the order is shipped in full and a new parcel is refused.
    expect(await ship(key, number, { carrier: "DHL", trackingNumber: "JD2" })).toMatchObject({ status: 201, body: { shipment: { lines: [{ line: 1, quantity: 2 }, { line: 2, quantity: 2 }] }, complete: true } });
    expect(await ship(key, number, { carrier: "DHL", trackingNumber: "JD2" })).toMatchObject({ status: 200, body: { replayed: true, complete: true } });
    expect(await ship(key, number, { carrier: "DHL", trackingNumber: "JD3" })).toMatchObject({ status: 409, body: { error: "order_not_shippable" } });
    expect(await ship(key, "K-NOPE", { carrier: "DHL", trackingNumber: "JD4" })).toMatchObject({ status: 404, body: { error: "order_not_found" } });
  });

  it("two copies of one call at the same moment record one shipment", async () => {
    const number = await webOrder([{ sku: paper.sku, quantity: 2 }]);
    const body = { carrier: "DPD", trackingNumber: "05212345678901", lines: [{ line: 1, quantity: 1 }] };
    const answers = await Promise.all([ship(key, number, body), ship(key, number, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const [order] = await handle.db.select({ id: orders.id }).from(orders).where(eq(orders.orderNumber, number));
    expect(await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, order!.id))).toHaveLength(1);
  });
});

describe("nightly feeds: one bad row is that row's problem", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createStaffApiKey(admin, "PIM", NOW, ["catalog", "prices"])).key;
  });

  it("products: a misspelt field, a wrong VAT rate and stock sent along are refused per row with their field; applyValidOnly writes the rest", async () => {
    const body = {
      items: [
        { sku: paper.sku, listprice: "1.00" },
        { sku: "ERP-NEW-1", category: "ERP", nameNl: "Nieuw", listPrice: "12,95", vatRate: 19 },
        { sku: toner.sku, stock: 99, nameNl: "Toner zwart" },
        { sku: "ERP-NEW-2", category: "ERP", nameNl: "Ook nieuw", listPrice: "3.50", vatRate: 21 },
      ],
    };
    const refused = await call(productsRoute.PUT, key, "PUT", "/admin/api/products", body);
    expect(refused).toMatchObject({
      status: 422,
      body: {
        status: "rejected",
        counts: { created: 1, invalid: 3 },
        rows: [
          { sku: paper.sku, outcome: "invalid", problems: [{ field: "listprice", problem: "unknown_field" }] },
          { sku: "ERP-NEW-1", outcome: "invalid", problems: [{ field: "vatRate", problem: "invalid_value", allowed: [21, 9, 0] }] },
          { sku: toner.sku, outcome: "invalid", problems: [{ field: "stock", problem: "stock_via_stock_api" }] },
          { sku: "ERP-NEW-2", outcome: "created" },
        ],
      },
    });
    expect(await handle.db.select().from(products).where(eq(products.sku, "ERP-NEW-2"))).toEqual([]);
    const applied = await call(productsRoute.PUT, key, "PUT", "/admin/api/products", { ...body, applyValidOnly: true });
    expect(applied).toMatchObject({ status: 200, body: { status: "applied", counts: { created: 1, invalid: 3 } } });
    expect(await handle.db.select({ listPriceMinor: products.listPriceMinor }).from(products).where(eq(products.sku, "ERP-NEW-2"))).toEqual([{ listPriceMinor: 350 }]);
    expect((await handle.db.select({ listPriceMinor: products.listPriceMinor }).from(products).where(eq(products.id, paper.id)))[0]!.listPriceMinor).toBe(599);
  });

  it("price list: a misspelt validTo is refused, not dropped (the price would have no end date), and 'replace' then removes nothing", async () => {
    const list = await createPriceList(handle, customer.company.id, [{ productId: toner.id, kind: "fixed", priceMinor: 4000 }]);
    const put = (body: unknown) => call(entriesRoute.PUT, key, "PUT", `/admin/api/price-lists/${list.code}/entries`, body, { code: list.code });
    const body = {
      replaceAll: true,
      entries: [
        { sku: paper.sku, type: "fixed", value: "4.50", valid_to: "2026-12-31" },
        { sku: paper.sku, type: "Fixed", value: "4.50" },
      ],
    };
    const refused = await put(body);
    expect(refused).toMatchObject({
      status: 422,
      body: {
        status: "rejected",
        errors: [
          { index: 0, sku: paper.sku, column: "valid_to", problem: "unknown_field" },
          { index: 1, sku: paper.sku, column: "type", problem: "invalid_value", allowed: ["fixed", "discount"] },
        ],
      },
    });
    const listed = await call(entriesRoute.GET, key, "GET", `/admin/api/price-lists/${list.code}/entries`, undefined, { code: list.code });
    expect(listed.body.entries.map((e: { sku: string }) => e.sku)).toEqual([toner.sku]);
  });
});
