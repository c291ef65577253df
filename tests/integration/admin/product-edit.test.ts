// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { priceAuditLog, productPurchasePrices, products } from "@/db/schema";
import { putProductsViaApi } from "@/lib/admin/product-api";
import { contentUnitOptions, parseAttributeText, parseTierText, productFormValues, unitOptions } from "@/lib/admin/product-edit";
import { CONTENT_UNIT_CODES } from "@/lib/catalog/product-import";
import type { StaffUser } from "@/lib/auth/guards";
import { listPriceAudit } from "@/lib/data/price-audit";
import { localizeProduct } from "@/lib/catalog/priced-product";
import { getProductMasterData } from "@/lib/data/product-import";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/** Admins add and correct products in the back office, with the product API's checks. */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { saveProductAction } = await import("@/app/admin/products/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
let category: { id: number; code: string };
let existing: { id: number; sku: string };

const idle = { status: "idle" } as const;
const fields = (values: Record<string, string>) => ({
  mode: "create",
  sku: "KP-HAND-1",
  category: category.code,
  nameNl: "Handzeep 500 ml",
  nameEn: "",
  descriptionNl: "Milde zeep",
  descriptionEn: "",
  brand: "Zeepfabriek",
  manufacturer: "",
  manufacturerPartNumber: "",
  gtin: "",
  unspsc: "",
  unit: "st",
  packSize: "1",
  minOrderQuantity: "2",
  orderMultiple: "2",
  leadTimeDays: "3",
  listPrice: "3,49",
  tiers: "12: 3,19; 48: 2,99",
  vatRate: "21",
  active: "on",
  ...values,
});
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const row = async (sku: string) => (await handle.db.select().from(products).where(eq(products.sku, sku)))[0];

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  category = await createCategory(handle, { code: "HYG" });
  existing = await createProduct(handle, category.id, { sku: "KP-EXISTING" });
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager");
}, 60_000);
afterAll(() => fresh?.dispose());

