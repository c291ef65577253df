// Admin → Categories: create, edit, reorder, move products and delete through the server actions and
// lib/admin/categories.ts, against a real database. Imported first: the vi.mock factories below use it.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { categories, companies, products } from "@/db/schema";
import type { ActionState } from "@/lib/actions/safe-action";
import type { BuyerUser, StaffUser } from "@/lib/auth/guards";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The save action translates each refusal for its field: the key stands in for the text.
vi.mock("next-intl/server", () => ({ getLocale: async () => "nl", getTranslations: async (namespace: string) => (key: string) => `${namespace}.${key}` }));

const actions = await import("@/app/admin/categories/actions");
const admin$ = await import("@/lib/admin/categories");
const { getCategoryBySlug, listCategories } = await import("@/lib/data/catalog");
const { navigationCategories } = await import("@/lib/shop-context");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
let buyerId: number;

const idle: ActionState = { status: "idle" };
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const create = (values: Record<string, string>) => runAction(() => actions.saveCategoryAction(idle, form({ mode: "create", nameEn: "", parent: "", slug: "", ...values })));
const edit = (values: Record<string, string>) => runAction(() => actions.saveCategoryAction(idle, form({ mode: "edit", nameEn: "", parent: "", slug: "", ...values })));
const byCode = async (code: string) => (await handle.db.select().from(categories).where(eq(categories.code, code)))[0];
const allCategories = () => handle.db.select().from(categories).orderBy(categories.id);
const problem = (key: string) => `categoriesAdmin.form.problems.${key}`;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager");
  buyerId = (await createCompanyWithBuyer(handle, "company_admin")).user.id;
  await createCategory(handle, { code: "OFF", slug: "kantoor", nameNl: "Kantoor", nameEn: "Office", position: 0 });
}, 60_000);
afterAll(() => fresh?.dispose());
beforeEach(() => {
  request.userId = admin.id;
});

describe("who may change categories", () => {
  it.each([
    ["a buyer (company admin)", () => buyerId],
    ["an account manager", () => manager.id],
    ["an anonymous visitor", () => null],
  ])("%s gets not_found from every action, and nothing changes", async (_who, userId) => {
    request.userId = userId();
    const before = await allCategories();
    const outcomes = [
      await create({ code: "HACK", nameNl: "Gehackt" }),
      await edit({ code: "OFF", nameNl: "Gehackt" }),
      await runAction(() => actions.moveCategoryAction(idle, form({ code: "OFF", direction: "down" }))),
      await runAction(() => actions.moveCategoryProductsAction(idle, form({ code: "OFF", target: "OFF" }))),
      await runAction(() => actions.deleteCategoryAction(idle, form({ code: "OFF" }))),
    ];
    for (const outcome of outcomes) expect(outcome).toEqual({ state: { status: "error", code: "not_found", message: "not_found" } });
    expect(await allCategories()).toEqual(before);
  });

  it("the lib functions refuse an account manager themselves (the API's path)", async () => {
    await expect(admin$.listCategoryTreeAsAdmin(manager)).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.saveCategoryAsAdmin(manager, { mode: "create", code: "MGR", nameNl: "X", nameEn: "", parent: "", slug: "" })).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.deleteCategoryAsAdmin(manager, "OFF")).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.moveCategoryProductsAsAdmin(manager, "OFF", "OFF", new Date())).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.moveCategoryAsAdmin(manager, "OFF", "up")).rejects.toMatchObject({ code: "not_found" });
    expect(await byCode("MGR")).toBeUndefined();
  });
});

