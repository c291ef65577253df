// GET /admin/api/categories (the tree as PUT takes it) and DELETE /admin/api/categories/:code.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { categories } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { productRowSchema } from "@/lib/catalog/product-import";
import { importProductRows } from "@/lib/data/product-import";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const { GET: getCategories, PUT: putCategories } = await import("@/app/admin/api/categories/route");
const { DELETE: deleteCategory } = await import("@/app/admin/api/categories/[code]/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let adminKey: string;
let managerKey: string;

const headers = (key?: string): HeadersInit => (key ? { authorization: `Bearer ${key}` } : {});
const get = async (key?: string) => {
  const response = await getCategories(new Request("http://localhost/admin/api/categories", { headers: headers(key) }));
  return { status: response.status, body: await response.json() };
};
const put = async (body: unknown) => {
  const response = await putCategories(new Request("http://localhost/admin/api/categories", { method: "PUT", headers: headers(adminKey), body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
};
const del = async (code: string, key?: string) => {
  const response = await deleteCategory(new Request(`http://localhost/admin/api/categories/${encodeURIComponent(code)}`, { method: "DELETE", headers: headers(key) }), {
    params: Promise.resolve({ code: encodeURIComponent(code) }),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};
const exists = async (code: string) => (await handle.db.select({ id: categories.id }).from(categories).where(eq(categories.code, code))).length > 0;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const now = new Date();
  adminKey = (await createStaffApiKey(await createStaff(handle, "admin"), "PIM", now)).key;
  managerKey = (await createStaffApiKey(await createStaff(handle, "account_manager"), "mine", now)).key;
  // A tree with what a round trip must keep: positions with ties, an English name of its own, a child before its parent by id.
  const paper = await createCategory(handle, { code: "PAP", slug: "papier", nameNl: "Papier", nameEn: "Paper", position: 5 });
  await createCategory(handle, { code: "OFF", slug: "kantoor", nameNl: "Kantoor", nameEn: "Office", position: 0 });
  await createCategory(handle, { code: "PAP-A4", slug: "a4", nameNl: "A4", nameEn: "A4 paper", parentId: paper.id, position: 0 });
  await createCategory(handle, { code: "PAP-A3", slug: "a3", nameNl: "A3", nameEn: "A3", parentId: paper.id, position: 0 });
}, 60_000);
afterAll(() => fresh?.dispose());

describe("GET /admin/api/categories", () => {
  it("gives the tree in the shop's order, exactly in PUT's shape; sending it back is all unchanged", async () => {
    const { status, body } = await get(adminKey);
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        { code: "OFF", parent: null, nameNl: "Kantoor", nameEn: "Office", slug: "kantoor", position: 0 },
        { code: "PAP", parent: null, nameNl: "Papier", nameEn: "Paper", slug: "papier", position: 5 },
        { code: "PAP-A4", parent: "PAP", nameNl: "A4", nameEn: "A4 paper", slug: "a4", position: 0 },
        { code: "PAP-A3", parent: "PAP", nameNl: "A3", nameEn: "A3", slug: "a3", position: 0 },
      ],
    });
    const back = await put(body);
    expect(back.status).toBe(200);
    expect(back.body.counts).toEqual({ created: 0, updated: 0, unchanged: 4, invalid: 0 });
  });

  it("account managers' keys and buyers get 404; a wrong key 401", async () => {
    expect((await get(managerKey)).status).toBe(404);
    request.userId = (await createCompanyWithBuyer(handle, "company_admin")).user.id;
    expect((await get()).status).toBe(404);
    request.userId = null;
    expect((await get("kpk_not-a-key")).status).toBe(401);
  });
});

describe("DELETE /admin/api/categories/:code", () => {
  it("deletes an empty category (204); again or unknown: 404", async () => {
    await createCategory(handle, { code: "TMP/1", slug: "tijdelijk" });
    expect(await del("TMP/1", adminKey)).toEqual({ status: 204, body: null });
    expect(await exists("TMP/1")).toBe(false);
    expect(await del("TMP/1", adminKey)).toMatchObject({ status: 404, body: { error: "category_not_found" } });
  });

  it("refuses a category that products (inactive too) or children point at: 409 with the counts", async () => {
    const a4 = (await handle.db.select().from(categories).where(eq(categories.code, "PAP-A4")))[0]!;
    await createProduct(handle, a4.id);
    await createProduct(handle, a4.id, { active: false });
    expect(await del("PAP-A4", adminKey)).toEqual({ status: 409, body: { error: "category_not_empty", products: 2, children: 0 } });
    expect(await del("PAP", adminKey)).toEqual({ status: 409, body: { error: "category_not_empty", products: 0, children: 2 } });
    expect(await exists("PAP-A4")).toBe(true);
  });

  it("an account manager's key gets 404 and deletes nothing", async () => {
    await createCategory(handle, { code: "MGR-EMPTY", slug: "leeg" });
    expect((await del("MGR-EMPTY", managerKey)).status).toBe(404);
    expect(await exists("MGR-EMPTY")).toBe(true);
  });

  // A product being added to the category holds a key-share lock on it until it commits: the delete waits, then counts it.
  it.skipIf(!process.env.KOPPEL_TEST_PG_URL)("a delete racing a product insert into the category waits and answers 409, never a dangling product", async () => {
    const race = await createCategory(handle, { code: "RACE", slug: "race" });
    const sql = handle.client as Sql;
    let inserted!: () => void;
    let finish!: () => void;
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
    const mayCommit = new Promise<void>((resolve) => (finish = resolve));
    const insert = sql.begin(async (tx) => {
      await tx`insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer, manufacturer_part_number, unit, list_price_minor, vat_rate_basis_points)
               values ('RACE-1', ${race.id}, 'Race', 'Race', '', '', '', '', '', 'EA', 100, 2100)`;
      inserted();
      await mayCommit;
    });
    await insertedNow;
    let settled = false;
    const deleting = del("RACE", adminKey).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    finish();
    await insert;
    expect(await deleting).toEqual({ status: 409, body: { error: "category_not_empty", products: 1, children: 0 } });
    expect(await exists("RACE")).toBe(true);
  });

  // The other order: the category is being deleted when a product is written into it. The product import reads
  // its categories with a key-share lock, so it waits for the delete and then finds the category gone.
  it.skipIf(!process.env.KOPPEL_TEST_PG_URL)("a product written into a category that is being deleted waits and is refused as an unknown category, not a 500", async () => {
    const doomed = await createCategory(handle, { code: "DOOMED", slug: "doomed" });
    const sql = handle.client as Sql;
    let deleted!: () => void;
    let finish!: () => void;
    const deletedNow = new Promise<void>((resolve) => (deleted = resolve));
    const mayCommit = new Promise<void>((resolve) => (finish = resolve));
    const deleting = sql.begin(async (tx) => {
      await tx`delete from categories where id = ${doomed.id}`;
      deleted();
      await mayCommit;
    });
    await deletedNow;
    const row = productRowSchema.parse({ sku: "DOOMED-1", category: "DOOMED", nameNl: "Te laat", listPrice: "1,00", vatRate: 21 });
    let settled = false;
    const importing = importProductRows([row], { dryRun: false, applyValidOnly: false, actor: { userId: null, name: "test", source: "api" } }, new Date()).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    finish();
    await deleting;
    const result = await importing;
    expect(result.written).toBe(false);
    expect(result.rows).toEqual([{ sku: "DOOMED-1", outcome: "invalid", problems: [expect.objectContaining({ field: "category", problem: "unknown_category" })] }]);
  });
});
