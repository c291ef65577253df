// Product master data from the ERP or PIM: upsert by SKU through PUT /admin/api/products with an admin's API key.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { products } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { localizeProduct, toProductViews } from "@/lib/catalog/priced-product";
import { getProductBySku, searchProducts } from "@/lib/data/catalog";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const { PUT } = await import("@/app/admin/api/products/route");
const { GET } = await import("@/app/admin/api/products/[sku]/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let adminKey: string;
let managerKey: string;
let category: { id: number; code: string };
let other: { id: number; code: string };
let existing: { id: number; sku: string; stock: number };

const put = async (body: unknown, key = adminKey) => {
  const response = await PUT(new Request("http://localhost/admin/api/products", { method: "PUT", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
};
const bySku = async (skus: string[]) => handle.db.select().from(products).where(inArray(products.sku, skus)).orderBy(products.sku);

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  category = await createCategory(handle, { code: "SMR" });
  other = await createCategory(handle, { code: "PAP" });
  existing = await createProduct(handle, category.id, { sku: "KP-EXIST", stock: 17 });
  const now = new Date();
  adminKey = (await createStaffApiKey(await createStaff(handle, "admin"), "ERP", now)).key;
  managerKey = (await createStaffApiKey(await createStaff(handle, "account_manager"), "mine", now)).key;
}, 120_000);
afterAll(() => fresh.dispose());

describe("PUT /admin/api/products", () => {
  it("creates and updates by SKU, reports each row, keeps stock, and the new product is found by search", async () => {
    const { status, body } = await put({
      items: [
        { sku: "KP-NEW-1", category: "SMR", nameNl: "Zuurvrije kettingolie", nameEn: "Acid-free chain oil", listPrice: "12,95", vatRate: 21, unit: "ltr", gtin: "8712345678906", attributes: { inhoud: "1 l" } },
        { sku: "KP-EXIST", nameNl: "Nieuwe naam", listPriceTiers: [{ minQuantity: 10, price: "9.50" }] },
      ],
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "applied",
      counts: { created: 1, updated: 1, unchanged: 0, invalid: 0 },
      rows: [
        { sku: "KP-NEW-1", outcome: "created" },
        { sku: "KP-EXIST", outcome: "updated" },
      ],
    });
    const [created, updated] = await bySku(["KP-EXIST", "KP-NEW-1"]).then((rows) => [rows.find((r) => r.sku === "KP-NEW-1")!, rows.find((r) => r.sku === "KP-EXIST")!]);
    expect(created).toMatchObject({ categoryId: category.id, nameEn: "Acid-free chain oil", listPriceMinor: 1295, vatRateBasisPoints: 2100, unit: "LTR", stock: 0, active: true, attributes: { inhoud: "1 l" } });
    expect(updated).toMatchObject({ nameNl: "Nieuwe naam", listPriceTiers: [{ minQuantity: 10, priceMinor: 950 }], stock: 17, categoryId: category.id });
    expect((await searchProducts("kettingolie", {}, { offset: 0, limit: 10 })).items.map((item) => item.sku)).toContain("KP-NEW-1");
    expect((await searchProducts("8712345678906", {}, { offset: 0, limit: 10 })).items.map((item) => item.sku)).toEqual(["KP-NEW-1"]);
  });

  it("GET gives a product back as PUT takes it (with its stock): sending it back changes nothing", async () => {
    const get = async (sku: string, key = adminKey) => {
      const response = await GET(new Request(`http://localhost/admin/api/products/${encodeURIComponent(sku)}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ sku: encodeURIComponent(sku) }) });
      return { status: response.status, body: await response.json() };
    };
    const { status, body } = await get("KP-NEW-1");
    expect(status).toBe(200);
    expect(body).toMatchObject({ sku: "KP-NEW-1", category: "SMR", listPrice: "12.95", vatRate: 21, unit: "LTR", gtin: "8712345678906", active: true, stock: 0 });
    const { stock: _stock, ...row } = body;
    expect((await put({ items: [row] })).body).toMatchObject({ counts: { unchanged: 1 } });
    expect((await get("KP-EXIST")).body).toMatchObject({ listPriceTiers: [{ minQuantity: 10, price: "9.50" }], stock: 17 });
    expect((await get("NOPE")).status).toBe(404);
    expect((await get("KP-NEW-1", managerKey)).status).toBe(404);
  });

  it("a product without an English description keeps it empty: English readers get the Dutch one, which follows later Dutch updates", async () => {
    expect((await put({ items: [{ sku: "KP-DESC-1", category: "SMR", nameNl: "Kettingspray", descriptionNl: "Hecht goed, spat niet", listPrice: "8,95", vatRate: 21 }] })).body).toMatchObject({
      counts: { created: 1 },
    });
    const [created] = await bySku(["KP-DESC-1"]);
    expect(created).toMatchObject({ nameEn: "", descriptionNl: "Hecht goed, spat niet", descriptionEn: "" });
    expect(localizeProduct(created!, "en").description).toBe("Hecht goed, spat niet");
    expect((await put({ items: [{ sku: "KP-DESC-1", descriptionNl: "Hecht goed, spat niet, waterbestendig" }] })).body).toMatchObject({ counts: { updated: 1 } });
    const [updated] = await bySku(["KP-DESC-1"]);
    expect(updated!.descriptionEn).toBe("");
    expect(localizeProduct(updated!, "en").description).toBe("Hecht goed, spat niet, waterbestendig");
    // An English description sent later is used; sending it empty again goes back to the Dutch one.
    await put({ items: [{ sku: "KP-DESC-1", descriptionEn: "Sticks well, does not splash" }] });
    expect(localizeProduct((await bySku(["KP-DESC-1"]))[0]!, "en").description).toBe("Sticks well, does not splash");
    await put({ items: [{ sku: "KP-DESC-1", descriptionEn: "" }] });
    expect(localizeProduct((await bySku(["KP-DESC-1"]))[0]!, "en").description).toBe("Hecht goed, spat niet, waterbestendig");
  });

  it("a product created without an English name keeps it empty: the English shop and its product page show the Dutch name", async () => {
    expect((await put({ items: [{ sku: "KP-NAME-1", category: "SMR", nameNl: "Kettingreiniger", listPrice: "6,50", vatRate: 21 }] })).body).toMatchObject({ counts: { created: 1 } });
    expect((await bySku(["KP-NAME-1"]))[0]).toMatchObject({ nameNl: "Kettingreiniger", nameEn: "" });
    // What the product page shows (the row it reads, localized and priced as for a visitor), in English and Dutch.
    const page = async (locale: "nl" | "en") => (await toProductViews([(await getProductBySku("KP-NAME-1"))!], { companyId: null, locale, now: new Date() }))[0]!;
    expect((await page("en")).name).toBe("Kettingreiniger");
    expect((await page("nl")).name).toBe("Kettingreiniger");
    // The English search finds it by its Dutch name.
    expect((await searchProducts("kettingreiniger", {}, { offset: 0, limit: 10 })).items.map((item) => item.sku)).toContain("KP-NAME-1");
    // It follows a later Dutch name; an English one sent later is shown, and sending it empty goes back to the Dutch.
    await put({ items: [{ sku: "KP-NAME-1", nameNl: "Kettingreiniger spray" }] });
    expect((await bySku(["KP-NAME-1"]))[0]!.nameEn).toBe("");
    expect((await page("en")).name).toBe("Kettingreiniger spray");
    await put({ items: [{ sku: "KP-NAME-1", nameEn: "Chain cleaner spray" }] });
    expect((await page("en")).name).toBe("Chain cleaner spray");
    expect((await put({ items: [{ sku: "KP-NAME-1", nameEn: "" }] })).body).toMatchObject({ counts: { updated: 1 } });
    expect((await bySku(["KP-NAME-1"]))[0]!.nameEn).toBe("");
    expect((await page("en")).name).toBe("Kettingreiniger spray");
  });

  it("a tier at or above the list price is refused as the product form refuses it: 422 naming the row, field and tier; nothing is written", async () => {
    const before = await bySku(["KP-EXIST"]);
    const { status, body } = await put({
      items: [
        { sku: "KP-EXIST", nameNl: "Zou niet mogen landen", listPriceTiers: [{ minQuantity: 10, price: "9.50" }, { minQuantity: 50, price: "10.00" }] },
        { sku: "KP-TIER-1", category: "SMR", nameNl: "Staffel gelijk aan lijstprijs", listPrice: "5,00", listPriceTiers: [{ minQuantity: 12, price: "5,00" }], vatRate: 21 },
        { sku: "KP-TIER-2", category: "SMR", nameNl: "Goede staffel", listPrice: "5,00", listPriceTiers: [{ minQuantity: 12, price: "4,75" }], vatRate: 21 },
      ],
    });
    expect(status).toBe(422);
    expect(body).toEqual({
      status: "rejected",
      counts: { created: 1, updated: 0, unchanged: 0, invalid: 2 },
      rows: [
        { sku: "KP-EXIST", outcome: "invalid", problems: [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 50 }] },
        { sku: "KP-TIER-1", outcome: "invalid", problems: [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 12 }] },
        { sku: "KP-TIER-2", outcome: "created" },
      ],
    });
    expect(await bySku(["KP-EXIST"])).toEqual(before);
    expect(await bySku(["KP-TIER-1", "KP-TIER-2"])).toEqual([]);
    // A list price lowered to a stored tier is refused too (the ladder must be sent with it), and a dry run says so.
    expect((await put({ items: [{ sku: "KP-EXIST", listPrice: "9,50" }], dryRun: true })).body.rows).toEqual([
      { sku: "KP-EXIST", outcome: "invalid", problems: [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 10 }] },
    ]);
    // With applyValidOnly the other rows land, the refused one does not.
    const partial = await put({ items: [{ sku: "KP-TIER-1", category: "SMR", nameNl: "X", listPrice: "5", listPriceTiers: [{ minQuantity: 12, price: "6" }], vatRate: 21 }, { sku: "KP-TIER-2", category: "SMR", nameNl: "Goede staffel", listPrice: "5,00", listPriceTiers: [{ minQuantity: 12, price: "4,75" }], vatRate: 21 }], applyValidOnly: true });
    expect(partial).toMatchObject({ status: 200, body: { status: "applied", counts: { created: 1, invalid: 1 } } });
    expect((await bySku(["KP-TIER-1", "KP-TIER-2"])).map((product) => product.sku)).toEqual(["KP-TIER-2"]);
    expect(await bySku(["KP-EXIST"])).toEqual(before);
  });

  it("a content unit says what the pack size counts: stored, given back, shown in words and priced per unit; an unknown code or the order unit itself is 422 at contentUnit", async () => {
    const ream = { sku: "KP-REAM-1", category: "PAP", nameNl: "Kopieerpapier A4", listPrice: "4,90", vatRate: 21, unit: "PK", packSize: 250, contentUnit: "xst" };
    expect((await put({ items: [ream] })).body).toMatchObject({ status: "applied", counts: { created: 1 } });
    expect((await bySku(["KP-REAM-1"]))[0]).toMatchObject({ unit: "PK", packSize: 250, contentUnit: "XST" });
    const response = await GET(new Request("http://localhost/admin/api/products/KP-REAM-1", { headers: { authorization: `Bearer ${adminKey}` } }), { params: Promise.resolve({ sku: "KP-REAM-1" }) });
    const { stock: _stock, ...row } = await response.json();
    expect(row).toMatchObject({ unit: "PK", packSize: 250, contentUnit: "XST" });
    expect((await put({ items: [row] })).body).toMatchObject({ counts: { unchanged: 1 } });
    // What the shop reads: the product view carries it (product page, cards, cart).
    const [view] = await toProductViews([(await getProductBySku("KP-REAM-1"))!], { companyId: null, locale: "nl", now: new Date() });
    expect(view).toMatchObject({ unit: "PK", packSize: 250, contentUnit: "XST" });

    const refused = await put({
      items: [
        { sku: "KP-REAM-1", contentUnit: "SHT" },
        { sku: "KP-REAM-2", category: "PAP", nameNl: "Pak van pakken", listPrice: "4,90", vatRate: 21, unit: "PK", packSize: 10, contentUnit: "PK" },
      ],
    });
    expect(refused).toEqual({
      status: 422,
      body: {
        status: "rejected",
        counts: { created: 0, updated: 0, unchanged: 0, invalid: 2 },
        rows: [
          { sku: "KP-REAM-1", outcome: "invalid", problems: [{ field: "contentUnit", problem: "unknown_content_unit" }] },
          { sku: "KP-REAM-2", outcome: "invalid", problems: [{ field: "contentUnit", problem: "content_unit_same_as_unit" }] },
        ],
      },
    });
    expect((await bySku(["KP-REAM-1"]))[0]!.contentUnit).toBe("XST");
    // A wrong type is that row's problem (422 at contentUnit), like other fields.
    expect(await put({ items: [{ sku: "KP-REAM-1", contentUnit: 12 }] })).toMatchObject({
      status: 422,
      body: { rows: [{ sku: "KP-REAM-1", outcome: "invalid", problems: [{ field: "contentUnit", problem: "invalid_type" }] }] },
    });
    // Left out it stays; "" (or null) clears it: the shop says "250 per pak" again.
    expect((await put({ items: [{ sku: "KP-REAM-1", packSize: 500 }] })).body).toMatchObject({ counts: { updated: 1 } });
    expect((await bySku(["KP-REAM-1"]))[0]).toMatchObject({ packSize: 500, contentUnit: "XST" });
    expect((await put({ items: [{ sku: "KP-REAM-1", contentUnit: "" }] })).body).toMatchObject({ counts: { updated: 1 } });
    expect((await bySku(["KP-REAM-1"]))[0]!.contentUnit).toBeNull();
  });

  it("sending the same again changes nothing (idempotent)", async () => {
    const { body } = await put({ items: [{ sku: "KP-EXIST", nameNl: "Nieuwe naam", listPriceTiers: [{ minQuantity: 10, price: 9.5 }] }] });
    expect(body).toMatchObject({ status: "applied", counts: { unchanged: 1 } });
  });

  it("an invalid row refuses the whole batch with 422 and every row's outcome; nothing is written", async () => {
    const before = await bySku(["KP-EXIST"]);
    const { status, body } = await put({
      items: [
        { sku: "KP-EXIST", nameNl: "Zou niet mogen landen" },
        { sku: "KP-NEW-2", category: "NOPE", nameNl: "X", listPrice: 1, vatRate: 9 },
        { sku: "KP-NEW-3", nameNl: "Zonder categorie" },
      ],
    });
    expect(status).toBe(422);
    expect(body.status).toBe("rejected");
    expect(body.rows).toEqual([
      { sku: "KP-EXIST", outcome: "updated" },
      { sku: "KP-NEW-2", outcome: "invalid", problems: [{ field: "category", problem: "unknown_category" }] },
      {
        sku: "KP-NEW-3",
        outcome: "invalid",
        problems: [
          { field: "category", problem: "missing_category" },
          { field: "listPrice", problem: "missing_list_price" },
          { field: "vatRate", problem: "missing_vat_rate" },
        ],
      },
    ]);
    expect(await bySku(["KP-EXIST"])).toEqual(before);
    expect(await bySku(["KP-NEW-2", "KP-NEW-3"])).toEqual([]);
  });

  it("applyValidOnly writes the valid rows; dryRun writes nothing", async () => {
    const dry = await put({ items: [{ sku: "KP-EXIST", active: false }], dryRun: true });
    expect(dry.body).toMatchObject({ status: "dry_run", counts: { updated: 1 } });
    expect((await bySku(["KP-EXIST"]))[0]!.active).toBe(true);
    const partial = await put({ items: [{ sku: "KP-EXIST", active: false, category: "PAP" }, { sku: "KP-NEW-4", nameNl: "X" }], applyValidOnly: true });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: "applied", counts: { updated: 1, invalid: 1 } });
    expect((await bySku(["KP-EXIST"]))[0]).toMatchObject({ active: false, categoryId: other.id });
    expect((await searchProducts("Nieuwe naam", {}, { offset: 0, limit: 10 })).items.map((item) => item.sku)).not.toContain("KP-EXIST");
  });

  it("bad JSON, duplicate SKUs and too many rows are 400; account managers get 404; a wrong key 401", async () => {
    expect((await put({ items: [] })).status).toBe(400);
    expect((await put("not an object")).status).toBe(400);
    expect(await put({ items: [{ sku: "KP-EXIST" }, { sku: "KP-EXIST" }] })).toMatchObject({ status: 400, body: { error: "duplicate_sku" } });
    expect((await put({ items: Array.from({ length: 1001 }, (_, i) => ({ sku: `KP-${i}` })) })).status).toBe(400);
    expect(await put({ items: [{ sku: "KP-EXIST", active: true }] }, managerKey)).toMatchObject({ status: 404 });
    expect((await put({ items: [{ sku: "KP-EXIST", active: true }] }, `${adminKey}x`)).status).toBe(401);
    expect((await bySku(["KP-EXIST"]))[0]!.active).toBe(false);
    const [row] = await handle.db.select({ stock: products.stock }).from(products).where(eq(products.id, existing.id));
    expect(row!.stock).toBe(17);
  });
});
