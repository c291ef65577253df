import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { attributeDefinitions } from "@/db/schema";
import { listProductsInCategory, searchProducts, type ProductFilters } from "@/lib/data/catalog";
import { listAttributeDefinitions, listAttributeDefinitionsOf } from "@/lib/data/attribute-definitions";
import { createCategory, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let shoes: number;
let group: number[];

const SIZES = ["42", "43", "44"];
const COLOURS = ["zwart", "blauw"];
const BRANDS = ["Stalwerk", "Degelijk"];

/** 24 shoes: size, colour and brand cycle independently; every 7th inactive; some without a colour. */
const specs = Array.from({ length: 24 }, (_, i) => ({
  name: `Werkschoen ${String(i).padStart(2, "0")}`,
  attributes: {
    size: SIZES[i % 3]!,
    ...(i % 5 === 4 ? {} : { colour: COLOURS[i % 2]! }),
    origin: i % 2 ? "PT" : "PL",
    remark: `uniek ${i}`,
  } as Record<string, string>,
  brand: BRANDS[Math.floor(i / 2) % 2]!,
  active: i % 7 !== 6,
}));

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const parent = await createCategory(handle, { nameNl: "Schoenen" });
  shoes = (await createCategory(handle, { parentId: parent.id, nameNl: "Werkschoenen" })).id;
  const other = await createCategory(handle, { parentId: parent.id, nameNl: "Laarzen" });
  group = [parent.id, shoes, other.id];
  for (const spec of specs) {
    await createProduct(handle, shoes, { nameNl: spec.name, nameEn: spec.name, brand: spec.brand, attributes: spec.attributes, active: spec.active });
  }
  await createProduct(handle, other.id, { nameNl: "Werklaars", nameEn: "Work boot", attributes: { size: "43", colour: "zwart" } });
  await handle.db.insert(attributeDefinitions).values([
    { key: "size", nameNl: "Maat", nameEn: "Size", position: 1, filterable: true },
    { key: "colour", nameNl: "Kleur", nameEn: "Colour", position: 2, filterable: true, valueLabelsEn: { zwart: "black", blauw: "blue" } },
    // Defined but not a filter: never counted.
    { key: "origin", nameNl: "Land van herkomst", nameEn: "Country of origin", position: 3, filterable: false },
  ]);
});
afterAll(() => db.dispose());

const active = specs.filter((s) => s.active);
const matching = (filters: ProductFilters, except?: string) =>
  active.filter(
    (s) =>
      (!filters.brand || s.brand === filters.brand) &&
      Object.entries(filters.attributes ?? {}).every(([key, value]) => key === except || s.attributes[key] === value),
  );
/** What the facet of `key` should count: the products matching every filter but its own, per value. */
function expectedCounts(filters: ProductFilters, key: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of matching(filters, key)) if (s.attributes[key] !== undefined) counts[s.attributes[key]!] = (counts[s.attributes[key]!] ?? 0) + 1;
  return counts;
}
const countsOf = (rows: { key: string; value: string; count: number }[], key: string) =>
  Object.fromEntries(rows.filter((r) => r.key === key).map((r) => [r.value, r.count]));

