// Related products: the admin API (GET/PUT /admin/api/products/:sku/relations), the admin product page's
// form action, and what the shop reads of them (tests/integration/account/discontinued-successor.test.ts:
// where a buyer meets a discontinued product again).
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { productRelations, products } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { listActiveSuccessors, listShopRelationsBySku } from "@/lib/data/product-relations";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The form action words its refusals with the real Dutch messages (as for a Dutch admin).
vi.mock("next-intl/server", async () => {
  const [{ createTranslator }, { default: messages }] = await Promise.all([import("next-intl"), import("@/lib/i18n/messages/admin.nl.json")]);
  return { getLocale: async () => "nl", getTranslations: async (namespace: string) => createTranslator({ locale: "nl", messages, namespace: namespace as never }) };
});

const route = await import("@/app/admin/api/products/[sku]/relations/route");
const { saveProductRelationsAction } = await import("@/app/admin/products/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let adminKey: string;
let managerKey: string;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let categoryId: number;
/** A drill, its batteries and charger, another drill, the drill's successor, and one out of the shop. */
const p: Record<"drill" | "battery" | "charger" | "other" | "next" | "retired", { id: number; sku: string }> = {} as never;

const call = async (method: "GET" | "PUT", sku: string, options: { key?: string | null; body?: unknown } = {}) => {
  const key = options.key === undefined ? adminKey : options.key;
  const init: RequestInit = { method, headers: key ? { authorization: `Bearer ${key}` } : {} };
  if (options.body !== undefined) init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const response = await route[method](new Request(`http://localhost/admin/api/products/${encodeURIComponent(sku)}/relations`, init), {
    params: Promise.resolve({ sku: encodeURIComponent(sku) }),
  });
  return { status: response.status, body: await response.json() };
};
const put = (sku: string, body: unknown, key?: string | null) => call("PUT", sku, { body, key });
const get = (sku: string, key?: string | null) => call("GET", sku, { key });
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
};
const storedRows = (productId: number) => handle.db.select().from(productRelations).where(eq(productRelations.productId, productId));
const setActive = (id: number, active: boolean) => handle.db.update(products).set({ active }).where(eq(products.id, id));
const product = (sku: string, overrides: Parameters<typeof createProduct>[2] = {}) => createProduct(handle, categoryId, { sku, ...overrides });

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  categoryId = (await createCategory(handle, { code: "GER" })).id;
  p.drill = await product("KP-BOOR", { nameNl: "Accuboor", nameEn: "Cordless drill", listPriceMinor: 12_900 });
  p.battery = await product("KP-ACCU", { nameNl: "Accu 18 V", nameEn: "Battery 18 V", listPriceMinor: 4_900 });
  p.charger = await product("KP-LADER", { listPriceMinor: 2_900 });
  p.other = await product("KP-BOOR-2", { listPriceMinor: 9_900 });
  p.next = await product("KP-BOOR-NIEUW", { nameNl: "Accuboor nieuw", nameEn: "New cordless drill", listPriceMinor: 13_900, minOrderQuantity: 1, orderMultiple: 2 });
  p.retired = await product("KP-OUD", { active: false });
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager");
  adminKey = (await createStaffApiKey(admin, "PIM", new Date())).key;
  managerKey = (await createStaffApiKey(manager, "mine", new Date())).key;
  customer = await createCompanyWithBuyer(handle);
  // The customer's contract price for the batteries: what the product page's card must show.
  await createPriceList(handle, customer.company.id, [{ productId: p.battery.id, kind: "fixed", priceMinor: 3_950 }]);
}, 120_000);
afterAll(() => fresh.dispose());

