// Admin → Attributes: the list with usage, create/edit/reorder/delete through the server actions and
// lib/admin/attributes.ts, and GET/PUT/DELETE /admin/api/attributes, against a real database.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { attributeDefinitions, products } from "@/db/schema";
import type { ActionState } from "@/lib/actions/safe-action";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import type { StaffUser } from "@/lib/auth/guards";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The save action translates each refusal for its field: the key (and the line it names) stands in for the text.
vi.mock("next-intl/server", () => ({
  getLocale: async () => "nl",
  getTranslations: async (namespace: string) => (key: string, values?: Record<string, unknown>) => `${namespace}.${key}${values ? ` ${JSON.stringify(values)}` : ""}`,
}));

const actions = await import("@/app/admin/attributes/actions");
const admin$ = await import("@/lib/admin/attributes");
const api = await import("@/app/admin/api/attributes/route");
const apiKey = await import("@/app/admin/api/attributes/[...key]/route");
const { listAttributeDefinitions } = await import("@/lib/data/attribute-definitions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
let buyerId: number;
let adminKey: string;
let managerKey: string;

const idle: ActionState = { status: "idle" };
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const save = (mode: "create" | "edit", values: Record<string, string>) => runAction(() => actions.saveAttributeAction(idle, form({ mode, nameEn: "", valueLabels: "", ...values })));
const move = (key: string, direction: "up" | "down") => runAction(() => actions.moveAttributeAction(idle, form({ key, direction })));
const remove = (key: string) => runAction(() => actions.deleteAttributeAction(idle, form({ key })));
const allDefinitions = () => handle.db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.key));
const shopOrder = async () => (await listAttributeDefinitions()).map((definition) => definition.key);
const problem = (key: string, line?: number) => `attributesAdmin.form.problems.${key}${line === undefined ? "" : ` {"line":${line}}`}`;

const call = async (method: "GET" | "PUT" | "DELETE", path: string, body?: unknown, key: string | null = adminKey) => {
  const req = new Request(`http://localhost/admin/api/attributes${path}`, {
    method,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const response = method === "DELETE" ? await apiKey.DELETE(req) : method === "GET" ? await api.GET(req) : await api.PUT(req);
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager");
  buyerId = (await createCompanyWithBuyer(handle, "company_admin")).user.id;
  const now = new Date();
  adminKey = (await createStaffApiKey(admin, "PIM", now)).key;
  managerKey = (await createStaffApiKey(manager, "mine", now)).key;
  const category = await createCategory(handle, { code: "OFF", nameNl: "Kantoor" });
  // kleur: blauw ×3 (one inactive), rood ×2, groen, zwart, wit, geel ×1 — six values; herkomst ×2, undefined; "lengte / breedte" ×1.
  const colours = ["blauw", "blauw", "rood", "rood", "groen", "zwart", "wit", "geel"];
  for (const colour of colours) await createProduct(handle, category.id, { attributes: { kleur: colour } });
  await createProduct(handle, category.id, { active: false, attributes: { kleur: "blauw", herkomst: "Nederland" } });
  await createProduct(handle, category.id, { attributes: { herkomst: "Duitsland", "lengte / breedte": "21 x 29,7 cm" } });
}, 60_000);
afterAll(() => fresh?.dispose());
beforeEach(() => {
  request.userId = admin.id;
});

describe("who may change attributes", () => {
  it.each([
    ["a buyer (company admin)", () => buyerId],
    ["an account manager", () => manager.id],
    ["an anonymous visitor", () => null],
  ])("%s gets not_found from every action, and nothing changes", async (_who, userId) => {
    await admin$.saveAttributeAsAdmin(admin, { mode: "create", key: "guarded", nameNl: "Bewaakt", nameEn: "", valueLabels: "" }, new Date());
    request.userId = userId();
    const before = await allDefinitions();
    const outcomes = [await save("create", { key: "hack", nameNl: "Gehackt" }), await save("edit", { key: "guarded", nameNl: "Gehackt" }), await move("guarded", "up"), await remove("guarded")];
    for (const outcome of outcomes) expect(outcome).toEqual({ state: { status: "error", code: "not_found", message: "not_found" } });
    expect(await allDefinitions()).toEqual(before);
    await admin$.deleteAttributeAsAdmin(admin, "guarded");
  });

  it("the lib functions refuse an account manager themselves (the pages' and the API's path)", async () => {
    const now = new Date();
    await expect(admin$.listAttributesAsAdmin(manager)).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.getAttributeAsAdmin(manager, "kleur")).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.saveAttributeAsAdmin(manager, { mode: "create", key: "mgr", nameNl: "X", nameEn: "", valueLabels: "" }, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.moveAttributeAsAdmin(manager, "kleur", "up", now)).rejects.toMatchObject({ code: "not_found" });
    await expect(admin$.deleteAttributeAsAdmin(manager, "kleur")).rejects.toMatchObject({ code: "not_found" });
    expect(await allDefinitions()).toEqual([]);
  });

  it("the API: an account manager's key is 404 on every method (before the body is even looked at), a wrong key 401, no key and no session 404", async () => {
    expect((await call("GET", "", undefined, managerKey)).status).toBe(404);
    expect((await call("PUT", "", [{ key: "mgr", nameNl: "X" }], managerKey)).status).toBe(404);
    expect((await call("PUT", "", "not even an array", managerKey)).status).toBe(404);
    expect((await call("DELETE", "/kleur", undefined, managerKey)).status).toBe(404);
    expect((await call("GET", "", undefined, "koppel_wrong")).status).toBe(401);
    request.userId = null;
    expect((await call("GET", "", undefined, null)).status).toBe(404);
    request.userId = buyerId;
    expect((await call("PUT", "", [{ key: "buyer", nameNl: "X" }], null)).status).toBe(404);
    expect(await allDefinitions()).toEqual([]);
  });
});

