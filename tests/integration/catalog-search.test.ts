import { eq, sql } from "drizzle-orm";
import { products } from "@/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { SEARCH_CANDIDATE_LIMIT, searchProducts, skuFragment, spacedSkuKey, toPrefixTsQuery, toSearchTsQuery } from "@/lib/data/catalog";
import { createCategory, createProduct } from "../support/fixtures";
import { useFreshDatabase } from "../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const page = { offset: 0, limit: 24 };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  await createProduct(handle, category.id, {
    sku: "000123",
    gtin: "8712345678906",
    manufacturerPartNumber: "HP-A4-80",
    nameNl: "Kopieerpapier A4 80 g/m² wit, 500 vel",
    nameEn: "Copy paper A4 80 gsm white, 500 sheets",
    brand: "Papyra",
    stock: 0,
  });
  await createProduct(handle, category.id, {
    nameNl: "Schrijfblok A4 gelinieerd",
    nameEn: "Writing pad A4 ruled",
    brand: "Notara",
    descriptionNl: "Blok met gelinieerd papier, 100 vellen.",
    descriptionEn: "Pad of ruled paper, 100 sheets.",
  });
  await createProduct(handle, category.id, { nameNl: "Nitril handschoenen maat L", nameEn: "Nitrile gloves size L", brand: "Safeguard" });
  // Shares a word with the exact hit's part number, so the exact hit must still come first.
  await createProduct(handle, category.id, { nameNl: "Papierbak 000123 editie", nameEn: "Paper bin 000123 edition" });
});
afterAll(() => db.dispose());

describe("searchProducts", () => {
  it.each([
    { label: "exact SKU with leading zeros", query: "000123", first: "000123", mode: "exact" },
    { label: "exact GTIN", query: "8712345678906", first: "000123", mode: "exact" },
    { label: "manufacturer part number, case-insensitive", query: "hp-a4-80", first: "000123", mode: "exact" },
  ])("$label ranks the identifier hit first", async ({ query, first, mode }) => {
    const result = await searchProducts(query, {}, page);
    expect(result.mode).toBe(mode);
    expect(result.items[0]?.sku).toBe(first);
  });

  it.each([
    { label: "Dutch word", query: "kopieerpapier", expectName: "Kopieerpapier A4 80 g/m² wit, 500 vel" },
    { label: "English word", query: "gloves", expectName: "Nitril handschoenen maat L" },
    { label: "prefix while typing", query: "handsch", expectName: "Nitril handschoenen maat L" },
    { label: "Dutch plural stemmed", query: "handschoen", expectName: "Nitril handschoenen maat L" },
    { label: "brand", query: "notara", expectName: "Schrijfblok A4 gelinieerd" },
  ])("full text: $label", async ({ query, expectName }) => {
    const result = await searchProducts(query, {}, page);
    expect(result.mode).toBe("fulltext");
    expect(result.items.map((p) => p.nameNl)).toContain(expectName);
  });

  it("falls back to trigram similarity for typos", async () => {
    const result = await searchProducts("handschonen", {}, page);
    expect(result.mode).toBe("fuzzy");
    expect(result.items[0]?.nameNl).toBe("Nitril handschoenen maat L");
  });

  it("applies filters (in stock, brand)", async () => {
    expect((await searchProducts("papier", { inStock: true }, page)).items.map((p) => p.sku)).not.toContain("000123");
    const byBrand = await searchProducts("a4", { brand: "Notara" }, page);
    expect(byBrand.items.map((p) => p.brand)).toEqual(["Notara"]);
  });

  it("treats tsquery operators in user input as plain text", async () => {
    expect(toPrefixTsQuery("a & b | !c <-> 'd':*")).toBe("a:* & b:* & c:* & d:*");
    await expect(searchProducts("&|!():*<->", {}, page)).resolves.toMatchObject({ total: 0, mode: "none" });
  });

  it("finds nothing for an empty query", async () => {
    expect(await searchProducts("   ", {}, page)).toMatchObject({ total: 0, items: [] });
  });

  it("answers full-text and trigram predicates from indexes, not table scans", async () => {
    // Forbid sequential scans so the planner must show an index that can answer each predicate; and
    // plain/index-only scans, or it may read all of products_category_name_idx (which holds name_nl)
    // and filter, which answers nothing from an index either.
    const plan = (query: string) =>
      handle.db.transaction(async (tx) => {
        await tx.execute(sql.raw("set local enable_seqscan = off"));
        await tx.execute(sql.raw("set local enable_indexonlyscan = off"));
        await tx.execute(sql.raw("set local enable_indexscan = off"));
        return JSON.stringify(await tx.execute(sql.raw(`explain (format json) ${query}`)));
      });
    const fts = await plan(
      "select id from products where search_vector @@ (to_tsquery('dutch', 'papier:*') || to_tsquery('english', 'papier:*'))",
    );
    expect(fts).toContain("products_search_idx");
    const trigram = await plan("select id from products where 'handschonen' <% name_nl");
    expect(trigram).toContain("products_name_nl_trgm_idx");
    const sku = await plan("select id from products where sku = '000123'");
    expect(sku).toContain("products_sku_unique");
    // Name matches (taken first) come from the name-only index: no weight recheck on the heap.
    const names = await plan(
      "select id from products where (to_tsvector('dutch', name_nl) || to_tsvector('english', name_en)) @@ to_tsquery('dutch', 'papier:*')",
    );
    expect(names).toContain("products_name_search_idx");
    // A SKU fragment anywhere in the SKU, whatever the case.
    expect(await plan("select id from products where regexp_replace(upper(sku), '[^A-Z0-9]', '', 'g') like '%KP0002%'")).toContain("products_sku_key_trgm_idx");
  });
});