describe("relations through the API (admins only)", () => {
  it("stores accessories and alternatives in order and a successor, and gives the same shape back", async () => {
    const body = { accessories: ["KP-LADER", "KP-ACCU"], alternatives: ["KP-BOOR-2"], successor: "KP-BOOR-NIEUW" };
    expect(await put("KP-BOOR", body)).toEqual({ status: 200, body });
    expect(await get("KP-BOOR")).toEqual({ status: 200, body });
    const rows = await storedRows(p.drill.id);
    expect(rows.map(({ kind, relatedProductId, position }) => [kind, relatedProductId, position]).sort()).toEqual(
      [
        ["accessory", p.charger.id, 0],
        ["accessory", p.battery.id, 1],
        ["alternative", p.other.id, 0],
        ["successor", p.next.id, 0],
      ].sort(),
    );
    // Sending it back unchanged changes nothing.
    expect(await put("KP-BOOR", (await get("KP-BOOR")).body)).toEqual({ status: 200, body });
  });

  it("refuses the whole request with 422 naming every unknown SKU by field, and keeps what was stored", async () => {
    const before = await get("KP-BOOR");
    const answer = await put("KP-BOOR", { accessories: ["KP-ACCU", "KP-NOPE-1", "KP-NOPE-2"], alternatives: ["KP-NOPE-3"], successor: "KP-NOPE-4" });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: "invalid_relations",
      problems: [
        { field: "accessories", problem: "unknown_sku", skus: ["KP-NOPE-1", "KP-NOPE-2"] },
        { field: "alternatives", problem: "unknown_sku", skus: ["KP-NOPE-3"] },
        { field: "successor", problem: "unknown_sku", skus: ["KP-NOPE-4"] },
      ],
    });
    expect(await get("KP-BOOR")).toEqual(before);
  });

  it.each([
    { label: "the product itself", body: { accessories: ["KP-BOOR"] }, problem: { field: "accessories", problem: "itself", skus: ["KP-BOOR"] } },
    { label: "itself as successor", body: { successor: "KP-BOOR" }, problem: { field: "successor", problem: "itself", skus: ["KP-BOOR"] } },
    { label: "a SKU twice", body: { alternatives: ["KP-BOOR-2", "KP-BOOR-2"] }, problem: { field: "alternatives", problem: "duplicate_sku", skus: ["KP-BOOR-2"] } },
    { label: "an inactive product named anew", body: { accessories: ["KP-OUD"] }, problem: { field: "accessories", problem: "inactive_sku", skus: ["KP-OUD"] } },
    { label: "an inactive successor", body: { successor: "KP-OUD" }, problem: { field: "successor", problem: "inactive_sku", skus: ["KP-OUD"] } },
    {
      label: "more than 20 accessories",
      body: { accessories: Array.from({ length: 21 }, (_, i) => `KP-X${i}`) },
      problem: { field: "accessories", problem: "too_many", max: 20 },
    },
  ])("refuses $label (422) and stores nothing", async ({ body, problem }) => {
    const before = await get("KP-BOOR");
    const answer = await put("KP-BOOR", body);
    expect(answer.status).toBe(422);
    expect(answer.body.problems).toContainEqual(problem);
    expect(await get("KP-BOOR")).toEqual(before);
  });

  it("refuses a successor that leads back to the product, however long the chain", async () => {
    await put("KP-LADER", { successor: "KP-BOOR-2" });
    await put("KP-BOOR-2", { successor: "KP-ACCU" });
    const answer = await put("KP-ACCU", { successor: "KP-LADER" });
    expect(answer).toEqual({
      status: 422,
      body: { error: "invalid_relations", problems: [{ field: "successor", problem: "successor_cycle", path: ["KP-ACCU", "KP-LADER", "KP-BOOR-2", "KP-ACCU"] }] },
    });
    expect((await get("KP-ACCU")).body.successor).toBeNull();
    // Direct: B replaces A, so A cannot replace B.
    expect((await put("KP-BOOR-2", { successor: "KP-LADER" })).body.problems).toEqual([{ field: "successor", problem: "successor_cycle", path: ["KP-BOOR-2", "KP-LADER", "KP-BOOR-2"] }]);
    // Emptied again for the tests below.
    for (const sku of ["KP-LADER", "KP-BOOR-2"]) expect((await put(sku, {})).status).toBe(200);
  });

  it("lets two admins at once not close a loop between them (each check alone would pass)", async () => {
    const pairs = await Promise.all(Array.from({ length: 6 }, async (_, i) => [await product(`KP-RACE-${i}-A`), await product(`KP-RACE-${i}-B`)] as const));
    const answers = await Promise.all(pairs.flatMap(([a, b]) => [put(a.sku, { successor: b.sku }), put(b.sku, { successor: a.sku })]));
    for (let i = 0; i < pairs.length; i++) {
      const [first, second] = [answers[2 * i]!, answers[2 * i + 1]!];
      expect([first.status, second.status].sort()).toEqual([200, 422]);
    }
  });

  it("keeps a stored relation to a product taken out of the shop, so its GET can be sent back", async () => {
    await put("KP-LADER", { accessories: ["KP-ACCU"] });
    await setActive(p.battery.id, false);
    try {
      const stored = await get("KP-LADER");
      expect(stored.body).toEqual({ accessories: ["KP-ACCU"], alternatives: [], successor: null });
      expect((await put("KP-LADER", stored.body)).status).toBe(200);
      // Not shown in the shop meanwhile, but stored: it comes back with the product.
      expect(await listShopRelationsBySku("KP-LADER")).toEqual([]);
      await setActive(p.battery.id, true);
      expect((await listShopRelationsBySku("KP-LADER")).map((relation) => relation.product.sku)).toEqual(["KP-ACCU"]);
    } finally {
      await setActive(p.battery.id, true);
      await put("KP-LADER", {});
    }
  });

  it("is not found for account managers' keys and without a key, before the body is read; 401 for a wrong key", async () => {
    expect((await get("KP-BOOR", managerKey)).status).toBe(404);
    expect((await put("KP-BOOR", { accessories: [] }, managerKey)).status).toBe(404);
    expect((await put("KP-BOOR", "{not json", managerKey)).status).toBe(404);
    expect((await get("KP-BOOR", null)).status).toBe(404);
    expect((await put("KP-BOOR", { accessories: [] }, null)).status).toBe(404);
    expect((await get("KP-BOOR", "kpk_wrong")).status).toBe(401);
    expect((await storedRows(p.drill.id)).length).toBe(4);
  });

  it("answers 400 for a body that is not the shape, and 404 for an unknown product", async () => {
    expect((await put("KP-BOOR", "{not json")).status).toBe(400);
    expect((await put("KP-BOOR", { accesories: ["KP-ACCU"] })).status).toBe(400);
    expect((await put("KP-NOPE", {})).status).toBe(404);
    expect((await get("KP-NOPE")).status).toBe(404);
  });

  it("keeps at most one successor per product in the database itself", async () => {
    await expect(handle.db.insert(productRelations).values({ productId: p.drill.id, kind: "successor", relatedProductId: p.other.id, position: 1 })).rejects.toThrow();
  });
});