describe("the list", () => {
  it("before any definition: every key products use, not defined, most used first, with active/inactive counts and the most common values", async () => {
    const rows = await admin$.listAttributesAsAdmin(admin);
    expect(rows.map((row) => [row.key, row.definition])).toEqual([
      ["kleur", null],
      ["herkomst", null],
      ["lengte / breedte", null],
    ]);
    expect(rows[0]!.usage).toEqual({
      key: "kleur",
      activeProducts: 8,
      inactiveProducts: 1,
      distinctValues: 6,
      // Most products first, then by value; five at most.
      examples: [
        { value: "blauw", products: 3 },
        { value: "rood", products: 2 },
        { value: "geel", products: 1 },
        { value: "groen", products: 1 },
        { value: "wit", products: 1 },
      ],
    });
    expect(rows[1]!.usage).toMatchObject({ activeProducts: 1, inactiveProducts: 1, distinctValues: 2 });
  });

  it("the edit page of an undefined key shows all its values; a key neither defined nor used is not found", async () => {
    expect(await admin$.getAttributeAsAdmin(admin, "herkomst")).toEqual({
      key: "herkomst",
      definition: null,
      values: [
        { value: "Duitsland", products: 1 },
        { value: "Nederland", products: 1 },
      ],
      moreValues: false,
    });
    await expect(admin$.getAttributeAsAdmin(admin, "nergens")).rejects.toMatchObject({ code: "not_found", message: "attribute_not_found" });
  });
});