describe("a category without sub-categories: attribute filters and facets", () => {
  it.each<[string, ProductFilters]>([
    ["no filter", {}],
    ["one attribute", { attributes: { size: "43" } }],
    ["two attributes", { attributes: { size: "43", colour: "blauw" } }],
    ["attribute and brand", { brand: "Stalwerk", attributes: { colour: "zwart" } }],
    ["a value nobody has", { attributes: { size: "47" } }],
  ])("%s: the page, total and every count match the products", async (_label, filters) => {
    const page = await listProductsInCategory([shoes], filters, { offset: 0, limit: 50 });
    const expected = matching(filters);
    expect(page.total).toBe(expected.length);
    expect(page.items.map((p) => p.nameNl).sort()).toEqual(expected.map((s) => s.name).sort());
    // Counted per attribute without its own filter: another value can be chosen instead.
    expect(countsOf(page.attributeCounts, "size")).toEqual(expectedCounts(filters, "size"));
    expect(countsOf(page.attributeCounts, "colour")).toEqual(expectedCounts(filters, "colour"));
    // Brand facets follow the attribute filters (and the total is their sum).
    expect(page.brands.reduce((sum, b) => sum + b.count, 0)).toBe(matching({ ...filters, brand: undefined }).length);
  });

  it("counts only filterable definitions: not a defined non-filter, not an undefined key", async () => {
    const page = await listProductsInCategory([shoes], {}, { offset: 0, limit: 1 });
    expect(new Set(page.attributeCounts.map((r) => r.key))).toEqual(new Set(["size", "colour"]));
  });

  it("a definition turned into a filter is counted on the next page view", async () => {
    await handle.query(`update "attribute_definitions" set "filterable" = true where "key" = 'origin'`);
    try {
      const page = await listProductsInCategory([shoes], {}, { offset: 0, limit: 1 });
      expect(countsOf(page.attributeCounts, "origin")).toEqual(expectedCounts({}, "origin"));
    } finally {
      await handle.query(`update "attribute_definitions" set "filterable" = false where "key" = 'origin'`);
    }
  });

  it("pages through the filtered products", async () => {
    const filters = { attributes: { colour: "zwart" } };
    const first = await listProductsInCategory([shoes], filters, { offset: 0, limit: 3 });
    const second = await listProductsInCategory([shoes], filters, { offset: 3, limit: 3 });
    const names = matching(filters).map((s) => s.name).sort();
    expect([...first.items, ...second.items].map((p) => p.nameNl)).toEqual(names.slice(0, 6));
  });
});

describe("a category with sub-categories", () => {
  it("filters on attributes but offers no attribute facets (they would mix every child's)", async () => {
    const page = await listProductsInCategory(group, { attributes: { size: "43", colour: "zwart" } }, { offset: 0, limit: 50 });
    expect(page.attributeCounts).toEqual([]);
    expect(page.items.map((p) => p.nameNl).sort()).toEqual([...matching({ attributes: { size: "43", colour: "zwart" } }).map((s) => s.name), "Werklaars"].sort());
  });
});

describe("search", () => {
  it("filters on attributes and counts the filterable attributes of the results", async () => {
    const all = await searchProducts("werkschoen", {}, { offset: 0, limit: 50 });
    expect(all.total).toBe(active.length);
    expect(countsOf(all.attributeCounts, "size")).toEqual(expectedCounts({}, "size"));
    expect(countsOf(all.attributeCounts, "origin")).toEqual({});

    const filters = { attributes: { size: "44" } };
    const narrowed = await searchProducts("werkschoen", filters, { offset: 0, limit: 50 });
    expect(narrowed.items.map((p) => p.nameNl).sort()).toEqual(matching(filters).map((s) => s.name).sort());
    // In search the counts cover the filtered results (the candidates are bounded: issue 8).
    expect(countsOf(narrowed.attributeCounts, "size")).toEqual({ "44": matching(filters).length });
  });

  it("a filter that matches nothing finds nothing", async () => {
    const none = await searchProducts("werkschoen", { attributes: { colour: "paars" } }, { offset: 0, limit: 50 });
    expect(none.total).toBe(0);
    expect(none.items).toEqual([]);
  });
});

describe("listAttributeDefinitions", () => {
  it("reads the definitions in position order", async () => {
    expect((await listAttributeDefinitions()).map((d) => d.key)).toEqual(["size", "colour", "origin"]);
  });

  it("reads the definitions of a product's keys only (undefined keys have none)", async () => {
    expect((await listAttributeDefinitionsOf(["colour", "remark", "size"])).map((d) => d.key).sort()).toEqual(["colour", "size"]);
    expect(await listAttributeDefinitionsOf([])).toEqual([]);
  });
});