describe("the product page's form", () => {
  const idle = { status: "idle" } as const;

  it("saves the admin's SKU lists (one per line or comma-separated) and tells each field what it refuses", async () => {
    request.userId = admin.id;
    try {
      const saved = await saveProductRelationsAction(idle, form({ sku: "KP-BOOR-2", accessories: "KP-ACCU, KP-LADER", alternatives: "KP-BOOR\n", successor: " " }));
      expect(saved).toEqual({ status: "ok" });
      expect((await get("KP-BOOR-2")).body).toEqual({ accessories: ["KP-ACCU", "KP-LADER"], alternatives: ["KP-BOOR"], successor: null });

      const refused = await saveProductRelationsAction(idle, form({ sku: "KP-BOOR-2", accessories: "KP-ACCU\nKP-NOPE", alternatives: "KP-BOOR-2", successor: "KP-OUD" }));
      expect(refused).toMatchObject({ status: "error", code: "invalid_input" });
      const fieldErrors = (refused as { fieldErrors: Record<string, string[]> }).fieldErrors;
      expect(fieldErrors).toEqual({
        accessories: ["Onbekend artikelnummer: KP-NOPE"],
        alternatives: ["Een artikel kan niet naar zichzelf verwijzen (KP-BOOR-2)"],
        successor: ["Niet actief (activeer het eerst): KP-OUD"],
      });
      expect((await get("KP-BOOR-2")).body.accessories).toEqual(["KP-ACCU", "KP-LADER"]);
    } finally {
      request.userId = null;
    }
  });

  it("matches SKUs typed in another case, as the search does, and stores them as the products spell them", async () => {
    request.userId = admin.id;
    try {
      const refused = await saveProductRelationsAction(idle, form({ sku: "KP-BOOR-2", accessories: "kp-accu\nKP-ACCU", alternatives: "kp-boor-2", successor: "" }));
      expect((refused as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
        accessories: ["Dubbel genoemd: KP-ACCU"],
        alternatives: ["Een artikel kan niet naar zichzelf verwijzen (KP-BOOR-2)"],
      });
      const saved = await saveProductRelationsAction(idle, form({ sku: "KP-BOOR-2", accessories: "kp-accu\nKp-Lader", alternatives: "kp-boor", successor: "" }));
      expect(saved).toEqual({ status: "ok" });
      expect((await get("KP-BOOR-2")).body).toEqual({ accessories: ["KP-ACCU", "KP-LADER"], alternatives: ["KP-BOOR"], successor: null });
    } finally {
      request.userId = null;
    }
  });

  it("is refused to account managers and to buyers", async () => {
    for (const userId of [manager.id, customer.user.id]) {
      request.userId = userId;
      expect(await saveProductRelationsAction(idle, form({ sku: "KP-BOOR-2", accessories: "" }))).toMatchObject({ status: "error", code: "not_found" });
    }
    request.userId = null;
    expect((await get("KP-BOOR-2")).body.accessories).toEqual(["KP-ACCU", "KP-LADER"]);
  });
});

