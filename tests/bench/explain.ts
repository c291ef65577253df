// EXPLAIN (ANALYZE, BUFFERS) of the app's catalog, search and price queries on the benchmark database,
// built by the same query builders the app uses.
// Usage: npx tsx --conditions=react-server tests/bench/explain.ts [listing|prices|search]
//        (BENCH_DATABASE_URL, TERMS=papier,koppel,… and COMPANY=<id> to override the defaults)
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { categoryPageQueries, listCategoriesQuery, readSearchMatch, searchMatchQuery, toPrefixTsQuery } from "@/lib/data/catalog";
import { contractCandidatesQuery } from "@/lib/data/prices";

const url = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/koppel_bench";
const client = postgres(url, { max: 1, onnotice: () => {} });
const db = drizzle(client, { schema }) as unknown as Db;
const page = { offset: 0, limit: 24 };

async function explain(label: string, query: { toSQL(): { sql: string; params: unknown[] } }): Promise<void> {
  const { sql, params } = query.toSQL();
  // The first run warms the cache; the second is reported.
  await client.unsafe(`explain (analyze, buffers) ${sql}`, params as never[]);
  const rows = await client.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) ${sql}`, params as never[]);
  console.log(`\n=== ${label}\n${sql.slice(0, 300)}${sql.length > 300 ? "…" : ""}\nparams: ${JSON.stringify(params).slice(0, 200)}`);
  for (const row of rows) console.log(row["QUERY PLAN"]);
}

const mode = process.argv[2] ?? "all";
const ids = async (text: string, ...values: unknown[]) => (await client.unsafe<{ id: number }[]>(text, values as never[])).map((r) => r.id);
const [parent] = await ids("select id from categories where parent_id is null order by id limit 1");
const parentIds = [parent!, ...(await ids("select id from categories where parent_id = $1", parent))];
const [leaf] = await ids("select id from categories where parent_id is not null order by id limit 1");
const [company] = process.env.COMPANY ? [Number(process.env.COMPANY)] : await ids("select company_id as id from company_price_lists order by company_id limit 1");

if (mode === "all" || mode === "listing") {
  await explain("categories", listCategoriesQuery(db));
  const cases: [string, number[]][] = [["leaf", [leaf!]], ["parent with sub-categories", parentIds]];
  for (const [label, categoryIds] of cases) {
    const queries = categoryPageQueries(db, categoryIds, {}, page);
    await explain(`listing ${label}: items`, queries.items);
    await explain(`listing ${label}: brand facets (and total)`, queries.brands);
  }
}
if (mode === "all" || mode === "prices") {
  const items = await categoryPageQueries(db, parentIds, {}, page).items;
  await explain(`contract candidates (company ${company}, ${items.length} products)`, contractCandidatesQuery(db, company!, items.map((p) => p.id)));
}
if (mode === "all" || mode === "search") {
  for (const term of (process.env.TERMS ?? "papier,gloves,handschoenen,koppel,KP-012345,handschonen").split(",")) {
    let match: "fulltext" | "fuzzy" = toPrefixTsQuery(term) ? "fulltext" : "fuzzy";
    let query = searchMatchQuery(db, term, match, {}, page);
    if (!query) continue;
    await explain(`search "${term}" (${match})`, query);
    if (match === "fulltext" && readSearchMatch((await query) as never, match, page).mode === "none") {
      match = "fuzzy";
      query = searchMatchQuery(db, term, match, {}, page)!;
      await explain(`search "${term}" (fuzzy)`, query);
    }
  }
}
await client.end();
