// The category tree from the ERP or PIM: PUT /admin/api/categories, upsert by code, then products name them.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { categories } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { getCategoryBySlug, listProductsInCategory } from "@/lib/data/catalog";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const { PUT: putCategories } = await import("@/app/admin/api/categories/route");
const { PUT: putProducts } = await import("@/app/admin/api/products/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let adminKey: string;
let managerKey: string;

const call = async (handler: (request: Request) => Promise<Response>, body: unknown, key = adminKey) => {
  const response = await handler(new Request("http://localhost/admin/api", { method: "PUT", headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
};
const byCode = async (codes: string[]) => handle.db.select().from(categories).where(inArray(categories.code, codes)).orderBy(categories.code);

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  await createCategory(handle, { code: "OFF", slug: "kantoor", nameNl: "Kantoor", nameEn: "Office" });
  const now = new Date();
  adminKey = (await createStaffApiKey(await createStaff(handle, "admin"), "PIM", now)).key;
  managerKey = (await createStaffApiKey(await createStaff(handle, "account_manager"), "mine", now)).key;
}, 60_000);
afterAll(() => fresh.dispose());

describe("PUT /admin/api/categories", () => {
  it("creates a group with a child in one call; a product can name the child at once and is listed in it", async () => {
    const { status, body } = await call(putCategories, {
      items: [
        { code: "CLN-SOAP", parent: "CLN", nameNl: "Handzeep", nameEn: "Hand soap", position: 2 },
        { code: "CLN", nameNl: "Schoonmaak & hygiëne", nameEn: "Cleaning" },
      ],
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "applied",
      counts: { created: 2, updated: 0, unchanged: 0, invalid: 0 },
      rows: [
        { code: "CLN-SOAP", outcome: "created", slug: "handzeep" },
        { code: "CLN", outcome: "created", slug: "schoonmaak-hygiene" },
      ],
    });
    const [parent, child] = await byCode(["CLN", "CLN-SOAP"]);
    expect(child).toMatchObject({ parentId: parent!.id, nameEn: "Hand soap", position: 2 });
    expect(await getCategoryBySlug("handzeep")).toMatchObject({ code: "CLN-SOAP" });

    expect((await call(putProducts, { items: [{ sku: "KP-SOAP-1", category: "CLN-SOAP", nameNl: "Handzeep 500 ml", listPrice: "3.49", vatRate: 21 }] })).status).toBe(200);
    const listed = await listProductsInCategory([child!.id], {}, { offset: 0, limit: 10 });
    expect(listed.items.map((p) => p.sku)).toEqual(["KP-SOAP-1"]);
  });

  it("a rename keeps the URL; the same again is unchanged", async () => {
    expect((await call(putCategories, { items: [{ code: "CLN-SOAP", nameNl: "Zeep" }] })).body).toMatchObject({ rows: [{ outcome: "updated", slug: "handzeep" }] });
    expect((await call(putCategories, { items: [{ code: "CLN-SOAP", nameNl: "Zeep" }] })).body).toMatchObject({ rows: [{ outcome: "unchanged" }] });
  });

  it("an invalid row refuses the batch (422); applyValidOnly writes the rest, never a child of a refused parent", async () => {
    const before = await byCode(["CLN", "CLN-SOAP", "OFF"]);
    const refused = await call(putCategories, { items: [{ code: "OFF", nameNl: "Kantoorartikelen" }, { code: "DEEP", nameNl: "Te diep", parent: "CLN-SOAP" }] });
    expect(refused.status).toBe(422);
    expect(refused.body.rows).toEqual([
      { code: "OFF", outcome: "updated", slug: "kantoor" },
      { code: "DEEP", outcome: "invalid", problems: [{ field: "parent", problem: "too_deep" }] },
    ]);
    expect(await byCode(["CLN", "CLN-SOAP", "OFF"])).toEqual(before);

    const partial = await call(putCategories, {
      items: [{ code: "OFF", nameNl: "Kantoorartikelen" }, { code: "BAD", slug: "Niet Goed", nameNl: "X" }, { code: "BAD-CHILD", parent: "BAD", nameNl: "Y" }],
      applyValidOnly: true,
    });
    expect(partial.status).toBe(200);
    expect(partial.body.rows.map((row: { outcome: string }) => row.outcome)).toEqual(["updated", "invalid", "invalid"]);
    expect(await byCode(["BAD", "BAD-CHILD"])).toEqual([]);
    expect((await byCode(["OFF"]))[0]!.nameNl).toBe("Kantoorartikelen");
  });

  it("duplicate codes are 400, account managers 404", async () => {
    expect(await call(putCategories, { items: [{ code: "X", nameNl: "a" }, { code: "X", nameNl: "b" }] })).toMatchObject({ status: 400, body: { error: "duplicate_code" } });
    expect((await call(putCategories, { items: [{ code: "X", nameNl: "a" }] }, managerKey)).status).toBe(404);
    expect(await byCode(["X"])).toEqual([]);
  });
});