describe("what the shop reads", () => {
  it("a product page gets only products in the shop, each list in order, in one read by SKU", async () => {
    const relations = await listShopRelationsBySku("KP-BOOR");
    expect(relations.map((relation) => [relation.kind, relation.product.sku])).toEqual([
      ["accessory", "KP-LADER"],
      ["accessory", "KP-ACCU"],
      ["alternative", "KP-BOOR-2"],
      ["successor", "KP-BOOR-NIEUW"],
    ]);
    expect(await listShopRelationsBySku("KP-ACCU")).toEqual([]);
    expect(await listShopRelationsBySku("KP-NOPE")).toEqual([]);
  });

  it("a successor out of the shop leads on to its own successor", async () => {
    const a = await product("KP-KETEN-A");
    const b = await product("KP-KETEN-B");
    const c = await product("KP-KETEN-C");
    await put("KP-KETEN-A", { successor: "KP-KETEN-B" });
    await put("KP-KETEN-B", { successor: "KP-KETEN-C" });
    await setActive(a.id, false);
    expect([...(await listActiveSuccessors([a.id]))].map(([id, row]) => [id, row.sku])).toEqual([[a.id, "KP-KETEN-B"]]);
    await setActive(b.id, false);
    expect([...(await listActiveSuccessors([a.id, b.id]))].map(([id, row]) => [id, row.sku]).sort()).toEqual([
      [a.id, "KP-KETEN-C"],
      [b.id, "KP-KETEN-C"],
    ]);
    await setActive(c.id, false);
    expect((await listActiveSuccessors([a.id])).size).toBe(0);
    expect((await listActiveSuccessors([p.retired.id])).size).toBe(0);
  });
});