describe("creating and editing", () => {
  it("defines a used key (English name = Dutch when empty, labels parsed), then a second one after it; the shop reads them at once", async () => {
    expect(await save("create", { key: "kleur", nameNl: "Kleur", nameEn: "Colour", filterable: "on", valueLabels: "blauw = blue\n\nrood = red" })).toEqual({ redirect: "/admin/attributes?created=kleur" });
    expect(await save("create", { key: " lengte / breedte ", nameNl: "Formaat" })).toEqual({ redirect: "/admin/attributes?created=lengte%20%2F%20breedte" });
    const [kleur, formaat] = await listAttributeDefinitions();
    expect(kleur).toMatchObject({ key: "kleur", nameNl: "Kleur", nameEn: "Colour", filterable: true, position: 0, valueLabelsEn: { blauw: "blue", rood: "red" } });
    expect(formaat).toMatchObject({ key: "lengte / breedte", nameEn: "Formaat", filterable: false, position: 1, valueLabelsEn: {} });
    const rows = await admin$.listAttributesAsAdmin(admin);
    expect(rows.map((row) => [row.key, row.definition !== null, row.first, row.last])).toEqual([
      ["kleur", true, true, false],
      ["lengte / breedte", true, false, true],
      ["herkomst", false, true, true],
    ]);
    // The edit form shows the labels as text that saves back to the same.
    expect(admin$.valueLabelText(rows[0]!.definition)).toBe("blauw = blue\nrood = red");
  });

  it.each<{ label: string; values: Record<string, string>; field: string; problem: string }>([
    { label: "a key defined already", values: { key: "kleur", nameNl: "Nog eens" }, field: "key", problem: problem("key_taken") },
    { label: "a key of 41 characters", values: { key: "k".repeat(41), nameNl: "X" }, field: "key", problem: problem("key_format") },
    { label: "a key of spaces", values: { key: "   ", nameNl: "X" }, field: "key", problem: problem("key_format") },
    { label: "no Dutch name", values: { key: "nieuw", nameNl: " " }, field: "nameNl", problem: problem("name_missing") },
    { label: "an English name of 81 characters", values: { key: "nieuw", nameNl: "Nieuw", nameEn: "e".repeat(81) }, field: "nameEn", problem: problem("name_too_long") },
    { label: "a label line without =, by its line", values: { key: "nieuw", nameNl: "Nieuw", valueLabels: "a = b\n\nc d" }, field: "valueLabels", problem: problem("missing_separator", 3) },
    { label: "a Dutch value twice", values: { key: "nieuw", nameNl: "Nieuw", valueLabels: "blauw = blue\nblauw = navy" }, field: "valueLabels", problem: problem("duplicate_value", 2) },
    { label: "a label of 201 characters", values: { key: "nieuw", nameNl: "Nieuw", valueLabels: `blauw = ${"b".repeat(201)}` }, field: "valueLabels", problem: problem("label_too_long", 1) },
  ])("create refused at its field, nothing written: $label", async ({ values, field, problem: text }) => {
    const before = await allDefinitions();
    expect(await save("create", values)).toEqual({ state: { status: "error", code: "invalid_input", message: "attribute_invalid", fieldErrors: { [field]: [text] } } });
    expect(await allDefinitions()).toEqual(before);
  });

  it("every refusal of one form at once, each at its field", async () => {
    expect(await save("create", { key: "", nameNl: "", valueLabels: "x" })).toMatchObject({
      state: { fieldErrors: { key: [problem("key_format")], nameNl: [problem("name_missing")], valueLabels: [problem("missing_separator", 1)] } },
    });
  });

  it("an edit changes names, filter and labels, keeps the key and the position; an edit of an undefined key is not_found, never a create", async () => {
    expect(await save("edit", { key: "kleur", nameNl: "Kleur", nameEn: "Colour", valueLabels: "blauw = blue\ngroen = green" })).toEqual({ state: { status: "ok" } });
    expect((await listAttributeDefinitions())[0]).toMatchObject({ key: "kleur", filterable: false, position: 0, valueLabelsEn: { blauw: "blue", groen: "green" } });
    const before = await allDefinitions();
    expect(await save("edit", { key: "kleur", nameNl: "Kleur", valueLabels: "blauw = blue\nblauw = navy" })).toMatchObject({ state: { fieldErrors: { valueLabels: [problem("duplicate_value", 2)] } } });
    expect(await allDefinitions()).toEqual(before);
    expect(await save("edit", { key: "herkomst", nameNl: "Herkomst" })).toEqual({ state: { status: "error", code: "not_found", message: "attribute_not_found" } });
    expect((await allDefinitions()).map((definition) => definition.key)).not.toContain("herkomst");
  });
});

describe("order and deleting", () => {
  it("moves a definition up and down; the shop's order follows; the first cannot go up", async () => {
    await save("create", { key: "herkomst", nameNl: "Herkomst", nameEn: "Origin" });
    expect(await shopOrder()).toEqual(["kleur", "lengte / breedte", "herkomst"]);
    expect(await move("herkomst", "up")).toEqual({ state: { status: "ok" } });
    expect(await shopOrder()).toEqual(["kleur", "herkomst", "lengte / breedte"]);
    expect(await move("kleur", "up")).toEqual({ state: { status: "ok" } });
    expect(await shopOrder()).toEqual(["kleur", "herkomst", "lengte / breedte"]);
    expect(await move("kleur", "down")).toEqual({ state: { status: "ok" } });
    expect(await shopOrder()).toEqual(["herkomst", "kleur", "lengte / breedte"]);
    expect(await move("nergens", "down")).toMatchObject({ state: { status: "error", code: "not_found", message: "attribute_not_found" } });
  });

  it("equal positions (written by hand or an old PUT) are numbered when one moves", async () => {
    await handle.db.update(attributeDefinitions).set({ position: 7 });
    // All 7: the shop orders by key.
    expect(await shopOrder()).toEqual(["herkomst", "kleur", "lengte / breedte"]);
    await move("lengte / breedte", "up");
    expect(await shopOrder()).toEqual(["herkomst", "lengte / breedte", "kleur"]);
    expect((await listAttributeDefinitions()).map((definition) => definition.position)).toEqual([0, 1, 2]);
  });

  it("deletes a definition: products keep their values, the key is listed as not defined again; a second delete is not found", async () => {
    expect(await remove("herkomst")).toEqual({ redirect: "/admin/attributes?deleted=herkomst" });
    expect(await shopOrder()).toEqual(["lengte / breedte", "kleur"]);
    const withOrigin = (await handle.db.select({ attributes: products.attributes }).from(products)).filter((product) => "herkomst" in product.attributes);
    expect(withOrigin).toHaveLength(2);
    expect((await admin$.listAttributesAsAdmin(admin)).find((row) => row.key === "herkomst")).toMatchObject({ definition: null, usage: { activeProducts: 1, inactiveProducts: 1 } });
    expect(await remove("herkomst")).toEqual({ state: { status: "error", code: "not_found", message: "attribute_not_found" } });
  });
});