describe("creating and editing", () => {
  it("creates a top-level category after its siblings (English name = Dutch, slug from the Dutch name) and a child", async () => {
    expect(await create({ code: "CLN", nameNl: "Schoonmaak & hygiëne" })).toEqual({ redirect: "/admin/categories?created=CLN" });
    expect(await byCode("CLN")).toMatchObject({ parentId: null, nameEn: "Schoonmaak & hygiëne", slug: "schoonmaak-hygiene", position: 1 });
    expect(await create({ code: "CLN-SOAP", nameNl: "Handzeep", nameEn: "Hand soap", parent: "CLN", slug: "zeep" })).toEqual({ redirect: "/admin/categories?created=CLN-SOAP" });
    expect(await byCode("CLN-SOAP")).toMatchObject({ parentId: (await byCode("CLN"))!.id, nameEn: "Hand soap", slug: "zeep", position: 0 });
    // What the shop reads (the prepared statement), at once.
    expect(await getCategoryBySlug("zeep")).toMatchObject({ code: "CLN-SOAP" });
  });

  it.each<{ label: string; values: Record<string, string>; field: string; problem: string }>([
    { label: "code in use", values: { code: "CLN", nameNl: "Nog eens" }, field: "code", problem: "code_taken" },
    { label: "code with a space", values: { code: "MET SPATIE", nameNl: "X" }, field: "code", problem: "code_format" },
    { label: "unknown parent", values: { code: "NEW-1", nameNl: "X", parent: "NOPE" }, field: "parent", problem: "unknown_parent" },
    { label: "a third level", values: { code: "NEW-2", nameNl: "X", parent: "CLN-SOAP" }, field: "parent", problem: "too_deep" },
    { label: "slug in use", values: { code: "NEW-3", nameNl: "X", slug: "kantoor" }, field: "slug", problem: "slug_taken" },
    { label: "slug not a slug", values: { code: "NEW-4", nameNl: "X", slug: "Met Hoofdletters" }, field: "slug", problem: "slug_format" },
  ])("create refused at its field: $label", async ({ values, field, problem: key }) => {
    const before = await allCategories();
    expect(await create(values)).toEqual({ state: { status: "error", code: "invalid_input", message: "category_invalid", fieldErrors: { [field]: [problem(key)] } } });
    expect(await allCategories()).toEqual(before);
  });

  it("an edit renames and keeps the URL; a new slug and a new parent are taken", async () => {
    expect(await edit({ code: "CLN-SOAP", nameNl: "Zeep", nameEn: "Soap", parent: "CLN", slug: "zeep" })).toEqual({ state: { status: "ok", data: { slug: "zeep" } } });
    expect(await byCode("CLN-SOAP")).toMatchObject({ nameNl: "Zeep", nameEn: "Soap", slug: "zeep" });
    expect(await edit({ code: "CLN-SOAP", nameNl: "Zeep", nameEn: "Soap", parent: "OFF", slug: "handzeep" })).toEqual({ state: { status: "ok", data: { slug: "handzeep" } } });
    expect(await byCode("CLN-SOAP")).toMatchObject({ parentId: (await byCode("OFF"))!.id, slug: "handzeep" });
    expect(await getCategoryBySlug("zeep")).toBeNull();
    // Back under CLN for the tests below.
    expect((await edit({ code: "CLN-SOAP", nameNl: "Zeep", nameEn: "Soap", parent: "CLN", slug: "handzeep" }))).toMatchObject({ state: { status: "ok" } });
  });

  it.each<{ label: string; values: Record<string, string>; field: string; problem: string }>([
    { label: "a parent for a category with children", values: { code: "CLN", nameNl: "Schoonmaak", parent: "OFF" }, field: "parent", problem: "has_children" },
    { label: "its own parent", values: { code: "OFF", nameNl: "Kantoor", parent: "OFF" }, field: "parent", problem: "own_parent" },
    { label: "another category's slug", values: { code: "CLN-SOAP", nameNl: "Zeep", parent: "CLN", slug: "kantoor" }, field: "slug", problem: "slug_taken" },
  ])("edit refused at its field: $label", async ({ values, field, problem: key }) => {
    const before = await allCategories();
    expect(await edit(values)).toMatchObject({ state: { status: "error", fieldErrors: { [field]: [problem(key)] } } });
    expect(await allCategories()).toEqual(before);
  });

  it("an edit of a code that does not exist is not_found, never a create", async () => {
    expect(await edit({ code: "GHOST", nameNl: "Spook" })).toMatchObject({ state: { status: "error", code: "not_found", message: "category_not_found" } });
    expect(await byCode("GHOST")).toBeUndefined();
  });
});

describe("order among siblings", () => {
  it("moves a category up and down; the shop's category list follows", async () => {
    const topCodes = async () => {
      const all = await listCategories();
      return all.filter((c) => c.parentId === null).map((c) => c.code);
    };
    expect(await topCodes()).toEqual(["OFF", "CLN"]);
    expect(await runAction(() => actions.moveCategoryAction(idle, form({ code: "CLN", direction: "up" })))).toEqual({ state: { status: "ok" } });
    expect(await topCodes()).toEqual(["CLN", "OFF"]);
    // Already first: nothing changes.
    expect(await runAction(() => actions.moveCategoryAction(idle, form({ code: "CLN", direction: "up" })))).toEqual({ state: { status: "ok" } });
    expect(await topCodes()).toEqual(["CLN", "OFF"]);
    await runAction(() => actions.moveCategoryAction(idle, form({ code: "CLN", direction: "down" })));
    expect(await topCodes()).toEqual(["OFF", "CLN"]);
    const tree = await admin$.listCategoryTreeAsAdmin(admin);
    expect(tree.map((c) => [c.code, c.first, c.last])).toEqual([
      ["OFF", true, false],
      ["CLN", false, true],
      ["CLN-SOAP", true, true],
    ]);
  });
});

