// The staff's price lists at a supplier's scale: a general staffel list can serve hundreds of
// customers, so the overview pages in SQL, names the first few customers of a list and counts
// the rest, and still decides a manager's access from all of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companyPriceLists, priceListEntries, priceLists } from "@/db/schema";
import { priceListAccessOf } from "@/lib/admin/access";
import type { StaffUser } from "@/lib/auth/guards";
import { getPriceList, listPriceListOptions, listProductEntries, searchPriceLists } from "@/lib/data/price-lists";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
let productId: number;
const customers: { id: number; name: string }[] = [];
/** Lists by letter: A serves all eight customers, B two of the manager's, C one of another manager's, D nobody. */
const list: Record<"A" | "B" | "C" | "D", number> = { A: 0, B: 0, C: 0, D: 0 };
const tag = `OVZ${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  for (let n = 0; n < 8; n++) {
    const { company } = await createCompanyWithBuyer(handle);
    customers.push({ id: company.id, name: company.name });
  }
  const category = await createCategory(handle);
  productId = (await createProduct(handle, category.id)).id;
  for (const letter of ["A", "B", "C", "D"] as const) {
    const [row] = await handle.db.insert(priceLists).values({ code: `${tag}-${letter}`, name: `Staffel ${letter}` }).returning();
    list[letter] = row!.id;
  }
  // Priorities decide the order the customers are named in: A names customers[7] first.
  await handle.db.insert(companyPriceLists).values([
    ...customers.map((c, i) => ({ companyId: c.id, priceListId: list.A, priority: 80 - i * 10 })),
    { companyId: customers[0]!.id, priceListId: list.B, priority: 20 },
    { companyId: customers[1]!.id, priceListId: list.B, priority: 20 },
    { companyId: customers[6]!.id, priceListId: list.C, priority: 20 },
  ]);
  await handle.db.insert(priceListEntries).values([
    { priceListId: list.A, productId, kind: "fixed", priceMinor: 1000 },
    { priceListId: list.D, productId, kind: "fixed", priceMinor: 900 },
  ]);
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", customers.slice(0, 3).map((c) => c.id));
}, 120_000);
afterAll(() => fresh.dispose());

const page = (staff: StaffUser, query: string, offset = 0, limit = 50, customersShown = 5) =>
  searchPriceLists({ managerId: staff.role === "admin" ? null : staff.id, query, offset, limit, customersShown });
const codes = (rows: { code: string }[]) => rows.map((row) => row.code.slice(tag.length + 1));

describe("searchPriceLists", () => {
  it("names the first customers by priority and counts them all, for an admin", async () => {
    const result = await page(admin, tag);
    expect(result.total).toBe(4);
    expect(codes(result.items)).toEqual(["A", "B", "C", "D"]);
    const a = result.items[0]!;
    expect(a.customerCount).toBe(8);
    expect(a.mineCount).toBe(8);
    expect(a.entryCount).toBe(1);
    expect(a.customers.map((c) => c.id)).toEqual([7, 6, 5, 4, 3].map((i) => customers[i]!.id));
    expect(a.customers.map((c) => c.priority)).toEqual([10, 20, 30, 40, 50]);
    expect(result.items[3]).toMatchObject({ customerCount: 0, mineCount: 0, customers: [], entryCount: 1 });
  });

  it("shows a manager their customers' lists and unassigned ones, with access decided from every customer", async () => {
    const result = await page(manager, tag);
    expect(result.total).toBe(3);
    expect(codes(result.items)).toEqual(["A", "B", "D"]);
    const [a, b, d] = result.items;
    // A: three of its eight customers are the manager's, though none of the five named is.
    expect(a).toMatchObject({ customerCount: 8, mineCount: 3 });
    expect(a!.customers.every((c) => !c.mine)).toBe(true);
    expect(priceListAccessOf(manager, a!)).toBe("view");
    expect(priceListAccessOf(admin, a!)).toBe("edit");
    expect(b).toMatchObject({ customerCount: 2, mineCount: 2 });
    expect(b!.customers.every((c) => c.mine)).toBe(true);
    expect(priceListAccessOf(manager, b!)).toBe("edit");
    expect(priceListAccessOf(manager, d!)).toBe("edit"); // unassigned: whoever sees it may edit it
  });

  it("pages by code with a stable total", async () => {
    const first = await page(admin, tag, 0, 3);
    const second = await page(admin, tag, 3, 3);
    expect(codes(first.items)).toEqual(["A", "B", "C"]);
    expect(codes(second.items)).toEqual(["D"]);
    expect([first.total, second.total]).toEqual([4, 4]);
    expect((await page(admin, tag, 8, 3)).items).toEqual([]);
  });

  it("finds lists by the name of a customer using them, within the manager's scope", async () => {
    const other = customers[6]!.name;
    expect(codes((await page(admin, other)).items)).toEqual(["A", "C"]);
    expect(codes((await page(manager, other)).items)).toEqual(["A"]);
    expect(codes((await page(admin, customers[0]!.name.toLowerCase())).items)).toEqual(["A", "B"]);
  });

  it("finds lists by name case-insensitively, with LIKE wildcards literal", async () => {
    expect((await page(admin, `${tag.toLowerCase()}-c`)).items.map((row) => row.id)).toEqual([list.C]);
    expect((await page(admin, "staffel d")).items.map((row) => row.id)).toEqual([list.D]);
    expect((await page(admin, `${tag}-_`)).total).toBe(0);
    expect((await page(admin, `${tag}%`)).total).toBe(0);
  });
});

describe("the other readers of price lists", () => {
  it("getPriceList names every customer", async () => {
    const a = await getPriceList(list.A, manager.id);
    expect(a).toMatchObject({ customerCount: 8, mineCount: 3 });
    expect(a!.customers.map((c) => c.id)).toEqual([...customers].reverse().map((c) => c.id));
    expect(a!.customers.filter((c) => c.mine).map((c) => c.id).sort()).toEqual(customers.slice(0, 3).map((c) => c.id).sort());
  });

  it("listPriceListOptions offers the lists a manager may see, without counting anything", async () => {
    const ours = (options: { id: number }[]) => options.map((o) => o.id).filter((id) => Object.values(list).includes(id));
    expect(ours(await listPriceListOptions(null))).toEqual([list.A, list.B, list.C, list.D]);
    expect(ours(await listPriceListOptions(manager.id))).toEqual([list.A, list.B, list.D]);
  });

  it("listProductEntries names the first customers of each list and counts them", async () => {
    const entries = await listProductEntries(productId, manager.id, 2);
    expect(entries.map((e) => e.list.id)).toEqual([list.A, list.D]);
    expect(entries[0]!.list.customers).toHaveLength(2);
    expect(entries[0]!.list).toMatchObject({ customerCount: 8, mineCount: 3 });
    expect(priceListAccessOf(manager, entries[0]!.list)).toBe("view");
  });
});