describe("searchProducts: SKU fragments", () => {
  beforeAll(async () => {
    const category = await createCategory(handle);
    for (const sku of ["KP-TEST-02", "KP-TEST-01", "KP-000279"]) await createProduct(handle, category.id, { sku, nameNl: `Artikel ${sku}`, nameEn: `Product ${sku}` });
    await createProduct(handle, category.id, { sku: "KP-TEST-09", nameNl: "Artikel uit het assortiment", nameEn: "Product no longer sold", active: false });
  });

  it.each([
    { activity: undefined, skus: ["KP-TEST-01", "KP-TEST-02"] },
    { activity: "active" as const, skus: ["KP-TEST-01", "KP-TEST-02"] },
    { activity: "all" as const, skus: ["KP-TEST-01", "KP-TEST-02", "KP-TEST-09"] },
    { activity: "inactive" as const, skus: ["KP-TEST-09"] },
  ])("the shop finds active products; the back office asks for $activity", async ({ activity, skus }) => {
    const result = await searchProducts("kp-test", activity ? { activity } : {}, page);
    expect(result.items.map((p) => p.sku).filter((sku) => sku.startsWith("KP-TEST"))).toEqual(skus);
  });

  it.each([
    { query: "kp-test", skus: ["KP-TEST-01", "KP-TEST-02"] },
    { query: "KP-TEST-0", skus: ["KP-TEST-01", "KP-TEST-02"] },
    { query: "ST-02", skus: ["KP-TEST-02"] },
    { query: "000279", skus: ["KP-000279"] },
    { query: "KP-0002", skus: ["KP-000279"] },
    { query: "kp000279", skus: ["KP-000279"] },
  ])("$query finds the SKUs containing it, by SKU, as identifier hits", async ({ query, skus }) => {
    const result = await searchProducts(query, {}, page);
    expect(result.mode).toBe("exact");
    // First, in SKU order (their names hold the text too); then whatever else the text finds.
    expect(result.items.slice(0, skus.length).map((p) => p.sku)).toEqual(skus);
  });

  it.each(["KP 000279", "kp 000 279", "KP-000 279"])("%s: a SKU typed with spaces is that SKU", async (query) => {
    const result = await searchProducts(query, {}, page);
    expect(result.mode).toBe("exact");
    expect(result.items.map((p) => p.sku)).toEqual(["KP-000279"]);
  });

  it.each([
    { query: "KP 000279", key: "KP000279" },
    { query: "kp 00-0279", key: "KP000279" },
    { query: "a4 80 g", key: "A480G" },
    { query: "KP-000279", key: null },
    { query: "papier a4", key: null },
    { query: "pedaalemmerzakken 30", key: null },
    { query: "kp test", key: null },
    { query: "1 2 3 4 5", key: null },
  ])("only 2–4 short or numbered words make a SKU with spaces: $query", ({ query, key }) => {
    expect(spacedSkuKey(query)).toBe(key);
  });

  it("the exact SKU comes before the SKUs that merely contain it", async () => {
    const result = await searchProducts("KP-TEST-01", {}, page);
    expect(result.items[0]?.sku).toBe("KP-TEST-01");
  });

  it.each([
    { query: "KP-0002", fragment: "KP0002" },
    { query: "kp000279", fragment: "KP000279" },
    { query: "000279", fragment: "000279" },
    { query: "--1", fragment: null },
    { query: "kopieerpapier", fragment: null },
    { query: "papier a4", fragment: null },
    { query: "a4", fragment: null },
  ])("only one token with a digit or a hyphen is a fragment: $query", ({ query, fragment }) => {
    expect(skuFragment(query)).toBe(fragment);
  });
});