describe("products in the back office", () => {
  it("tier text: quantity: price pairs", () => {
    expect(parseTierText("12: 3,19; 48: 2,99")).toEqual([
      { minQuantity: 12, price: "3,19" },
      { minQuantity: 48, price: "2,99" },
    ]);
    expect(parseTierText(" ")).toEqual([]);
    expect(parseTierText("12 3,19")).toBeNull();
  });

  it.each([
    ["kleur: zwart\nmaat = 10\n\n  inhoud:  500 ml  ", { kleur: "zwart", maat: "10", inhoud: "500 ml" }],
    ["tijd: 10:30", { tijd: "10:30" }],
    ["leeg:", { leeg: "" }],
    ["", {}],
    ["zonder waarde", null],
    [": waarde", null],
    ["kleur: zwart\nkleur: wit", null],
  ])("attribute text %j", (text, expected) => {
    expect(parseAttributeText(text)).toEqual(expected);
  });

  it("an admin creates a product and lands on its page", async () => {
    request.userId = admin.id;
    expect(await runAction(() => saveProductAction(idle, form(fields({}))))).toEqual({ redirect: "/admin/products/KP-HAND-1" });
    expect(await row("KP-HAND-1")).toMatchObject({
      nameNl: "Handzeep 500 ml",
      // Left empty in the form: stored empty (the shop shows the Dutch name), not a copy.
      nameEn: "",
      unit: "ST",
      listPriceMinor: 349,
      listPriceTiers: [
        { minQuantity: 12, priceMinor: 319 },
        { minQuantity: 48, priceMinor: 299 },
      ],
      minOrderQuantity: 2,
      orderMultiple: 2,
      manufacturer: "Zeepfabriek",
      stock: 0,
      active: true,
    });
  });

  it("an English name and description left empty stay empty: the English shop shows the Dutch ones, also after they are edited", async () => {
    request.userId = admin.id;
    const save = (values: Record<string, string>) => saveProductAction(idle, form(fields({ sku: "KP-HAND-2", ...values })));
    expect(await runAction(() => save({ descriptionNl: "Milde zeep voor de handen" }))).toEqual({ redirect: "/admin/products/KP-HAND-2" });
    expect(await row("KP-HAND-2")).toMatchObject({ nameEn: "", descriptionNl: "Milde zeep voor de handen", descriptionEn: "" });
    expect(localizeProduct((await row("KP-HAND-2"))!, "en")).toMatchObject({ name: "Handzeep 500 ml", description: "Milde zeep voor de handen" });
    // The form shows both English fields empty (with "Empty: the Dutch …"), so saving it keeps them following the Dutch.
    expect(productFormValues((await getProductMasterData("KP-HAND-2"))!, "en")).toMatchObject({ nameEn: "", descriptionEn: "" });

    expect(await save({ mode: "edit", nameNl: "Handzeep 1 l", descriptionNl: "Parfumvrije handzeep" })).toEqual({ status: "ok" });
    expect(localizeProduct((await row("KP-HAND-2"))!, "en")).toMatchObject({ name: "Handzeep 1 l", description: "Parfumvrije handzeep" });

    // English texts typed in are kept, shown in English and in the form.
    expect(await save({ mode: "edit", nameNl: "Handzeep 1 l", nameEn: "Hand soap 1 l", descriptionNl: "Parfumvrije handzeep", descriptionEn: "Unscented hand soap" })).toEqual({ status: "ok" });
    const translated = (await row("KP-HAND-2"))!;
    expect(localizeProduct(translated, "en")).toMatchObject({ name: "Hand soap 1 l", description: "Unscented hand soap" });
    expect(localizeProduct(translated, "nl")).toMatchObject({ name: "Handzeep 1 l", description: "Parfumvrije handzeep" });
    expect(productFormValues((await getProductMasterData("KP-HAND-2"))!, "nl")).toMatchObject({ nameEn: "Hand soap 1 l", descriptionEn: "Unscented hand soap" });

    // Cleared again: stored empty, the Dutch name shows. An older copy of the Dutch name shows empty in
    // the form, so saving the form stores it empty too.
    expect(await save({ mode: "edit", nameNl: "Handzeep 1 l", nameEn: "", descriptionNl: "Parfumvrije handzeep" })).toEqual({ status: "ok" });
    expect(await row("KP-HAND-2")).toMatchObject({ nameEn: "" });
    expect(localizeProduct((await row("KP-HAND-2"))!, "en").name).toBe("Handzeep 1 l");
    await handle.db.update(products).set({ nameEn: "Handzeep 1 l" }).where(eq(products.sku, "KP-HAND-2"));
    const copy = productFormValues((await getProductMasterData("KP-HAND-2"))!, "nl");
    expect(copy.nameEn).toBe("");
    expect(await save({ mode: "edit", nameNl: copy.nameNl, nameEn: copy.nameEn, descriptionNl: "Parfumvrije handzeep" })).toEqual({ status: "ok" });
    expect(await row("KP-HAND-2")).toMatchObject({ nameEn: "" });
  });

  it("creating an existing SKU is refused, and the product is left alone", async () => {
    request.userId = admin.id;
    expect(await saveProductAction(idle, form(fields({ sku: existing.sku, nameNl: "Overschreven?" })))).toMatchObject({ status: "error", message: "sku_taken" });
    expect((await row(existing.sku))!.nameNl).not.toBe("Overschreven?");
  });

  it("edits a product (and takes it out of the shop); mistakes are refused field by field", async () => {
    request.userId = admin.id;
    const edit = (values: Record<string, string>) => saveProductAction(idle, form(fields({ mode: "edit", sku: "KP-HAND-1", ...values })));
    expect(await edit({ nameNl: "Handzeep 1 l", listPrice: "5.25", tiers: "", active: "" })).toEqual({ status: "ok" });
    expect(await row("KP-HAND-1")).toMatchObject({ nameNl: "Handzeep 1 l", listPriceMinor: 525, listPriceTiers: [], active: false });
    expect(await edit({ gtin: "5602024006011" })).toMatchObject({ status: "error", message: "gtin_invalid", details: { field: "gtin" } });
    expect(await edit({ tiers: "veel: 1" })).toMatchObject({ status: "error", message: "tiers_format", details: { field: "tiers" } });
    expect(await edit({ tiers: "50: 3; 10: 3,20" })).toMatchObject({ status: "error", message: "tiers_not_ascending", details: { field: "tiers" } });
    expect(await edit({ minOrderQuantity: "3" })).toMatchObject({ status: "error", message: "order_multiple_conflict" });
    expect(await edit({ category: "NOPE" })).toMatchObject({ status: "error", message: "unknown_category" });
    expect(await saveProductAction(idle, form(fields({ mode: "edit", sku: "KP-NOT-THERE" })))).toMatchObject({ status: "error", code: "not_found" });
    expect(await row("KP-NOT-THERE")).toBeUndefined();
    expect((await row("KP-HAND-1"))!.nameNl).toBe("Handzeep 1 l");
  });

  it("sets the attributes typed one per line, keeps them when the form has no such field, refuses what is not name: value", async () => {
    request.userId = admin.id;
    const edit = (values: Record<string, string>, drop: string[] = []) => {
      const all = fields({ mode: "edit", sku: "KP-HAND-1", ...values });
      for (const key of drop) delete all[key as keyof typeof all];
      return saveProductAction(idle, form(all));
    };
    expect(await edit({ attributes: "inhoud: 1 l\ngeur: citroen" })).toEqual({ status: "ok" });
    expect((await row("KP-HAND-1"))!.attributes).toEqual({ inhoud: "1 l", geur: "citroen" });
    expect(await edit({ nameNl: "Handzeep citroen" }, ["attributes"])).toEqual({ status: "ok" });
    expect((await row("KP-HAND-1"))!.attributes).toEqual({ inhoud: "1 l", geur: "citroen" });
    expect(await edit({ attributes: "geur citroen" })).toMatchObject({ status: "error", message: "attributes_format", details: { field: "attributes" } });
    expect(await edit({ attributes: `geur: ${"x".repeat(201)}` })).toMatchObject({ status: "error", details: { field: "attributes" } });
    expect((await row("KP-HAND-1"))!.attributes).toEqual({ inhoud: "1 l", geur: "citroen" });
    expect(await edit({ attributes: "" })).toEqual({ status: "ok" });
    expect((await row("KP-HAND-1"))!.attributes).toEqual({});
  });

  it("saves the content unit chosen next to the pack size; refuses an unknown one or the sales unit itself at its field; empty clears it, a form without it keeps it", async () => {
    request.userId = admin.id;
    const save = (values: Record<string, string>, drop: string[] = []) => {
      const all = fields({ sku: "KP-REAM", nameNl: "Kopieerpapier A4", unit: "PK", packSize: "250", minOrderQuantity: "1", orderMultiple: "1", listPrice: "4,90", tiers: "", ...values });
      for (const key of drop) delete all[key as keyof typeof all];
      return saveProductAction(idle, form(all));
    };
    expect(await runAction(() => save({ contentUnit: "XST" }))).toEqual({ redirect: "/admin/products/KP-REAM" });
    expect(await row("KP-REAM")).toMatchObject({ unit: "PK", packSize: 250, contentUnit: "XST" });
    // The edit form starts from it, and its select names the units in the UI language.
    expect(productFormValues((await getProductMasterData("KP-REAM"))!, "nl")).toMatchObject({ packSize: 250, contentUnit: "XST" });
    expect(contentUnitOptions("nl")).toContainEqual({ code: "XST", name: "vel (XST)" });
    expect(contentUnitOptions("en")).toContainEqual({ code: "XST", name: "sheet (XST)" });
    expect(contentUnitOptions("en").map((option) => option.code)).toEqual(CONTENT_UNIT_CODES);

    expect(await save({ mode: "edit", contentUnit: "SHT" })).toMatchObject({ status: "error", message: "unknown_content_unit", details: { field: "contentUnit" } });
    expect(await save({ mode: "edit", contentUnit: "PK" })).toMatchObject({ status: "error", message: "content_unit_same_as_unit", details: { field: "contentUnit" } });
    // A pack of 1 that repeats its unit says nothing, but is no contradiction: saved.
    expect(await save({ mode: "edit", packSize: "1", contentUnit: "PK" })).toEqual({ status: "ok" });
    expect(await row("KP-REAM")).toMatchObject({ packSize: 1, contentUnit: "PK" });
    expect(await save({ mode: "edit", packSize: "500", contentUnit: "XST" })).toEqual({ status: "ok" });
    expect(await save({ mode: "edit", packSize: "500", nameNl: "Kopieerpapier A4 wit" }, ["contentUnit"])).toEqual({ status: "ok" });
    expect(await row("KP-REAM")).toMatchObject({ nameNl: "Kopieerpapier A4 wit", packSize: 500, contentUnit: "XST" });
    expect(await save({ mode: "edit", packSize: "500", contentUnit: "" })).toEqual({ status: "ok" });
    expect((await row("KP-REAM"))!.contentUnit).toBeNull();
    expect(productFormValues((await getProductMasterData("KP-REAM"))!, "nl").contentUnit).toBe("");
  });

  it("account managers cannot change products", async () => {
    request.userId = manager.id;
    expect(await saveProductAction(idle, form(fields({ mode: "edit", sku: existing.sku, nameNl: "Door manager" })))).toMatchObject({ status: "error", message: "admin_only" });
    expect((await row(existing.sku))!.nameNl).not.toBe("Door manager");
  });
});

