import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import { categoryPageQueries, listCategoriesQuery, searchExactQuery, searchMatchQuery, toPrefixTsQuery } from "@/lib/data/catalog";
import { contractCandidatesQuery } from "@/lib/data/prices";

const url = process.env.URL ?? "postgres://postgres@127.0.0.1:5432/koppel_bench";
const client = postgres(url, { max: 1, onnotice: () => {} });
const db = drizzle(client, { schema }) as any;
const page = { offset: 0, limit: 24 };
async function explain(label: string, q: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = q.toSQL();
  // run twice to warm cache, report second
  await client.unsafe(`explain (analyze, buffers) ${sql}`, params as any[]);
  const rows = await client.unsafe(`explain (analyze, buffers) ${sql}`, params as any[]);
  console.log(`\n=== ${label}\n${sql.slice(0, 300)}${sql.length > 300 ? "…" : ""}\nparams: ${JSON.stringify(params).slice(0, 200)}`);
  for (const r of rows) console.log((r as any)["QUERY PLAN"]);
}
const mode = process.argv[2] ?? "all";
const parent = (await client`select id from categories where slug='gereedschap-onderhoud'`)[0]!.id;
const parentIds = [parent, ...(await client`select id from categories where parent_id=${parent}`).map((r: any) => r.id)];
const leaf = (await client`select id from categories where slug='labapparatuur'`)[0]!.id;
if (mode === "all" || mode === "listing") {
  await explain("categories", listCategoriesQuery(db));
  for (const [label, ids] of [["leaf", [leaf]], ["parent", parentIds]] as const) {
    const q = categoryPageQueries(db, ids as number[], {}, page);
    await explain(`listing ${label} items`, q.items);
    await explain(`listing ${label} brands`, q.brands);
  }
}
if (mode === "all" || mode === "prices") {
  const q = categoryPageQueries(db, parentIds, {}, page);
  const items = await q.items;
  await explain("contract candidates (company 8, 24 products)", contractCandidatesQuery(db, 8, items.map((p: any) => p.id)));
}
if (mode === "all" || mode === "search") {
  for (const term of (process.env.TERMS ?? "papier,gloves,handschoenen,koppel,KP-012345,8710000123452,schroevendraaier,handschonen").split(",")) {
    const exact = searchExactQuery(db, term, {});
    await explain(`search "${term}" exact`, exact);
    const exactIds = (await exact).map((r: any) => r.id);
    let match: "fulltext" | "fuzzy" | null = toPrefixTsQuery(term) ? "fulltext" : null;
    let q = searchMatchQuery(db, term, { exactIds, match }, {}, page);
    if (!q) continue;
    await explain(`search "${term}" matches (${match})`, q);
    const [row] = await q;
    if (match && !exactIds.length && !(row?.brands ?? []).length) {
      match = "fuzzy";
      q = searchMatchQuery(db, term, { exactIds, match }, {}, page)!;
      await explain(`search "${term}" matches (fuzzy)`, q);
    }
  }
}
await client.end();
