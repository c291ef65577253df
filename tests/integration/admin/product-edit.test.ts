// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { products } from "@/db/schema";
import { parseAttributeText, parseTierText, productFormValues } from "@/lib/admin/product-edit";
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
let admin: { id: number };
let manager: { id: number };
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
      nameEn: "Handzeep 500 ml",
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

  it("an English description left empty stays empty: the English shop shows the Dutch one, also after it is edited", async () => {
    request.userId = admin.id;
    const save = (values: Record<string, string>) => saveProductAction(idle, form(fields({ sku: "KP-HAND-2", ...values })));
    expect(await runAction(() => save({ descriptionNl: "Milde zeep voor de handen" }))).toEqual({ redirect: "/admin/products/KP-HAND-2" });
    expect(await row("KP-HAND-2")).toMatchObject({ nameEn: "Handzeep 500 ml", descriptionNl: "Milde zeep voor de handen", descriptionEn: "" });
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
    expect(await edit({ tiers: "50: 3; 10: 4" })).toMatchObject({ status: "error", message: "tiers_not_ascending", details: { field: "tiers" } });
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

  it("account managers cannot change products", async () => {
    request.userId = manager.id;
    expect(await saveProductAction(idle, form(fields({ mode: "edit", sku: existing.sku, nameNl: "Door manager" })))).toMatchObject({ status: "error", message: "admin_only" });
    expect((await row(existing.sku))!.nameNl).not.toBe("Door manager");
  });
});