describe("moving products and deleting", () => {
  let soapProducts: number[];
  beforeAll(async () => {
    const soap = (await byCode("CLN-SOAP"))!;
    soapProducts = [(await createProduct(handle, soap.id)).id, (await createProduct(handle, soap.id)).id, (await createProduct(handle, soap.id, { active: false })).id];
  });

  it("counts active and inactive products and children in the tree", async () => {
    const tree = await admin$.listCategoryTreeAsAdmin(admin);
    expect(tree.find((c) => c.code === "CLN-SOAP")).toMatchObject({ activeProducts: 2, inactiveProducts: 1, children: 0, parentCode: "CLN" });
    expect(tree.find((c) => c.code === "CLN")).toMatchObject({ activeProducts: 0, inactiveProducts: 0, children: 1 });
  });

  it("a category with products (an inactive one too) or with children is not deleted: refused with the counts", async () => {
    expect(await runAction(() => actions.deleteCategoryAction(idle, form({ code: "CLN-SOAP" })))).toEqual({
      state: { status: "error", code: "conflict", message: "category_not_empty", details: { products: 3, children: 0 } },
    });
    expect(await runAction(() => actions.deleteCategoryAction(idle, form({ code: "CLN" })))).toEqual({
      state: { status: "error", code: "conflict", message: "category_not_empty", details: { products: 0, children: 1 } },
    });
    // Only an inactive product left still counts.
    const lone = await admin$.saveCategoryAsAdmin(admin, { mode: "create", code: "LONE", nameNl: "Eenzaam", nameEn: "", parent: "", slug: "" });
    expect(lone.status).toBe("saved");
    await createProduct(handle, (await byCode("LONE"))!.id, { active: false });
    await expect(admin$.deleteCategoryAsAdmin(admin, "LONE")).rejects.toMatchObject({ code: "conflict", message: "category_not_empty", details: { products: 1, children: 0 } });
    expect(await byCode("LONE")).toBeDefined();
    expect(await byCode("CLN-SOAP")).toBeDefined();
  });

  it.each([
    { label: "into itself", target: "CLN-SOAP", message: "same_category" },
    { label: "into a category that does not exist", target: "NOPE", message: "unknown_target" },
  ])("moving products $label is refused and touches no product (not even its updated_at)", async ({ target, message }) => {
    const read = () => handle.db.select({ id: products.id, categoryId: products.categoryId, updatedAt: products.updatedAt }).from(products).where(inArray(products.id, soapProducts)).orderBy(products.id);
    const before = await read();
    expect(await runAction(() => actions.moveCategoryProductsAction(idle, form({ code: "CLN-SOAP", target })))).toMatchObject({ state: { status: "error", code: "invalid_input", message } });
    expect(await read()).toEqual(before);
    expect(new Set(before.map((row) => row.categoryId))).toEqual(new Set([(await byCode("CLN-SOAP"))!.id]));
  });

  it("moves all products (inactive too) into another category — a parent is a valid home — then the empty one is deleted", async () => {
    const before = new Date(Date.now() - 60_000);
    await handle.db.update(products).set({ updatedAt: before }).where(inArray(products.id, soapProducts));
    expect(await runAction(() => actions.moveCategoryProductsAction(idle, form({ code: "CLN-SOAP", target: "CLN" })))).toEqual({ redirect: "/admin/categories/CLN-SOAP?moved=3&to=CLN" });
    const cln = (await byCode("CLN"))!;
    const rows = await handle.db.select({ categoryId: products.categoryId, updatedAt: products.updatedAt }).from(products).where(inArray(products.id, soapProducts));
    expect(rows.map((row) => row.categoryId)).toEqual([cln.id, cln.id, cln.id]);
    // Recorded like a product edit's category change (updated_at).
    for (const row of rows) expect(row.updatedAt.getTime()).toBeGreaterThan(before.getTime());

    expect(await runAction(() => actions.deleteCategoryAction(idle, form({ code: "CLN-SOAP" })))).toEqual({ redirect: "/admin/categories?deleted=CLN-SOAP" });
    expect(await byCode("CLN-SOAP")).toBeUndefined();
    expect(await getCategoryBySlug("handzeep")).toBeNull();
    expect((await listCategories()).map((c) => c.code)).not.toContain("CLN-SOAP");
    // Gone: deleting it again is not found.
    expect(await runAction(() => actions.deleteCategoryAction(idle, form({ code: "CLN-SOAP" })))).toMatchObject({ state: { status: "error", code: "not_found" } });
  });
});

describe("the shop's navigation cache", () => {
  it("a contract customer's navigation follows a product move at once (this process's cache is forgotten)", async () => {
    const { company, user } = await createCompanyWithBuyer(handle);
    await handle.db.update(companies).set({ assortment: "contract" }).where(eq(companies.id, company.id));
    const from = await createCategory(handle, { code: "NAV-FROM", nameNl: "Van" });
    await createCategory(handle, { code: "NAV-TO", nameNl: "Naar" });
    const product = await createProduct(handle, from.id);
    await createPriceList(handle, company.id, [{ productId: product.id, kind: "fixed", priceMinor: 500 }]);
    const context = {
      user: null,
      buyer: { ...user, companyId: company.id, companyName: company.name, companyAssortment: "contract" } as unknown as BuyerUser,
      canEditCart: true,
      locale: "nl" as const,
      now: new Date(),
    };
    const navigation = async () => (await navigationCategories(context, await listCategories())).map((c) => c.code);
    expect(await navigation()).toEqual(["NAV-FROM"]);
    await admin$.moveCategoryProductsAsAdmin(admin, "NAV-FROM", "NAV-TO", new Date());
    expect(await navigation()).toEqual(["NAV-TO"]);
  });
});
