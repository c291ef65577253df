import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listProductsForAdmin, listProductsInCategory, searchProducts, type ProductActivity, type ProductFilters } from "@/lib/data/catalog";
import { createCategory, createProduct } from "../support/fixtures";
import { useFreshDatabase } from "../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let parentId: number;
let childIds: number[];

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const parent = await createCategory(handle);
  const children = [await createCategory(handle, { parentId: parent.id }), await createCategory(handle, { parentId: parent.id })];
  parentId = parent.id;
  childIds = children.map((c) => c.id);
  const brands = ["Papyra", "Notara", "Safeguard"];
  for (let i = 0; i < 30; i++) {
    await createProduct(handle, i % 3 === 0 ? parent.id : children[i % 2]!.id, {
      nameNl: `Kopieerpapier ${String(i).padStart(2, "0")}`,
      nameEn: `Copy paper ${i}`,
      brand: brands[i % 3]!,
      stock: i % 4 === 0 ? 0 : 10,
      active: i % 7 !== 0,
    });
  }
});
afterAll(() => db.dispose());

/** The totals as a plain count(*) would give them. */
async function countWhere(categoryIds: number[], filters: ProductFilters): Promise<number> {
  const params: unknown[] = [`{${categoryIds.join(",")}}`];
  let text = "select count(*)::int as n from products where category_id = any($1::int[]) and active";
  if (filters.brand) {
    params.push(filters.brand);
    text += ` and brand = $${params.length}`;
  }
  if (filters.inStock) text += " and stock > 0";
  const [row] = await handle.query<{ n: number }>(text, params);
  return Number(row!.n);
}

describe("listProductsInCategory", () => {
  it.each<[string, ProductFilters]>([
    ["no filter", {}],
    ["in stock", { inStock: true }],
    ["brand", { brand: "Notara" }],
    ["brand and in stock", { brand: "Papyra", inStock: true }],
    ["unknown brand", { brand: "Nobody" }],
    ["empty brand (the form's 'all brands')", { brand: "" }],
  ])("total equals the number of matching products: %s", async (_label, filters) => {
    const ids = [parentId, ...childIds];
    const page = await listProductsInCategory(ids, filters, { offset: 0, limit: 5 });
    expect(page.total).toBe(await countWhere(ids, filters));
    expect(page.items.length).toBe(Math.min(5, page.total));
  });

  it("facets count every brand without the brand filter", async () => {
    const page = await listProductsInCategory([parentId, ...childIds], { brand: "Notara" }, { offset: 0, limit: 24 });
    expect(page.brands.map((b) => b.brand)).toEqual(["Notara", "Papyra", "Safeguard"]);
    expect(page.items.every((p) => p.brand === "Notara")).toBe(true);
  });

  it("orders by Dutch name, then id, across sub-categories", async () => {
    const first = await listProductsInCategory([parentId, ...childIds], {}, { offset: 0, limit: 24 });
    const second = await listProductsInCategory([parentId, ...childIds], {}, { offset: 24, limit: 24 });
    const names = [...first.items, ...second.items].map((p) => p.nameNl);
    expect(names).toEqual([...names].sort());
    expect(new Set([...first.items, ...second.items].map((p) => p.id)).size).toBe(first.total);
  });
});

describe("searchProducts total", () => {
  it("equals the number of matching products and the sum of the facets", async () => {
    const result = await searchProducts("kopieerpapier", {}, { offset: 0, limit: 24 });
    expect(result.total).toBe(await countWhere([parentId, ...childIds], {}));
    expect(result.brands.reduce((sum, b) => sum + b.count, 0)).toBe(result.total);
  });
});

describe("listProductsForAdmin", () => {
  it.each<[ProductActivity, string]>([
    ["all", "true"],
    ["active", "active"],
    ["inactive", "not active"],
  ])("%s: every such product by SKU, a page at a time", async (activity, condition) => {
    const skus = (await handle.query<{ sku: string }>(`select sku from products where ${condition} order by sku`)).map((row) => row.sku);
    const first = await listProductsForAdmin({ activity, offset: 0, limit: 4 });
    const rest = await listProductsForAdmin({ activity, offset: 4, limit: 1000 });
    expect(first.total).toBe(skus.length);
    expect([...first.items, ...rest.items].map((p) => p.sku)).toEqual(skus);
    expect(first.items).toHaveLength(Math.min(4, skus.length));
  });
});