describe("searchProducts: Dutch compound words", () => {
  beforeAll(async () => {
    const category = await createCategory(handle);
    for (const [nameNl, nameEn] of [
      ["Werkhandschoenen leder maat 9", "Work gloves leather size 9"],
      ["Montagehandschoen nylon maat 8", "Assembly glove nylon size 8"],
      ["Schuurpapier korrel 120", "Sandpaper grit 120"],
      ["Bouwlamp LED 20 W", "Site light LED 20 W"],
      ["Clamp voor buis", "Pipe clamp"],
      ["Openhaardborstel", "Fireplace brush"],
    ]) {
      await createProduct(handle, category.id, { nameNl: nameNl!, nameEn: nameEn! });
    }
  });
  const names = async (query: string) => (await searchProducts(query, {}, { offset: 0, limit: 50 })).items.map((p) => p.nameNl);

  it.each([
    { query: "handschoenen", finds: ["Nitril handschoenen maat L", "Werkhandschoenen leder maat 9", "Montagehandschoen nylon maat 8"] },
    { query: "handschoen", finds: ["Nitril handschoenen maat L", "Werkhandschoenen leder maat 9", "Montagehandschoen nylon maat 8"] },
    { query: "papier", finds: ["Kopieerpapier A4 80 g/m² wit, 500 vel", "Schuurpapier korrel 120"] },
    { query: "lamp", finds: ["Bouwlamp LED 20 W"] },
  ])("a word finds the compounds ending in it: $query", async ({ query, finds }) => {
    expect(await names(query)).toEqual(expect.arrayContaining(finds));
  });

  it.each([
    { query: "lamp", not: "Clamp voor buis", why: "a one-letter modifier is no compound" },
    { query: "haard", not: "Openhaardborstel", why: "the word must end the compound (up to a plural or diminutive ending)" },
    { query: "handschoenen leder", not: "Montagehandschoen nylon maat 8", why: "every typed word must still match" },
  ])("but not: $not for $query ($why)", async ({ query, not }) => {
    expect(await names(query)).not.toContain(not);
  });

  it("the rest of the words keep their rules: numbers exact, short words as prefixes", async () => {
    expect(await names("handschoenen 9")).toEqual(["Werkhandschoenen leder maat 9"]);
    expect(await names("werkhand")).toEqual(["Werkhandschoenen leder maat 9"]);
  });
});