describe("the API", () => {
  it("GET gives every definition in the shop's order with all of PUT's fields; sending it back is all unchanged and writes nothing", async () => {
    const got = await call("GET", "");
    expect(got.status).toBe(200);
    expect(got.body).toEqual([
      { key: "lengte / breedte", nameNl: "Formaat", nameEn: "Formaat", position: 1, filterable: false, valueLabelsEn: {} },
      { key: "kleur", nameNl: "Kleur", nameEn: "Colour", position: 2, filterable: false, valueLabelsEn: { blauw: "blue", groen: "green" } },
    ]);
    const before = await allDefinitions();
    expect(await call("PUT", "", got.body)).toEqual({
      status: 200,
      body: { counts: { created: 0, updated: 0, unchanged: 2 }, rows: [{ key: "lengte / breedte", outcome: "unchanged" }, { key: "kleur", outcome: "unchanged" }] },
    });
    // Not even updated_at.
    expect(await allDefinitions()).toEqual(before);
  });

  it("PUT upserts by key: created after the last, updated where something differs, what is left out kept", async () => {
    const { status, body } = await call("PUT", "", [
      { key: "kleur", nameNl: "Kleur", filterable: true },
      { key: "herkomst", nameNl: "Herkomst", nameEn: "Origin", valueLabelsEn: { Nederland: "the Netherlands", Duitsland: "Germany" } },
      { key: "lengte / breedte", nameNl: "Formaat" },
    ]);
    expect(status).toBe(200);
    expect(body).toEqual({
      counts: { created: 1, updated: 1, unchanged: 1 },
      rows: [
        { key: "kleur", outcome: "updated" },
        { key: "herkomst", outcome: "created" },
        { key: "lengte / breedte", outcome: "unchanged" },
      ],
    });
    expect(await listAttributeDefinitions()).toMatchObject([
      { key: "lengte / breedte" },
      { key: "kleur", nameEn: "Colour", filterable: true, valueLabelsEn: { blauw: "blue", groen: "green" } },
      { key: "herkomst", position: 3, valueLabelsEn: { Nederland: "the Netherlands", Duitsland: "Germany" } },
    ]);
  });

  it.each<{ label: string; body: unknown; index: number | null; field: string | null; problem: string }>([
    { label: "a Dutch name missing in the second", body: [{ key: "kleur", nameNl: "Colour!" }, { key: "nieuw" }], index: 1, field: "nameNl", problem: "invalid_type" },
    { label: "a key of 41 characters", body: [{ key: "k".repeat(41), nameNl: "X" }], index: 0, field: "key", problem: "too_big" },
    { label: "an empty English label", body: [{ key: "kleur", nameNl: "Kleur" }, { key: "herkomst", nameNl: "H", valueLabelsEn: { Nederland: " " } }], index: 1, field: "valueLabelsEn.Nederland", problem: "label_empty" },
    { label: "a key twice", body: [{ key: "kleur", nameNl: "A" }, { key: "x", nameNl: "B" }, { key: "kleur", nameNl: "C" }], index: 2, field: "key", problem: "duplicate_key" },
    { label: "not an array", body: { items: [] }, index: null, field: null, problem: "invalid_type" },
    { label: "an empty array", body: [], index: null, field: null, problem: "too_small" },
  ])("all or nothing: $label is 400 with the index and field, and nothing is written", async ({ body, index, field, problem: why }) => {
    const before = await allDefinitions();
    const answer = await call("PUT", "", body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: "invalid_input", index, field, problem: why });
    expect(await allDefinitions()).toEqual(before);
  });

  it("DELETE /:key takes the URL-encoded key (spaces and a slash): 204, then 404", async () => {
    expect(await call("DELETE", `/${encodeURIComponent("lengte / breedte")}`)).toEqual({ status: 204, body: null });
    expect(await shopOrder()).toEqual(["kleur", "herkomst"]);
    expect(await call("DELETE", `/${encodeURIComponent("lengte / breedte")}`)).toMatchObject({ status: 404, body: { error: "attribute_not_found" } });
    expect(await call("DELETE", "/%E0%A4%A")).toMatchObject({ status: 404 });
  });
});
