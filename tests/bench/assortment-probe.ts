// One-off probe (not part of the harness): what the contract-assortment statements cost on the
// benchmark's 100,000-product database, for a customer whose price lists hold thousands of entries.
import { calendarDate } from "@/lib/pricing/calendar-date";
import { listCategories, listProductsInCategory, searchProducts } from "@/lib/data/catalog";
import { countContractAssortment, listContractCategoryIds } from "@/lib/data/customer-assortment";
import { database } from "@/lib/data/database";
import { descendantIds } from "@/lib/catalog/category-tree";
import { sql } from "drizzle-orm";

async function time(label: string, run: () => Promise<unknown>, rounds = 30) {
  await run();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await run();
  console.log(`${label.padEnd(52)} ${((performance.now() - started) / rounds).toFixed(2)} ms`);
}

const db = await database();
const [row] = (await db.execute(sql`select cpl.company_id as id, count(*)::int as entries from company_price_lists cpl join price_list_entries e on e.price_list_id = cpl.price_list_id group by 1 order by 2 desc limit 1`)) as unknown as { id: number; entries: number }[];
const companyId = Number(row!.id);
console.log(`company ${companyId}: ${row!.entries} entries`);
const contract = { companyId, day: calendarDate(new Date()) };
const categories = await listCategories();
const leaf = categories.find((c) => c.parentId !== null)!;
const parent = categories.find((c) => c.parentId === null)!;
const page = { offset: 0, limit: 24 };
await time("category (leaf), whole catalogue", () => listProductsInCategory([leaf.id], {}, page));
await time("category (leaf), contract", () => listProductsInCategory([leaf.id], { contract }, page));
await time("category (parent, merged), whole catalogue", () => listProductsInCategory(descendantIds(categories, parent.id), {}, page));
await time("category (parent, merged), contract", () => listProductsInCategory(descendantIds(categories, parent.id), { contract }, page));
await time("category page 20 (leaf), contract", () => listProductsInCategory([leaf.id], { contract }, { offset: 19 * 24, limit: 24 }));
for (const term of ["papier", "handschoen nitril", "a4"]) {
  await time(`search "${term}", whole catalogue`, () => searchProducts(term, {}, page));
  await time(`search "${term}", contract`, () => searchProducts(term, { contract }, page));
}
await time("navigation categories, contract", () => listContractCategoryIds(contract));
await time("contract assortment count (pricing tab)", () => countContractAssortment(companyId, contract.day), 10);
console.log(`count = ${await countContractAssortment(companyId, contract.day)}`);
process.exit(0);