describe("the form's own checks: unit, tiers, list price", () => {
  const edit = (sku: string, values: Record<string, string>) => saveProductAction(idle, form(fields({ mode: "edit", sku, ...values })));
  const audit = (productId: number) => handle.db.select().from(priceAuditLog).where(and(eq(priceAuditLog.productId, productId), eq(priceAuditLog.action, "list_price_changed"))).orderBy(priceAuditLog.id);
  let soap: { id: number; sku: string };
  beforeAll(async () => {
    soap = await createProduct(handle, category.id, { sku: "KP-SOAP", unit: "EA", listPriceMinor: 2495, minOrderQuantity: 2, orderMultiple: 2 });
    await handle.db.insert(productPurchasePrices).values({ productId: soap.id, costMinor: 2417 });
  });

  it("refuses a unit the shop does not know, at the unit field; keeps an older product's own unknown unit", async () => {
    request.userId = admin.id;
    expect(await edit(soap.sku, { unit: "XYZ", listPrice: "24,95", tiers: "" })).toMatchObject({ status: "error", message: "unit_unknown", details: { field: "unit", unit: "XYZ" } });
    expect((await row(soap.sku))!.unit).toBe("EA");
    expect(await edit(soap.sku, { unit: "BX", listPrice: "24,95", tiers: "" })).toEqual({ status: "ok" });
    expect((await row(soap.sku))!.unit).toBe("BX");
    // An old product with "DS" (no word for it in the shop) still saves with it — in any case the form sends it.
    const old = await createProduct(handle, category.id, { sku: "KP-OLD-UNIT", unit: "ds" });
    expect(await edit(old.sku, { unit: "ds", listPrice: "10,00", tiers: "", minOrderQuantity: "1", orderMultiple: "1" })).toEqual({ status: "ok" });
    expect((await row(old.sku))!.unit).toBe("DS");
    // …but another product cannot be given it.
    expect(await edit(soap.sku, { unit: "DS", listPrice: "24,95", tiers: "" })).toMatchObject({ status: "error", message: "unit_unknown" });
    expect(await saveProductAction(idle, form(fields({ sku: "KP-NEW-UNIT", unit: "XYZ" })))).toMatchObject({ status: "error", message: "unit_unknown" });
    expect(await row("KP-NEW-UNIT")).toBeUndefined();
  });

  it("the unit select names the units in the UI language and offers the product's own unknown code first", () => {
    expect(unitOptions("nl", "EA")[0]).toEqual({ code: "EA", name: "stuk (EA)" });
    expect(unitOptions("en", "EA").find((unit) => unit.code === "BX")).toEqual({ code: "BX", name: "box (BX)" });
    expect(unitOptions("nl", "DS")[0]).toEqual({ code: "DS", name: null });
    expect(unitOptions("nl", "DS").slice(1)).toEqual(unitOptions("nl", "EA"));
  });

  it.each([
    ["a tier from 1", "1: 20", "tier_min_quantity", {}],
    ["a tier above the list price", "10: 30,00", "tier_not_below_list_price", { quantity: 10, price: "30,00" }],
    ["a tier at the list price", "10: 22,00; 50: 24,95", "tier_not_below_list_price", { quantity: 50, price: "24,95" }],
    ["more than 20 tiers", Array.from({ length: 21 }, (_, i) => `${i + 2}: 1`).join("; "), "invalid_field", {}],
  ])("refuses %s with the reason at the tiers field", async (_name, tiers, message, details) => {
    request.userId = admin.id;
    expect(await edit(soap.sku, { unit: "BX", listPrice: "24,95", tiers })).toMatchObject({ status: "error", message, details: { field: "tiers", ...details } });
    expect((await row(soap.sku))!.listPriceTiers).toEqual([]);
  });

  it("the tier rule is the product API's: a ladder stored before it was checked saves unchanged, a changed price must put it right", async () => {
    request.userId = admin.id;
    const legacy = await createProduct(handle, category.id, { sku: "KP-LEGACY-TIER", unit: "EA", listPriceMinor: 1000, listPriceTiers: [{ minQuantity: 10, priceMinor: 1000 }] });
    const save = (values: Record<string, string>) => edit(legacy.sku, { unit: "EA", minOrderQuantity: "1", orderMultiple: "1", ...values });
    expect(await save({ listPrice: "10,00", tiers: "10: 10,00", nameNl: "Alleen de naam" })).toEqual({ status: "ok" });
    expect(await save({ listPrice: "9,99", tiers: "10: 10,00" })).toMatchObject({ status: "error", message: "tier_not_below_list_price", details: { field: "tiers", quantity: 10, price: "10,00" } });
    // The API answers the same for the same change.
    const viaApi = await putProductsViaApi(admin, { items: [{ sku: legacy.sku, listPrice: "9,99" }], applyValidOnly: false, dryRun: false }, new Date());
    expect(viaApi.rows).toEqual([{ sku: legacy.sku, outcome: "invalid", problems: [{ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: 10 }] }]);
    expect((await row(legacy.sku))!).toMatchObject({ nameNl: "Alleen de naam", listPriceMinor: 1000, listPriceTiers: [{ minQuantity: 10, priceMinor: 1000 }] });
    expect(await save({ listPrice: "9,99", tiers: "10: 9,50" })).toEqual({ status: "ok" });
  });

  it("a list price of 0 or below the purchase price is saved only once confirmed for that price", async () => {
    request.userId = admin.id;
    expect(await edit(soap.sku, { unit: "BX", listPrice: "0", tiers: "" })).toMatchObject({ status: "error", message: "list_price_zero", details: { field: "listPrice", listPriceMinor: 0, costMinor: 2417 } });
    expect(await edit(soap.sku, { unit: "BX", listPrice: "19,99", tiers: "" })).toMatchObject({ status: "error", message: "list_price_below_cost", details: { field: "listPrice", listPriceMinor: 1999, costMinor: 2417 } });
    // Confirmed for 0, then changed to 19,99: asked again.
    expect(await edit(soap.sku, { unit: "BX", listPrice: "19,99", tiers: "", confirmedListPrice: "0" })).toMatchObject({ status: "error", message: "list_price_below_cost" });
    expect((await row(soap.sku))!.listPriceMinor).toBe(2495);
    expect(await edit(soap.sku, { unit: "BX", listPrice: "19,99", tiers: "", confirmedListPrice: "1999" })).toEqual({ status: "ok" });
    expect((await row(soap.sku))!.listPriceMinor).toBe(1999);
    // Not asked again on a later edit that leaves the price alone.
    expect(await edit(soap.sku, { unit: "BX", listPrice: "19,99", tiers: "", nameNl: "Handzeep navulling" })).toEqual({ status: "ok" });
    // A new product has no purchase price yet: only 0 is asked about.
    expect(await saveProductAction(idle, form(fields({ sku: "KP-FREE", listPrice: "0", tiers: "" })))).toMatchObject({ status: "error", message: "list_price_zero", details: { listPriceMinor: 0 } });
    expect(await runAction(() => saveProductAction(idle, form(fields({ sku: "KP-FREE", listPrice: "0", tiers: "", confirmedListPrice: "0" }))))).toEqual({ redirect: "/admin/products/KP-FREE" });
    expect(await edit(soap.sku, { unit: "BX", listPrice: "24,95", tiers: "" })).toEqual({ status: "ok" });
  });

  it("records list price and tier changes in the price history with the product, in the save's transaction", async () => {
    request.userId = admin.id;
    const before = (await audit(soap.id)).length;
    expect(await edit(soap.sku, { unit: "BX", listPrice: "26,50", tiers: "10: 25,00; 50: 24,50" })).toEqual({ status: "ok" });
    const rows = await audit(soap.id);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actorUserId: admin.id,
      actorName: admin.name,
      source: "editor",
      sku: soap.sku,
      priceListId: null,
      priceListCode: "",
      companyId: null,
      oldValue: { kind: "fixed", priceMinor: 2495, discountBasisPoints: null, tiers: [], validFrom: null, validTo: null },
      newValue: { kind: "fixed", priceMinor: 2650, discountBasisPoints: null, tiers: [{ minQuantity: 10, priceMinor: 2500 }, { minQuantity: 50, priceMinor: 2450 }], validFrom: null, validTo: null },
    });
    // xmin is the id of the transaction that wrote a row: product and audit row were written together.
    const xmin = async (table: string, id: number) => (await handle.query<{ xmin: string }>(`select xmin::text as xmin from ${table} where id = $1`, [id]))[0]!.xmin;
    expect(await xmin("price_audit_log", rows.at(-1)!.id)).toBe(await xmin("products", soap.id));

    // Only the tiers: recorded; no price change (name only, or the same price typed differently): nothing.
    expect(await edit(soap.sku, { unit: "BX", listPrice: "26,50", tiers: "10: 25,00" })).toEqual({ status: "ok" });
    expect((await audit(soap.id)).at(-1)!.newValue).toMatchObject({ priceMinor: 2650, tiers: [{ minQuantity: 10, priceMinor: 2500 }] });
    expect(await edit(soap.sku, { unit: "BX", listPrice: "26.5", tiers: "10: 25", nameNl: "Handzeep groot" })).toEqual({ status: "ok" });
    expect(await audit(soap.id)).toHaveLength(before + 2);

    // The product page's history and /admin/audit read them, for admins and for account managers.
    const onProductPage = await listPriceAudit({ productId: soap.id, managerId: manager.id }, { offset: 0, limit: 50 });
    expect(onProductPage.items.filter((item) => item.action === "list_price_changed")).toHaveLength(before + 2);
    const onAuditPage = await listPriceAudit({ managerId: null }, { offset: 0, limit: 50 });
    expect(onAuditPage.items.some((item) => item.action === "list_price_changed" && item.sku === soap.sku)).toBe(true);
  });

  it("the product API records list price changes too, as one batch per call", async () => {
    const result = await putProductsViaApi(admin, { items: [{ sku: soap.sku, listPrice: "27,00" }, { sku: existing.sku, listPrice: "12,34" }], applyValidOnly: false, dryRun: false }, new Date());
    expect(result.status).toBe("applied");
    const [last] = (await audit(soap.id)).slice(-1);
    const [other] = await audit(existing.id);
    expect(last).toMatchObject({ source: "api", oldValue: { priceMinor: 2650 }, newValue: { priceMinor: 2700 } });
    expect(other).toMatchObject({ source: "api", sku: existing.sku, newValue: { priceMinor: 1234 } });
    expect(last!.batchId).toBeTruthy();
    expect(other!.batchId).toBe(last!.batchId);
  });
});