describe("searchProducts: numbers and typo correction", () => {
  beforeAll(async () => {
    const category = await createCategory(handle);
    await createProduct(handle, category.id, { nameNl: "Afvalzak 30 liter grijs", nameEn: "Waste bag 30 litre grey" });
    await createProduct(handle, category.id, { nameNl: "Afvalzak 300 liter grijs", nameEn: "Waste bag 300 litre grey" });
    await createProduct(handle, category.id, { nameNl: "Zeepdispenser wit", nameEn: "Soap dispenser white" });
  });

  it("a number matches itself, not every number it begins; words still match as prefixes", async () => {
    expect(toSearchTsQuery("Afvalzak 30-voudig")).toBe("afvalzak:* & 30 & voudig:*");
    expect((await searchProducts("afvalzak 30", {}, page)).items.map((p) => p.nameNl)).toEqual(["Afvalzak 30 liter grijs"]);
    expect((await searchProducts("afvalzak 300", {}, page)).items.map((p) => p.nameNl)).toEqual(["Afvalzak 300 liter grijs"]);
    expect((await searchProducts("afvalz", {}, page)).items.map((p) => p.nameNl).sort()).toEqual(["Afvalzak 30 liter grijs", "Afvalzak 300 liter grijs"]);
  });

  it("the typo fallback replaces each mistyped word by the closest name word, numbers as typed", async () => {
    const result = await searchProducts("afvalzk 300", {}, page);
    expect(result.mode).toBe("fuzzy");
    expect(result.items.map((p) => p.nameNl)).toEqual(["Afvalzak 300 liter grijs"]);
    await expect(searchProducts("qxqxqxqx", {}, page)).resolves.toMatchObject({ total: 0, mode: "none" });
  });

  it("knows the words of a renamed product (search_words follows products)", async () => {
    const [row] = await handle.db.select({ id: products.id }).from(products).where(eq(products.nameNl, "Zeepdispenser wit"));
    await handle.db.update(products).set({ nameNl: "Schuimzeepdispenser wit" }).where(eq(products.id, row!.id));
    const result = await searchProducts("schuimzeepdispensr", {}, page);
    expect(result.mode).toBe("fuzzy");
    expect(result.items.map((p) => p.nameNl)).toEqual(["Schuimzeepdispenser wit"]);
  });
});

describe("searchProducts on a broad term (more matches than SEARCH_CANDIDATE_LIMIT)", () => {
  const NAMED = 5;
  beforeAll(async () => {
    const category = await createCategory(handle);
    // Inserted first (lower ids): products that mention the word only in their description…
    for (let i = 0; i < SEARCH_CANDIDATE_LIMIT + 10; i++) {
      await createProduct(handle, category.id, {
        brand: i % 2 ? "Zwaluw A" : "Zwaluw B",
        descriptionNl: `Past bij elke zwaluwstaartverbinding (${i}).`,
        descriptionEn: "Fits every joint.",
      });
    }
    // …then the ones named after it: they must still be among the ranked candidates, first.
    for (let i = 0; i < NAMED; i++) await createProduct(handle, category.id, { nameNl: `Zwaluwstaartfrees ${i}`, brand: "Zwaluw C" });
  }, 120_000);

  it("ranks a bounded candidate set, name matches first, and says the total is a lower bound", async () => {
    const result = await searchProducts("zwaluwstaart", {}, page);
    expect(result.mode).toBe("fulltext");
    expect(result.truncated).toBe(true);
    expect(result.total).toBe(SEARCH_CANDIDATE_LIMIT);
    expect(result.items.slice(0, NAMED).map((p) => p.brand)).toEqual(Array(NAMED).fill("Zwaluw C"));
    expect(result.brands.map((b) => b.brand)).toEqual(["Zwaluw A", "Zwaluw B", "Zwaluw C"]);
  });

  it("is exact again below the bound (a brand filter narrows the matches)", async () => {
    const result = await searchProducts("zwaluwstaart", { brand: "Zwaluw C" }, page);
    expect([result.truncated, result.total, result.items.length]).toEqual([false, NAMED, NAMED]);
  });

  it("a page beyond the bound widens it rather than running dry", async () => {
    const all = SEARCH_CANDIDATE_LIMIT + 10 + NAMED;
    const result = await searchProducts("zwaluwstaart", {}, { offset: SEARCH_CANDIDATE_LIMIT, limit: 24 });
    expect([result.truncated, result.total, result.items.length]).toEqual([false, all, all - SEARCH_CANDIDATE_LIMIT]);
  });
});
