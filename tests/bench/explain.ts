// EXPLAIN (ANALYZE, BUFFERS) of the app's catalog, search and price queries on the benchmark database,
// built by the same query builders the app uses.
// Usage: npx tsx --conditions=react-server tests/bench/explain.ts [listing|prices|search|cost]
//        (BENCH_DATABASE_URL, TERMS=papier,koppel,… and COMPANY=<id> to override the defaults)
// `cost`: database CPU per search (the backend's utime + stime from /proc, so the database must run on
// this machine) over the benchmark's search terms (tests/bench/workload.ts, or TERMS), per term kind:
// the app's search statement(s) as the app runs them (prepared, typo fallback) against the plain
// reference of the floor (`@@` + ts_rank page plus count(*)). ROUNDS=<n> repetitions (default 30);
// PLANS=1 also lists the connection's prepared statements with their generic/custom plan counts.
import { fillPlaceholders } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { categoryPageQueries, categoryPageShape, categoryPageValues, listCategoriesQuery, readSearchMatch, searchMatchQuery, toPrefixTsQuery, type SearchMatchRow } from "@/lib/data/catalog";
import { contractCandidatesQuery } from "@/lib/data/prices";
import { readFileSync } from "node:fs";
import { loadWorkload } from "./workload";

const url = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/koppel_bench";
const client = postgres(url, { max: 1, onnotice: () => {} });
const db = drizzle(client, { schema }) as unknown as Db;
const page = { offset: 0, limit: 24 };

async function explain(label: string, query: { toSQL(): { sql: string; params: unknown[] } }, placeholders: Record<string, unknown> = {}): Promise<void> {
  const built = query.toSQL();
  const sql = built.sql;
  const params = fillPlaceholders(built.params, placeholders);
  // The first run warms the cache; the second is reported.
  await client.unsafe(`explain (analyze, buffers) ${sql}`, params as never[]);
  const rows = await client.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers) ${sql}`, params as never[]);
  console.log(`\n=== ${label}\n${sql.slice(0, 300)}${sql.length > 300 ? "…" : ""}\nparams: ${JSON.stringify(params).slice(0, 200)}`);
  for (const row of rows) console.log(row["QUERY PLAN"]);
}

const mode = process.argv[2] ?? "all";
// GENERIC=1: explain the generic plan, as the app's prepared statements run after their first executions.
if (process.env.GENERIC) await client.unsafe("set plan_cache_mode = force_generic_plan");
const ids = async (text: string, ...values: unknown[]) => (await client.unsafe<{ id: number }[]>(text, values as never[])).map((r) => r.id);
const [parent] = await ids("select id from categories where parent_id is null order by id limit 1");
const parentIds = [parent!, ...(await ids("select id from categories where parent_id = $1", parent))];
const [leaf] = await ids("select id from categories where parent_id is not null order by id limit 1");
const [company] = process.env.COMPANY ? [Number(process.env.COMPANY)] : await ids("select company_id as id from company_price_lists order by company_id limit 1");

if (mode === "all" || mode === "listing") {
  await explain("categories", listCategoriesQuery(db));
  const cases: [string, number[]][] = [["leaf", [leaf!]], ["parent with sub-categories", parentIds]];
  for (const [label, categoryIds] of cases) {
    const queries = categoryPageQueries(db, categoryPageShape(categoryIds, {}));
    const values = categoryPageValues(categoryIds, {}, page);
    await explain(`listing ${label}: items`, queries.items, values);
    await explain(`listing ${label}: brand facets (and total)`, queries.brands, values);
  }
}
if (mode === "all" || mode === "prices") {
  const items = await categoryPageQueries(db, categoryPageShape(parentIds, {})).items.execute(categoryPageValues(parentIds, {}, page));
  await explain(`contract candidates (company ${company}, ${items.length} products)`, contractCandidatesQuery(db), { companyId: company!, productIds: items.map((p) => p.id) });
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
// The floor's plain reference reads these columns (tests/bench/floor.ts PLAIN_COLUMNS).
const PLAIN_COLUMNS = [
  "id", "sku", "category_id", "name_nl", "name_en", "description_nl", "description_en", "brand", "manufacturer", "manufacturer_part_number",
  "gtin", "unspsc", "unit", "pack_size", "min_order_quantity", "order_multiple", "lead_time_days", "stock", "list_price_minor",
  "list_price_tiers", "currency", "vat_rate_basis_points", "attributes", "active",
].join(", ");
if (mode === "cost") {
  const terms = process.env.TERMS
    ? process.env.TERMS.split(",").map((term) => ({ term, kind: "given" }))
    : (await loadWorkload(client, 1)).searchTerms;
  const [{ pid }] = (await client.unsafe<{ pid: number }[]>("select pg_backend_pid() as pid")) as unknown as [{ pid: number }];
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime, 1/100 s
  };
  // As searchProducts runs it: prepared, the typo fallback when nothing matched.
  const app = async (term: string) => {
    const run = (match: "fulltext" | "fuzzy") => searchMatchQuery(db, term, match, {}, page)!.prepare("catalog_search").execute() as Promise<SearchMatchRow[]>;
    const match = toPrefixTsQuery(term) ? "fulltext" : "fuzzy";
    if (readSearchMatch(await run(match), match, page).mode === "none" && match === "fulltext") await run("fuzzy");
  };
  const plain = async (term: string) => {
    const words = term.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
    if (!words.length) return;
    const tsquery = words.map((w) => `${w}:*`).join(" & ");
    const match = "(to_tsquery('dutch', $1) || to_tsquery('english', $1) || to_tsquery('simple', $1))";
    await client.unsafe(`select ${PLAIN_COLUMNS} from products where search_vector @@ ${match} and active order by ts_rank(search_vector, ${match}) desc, id limit 24`, [tsquery]);
    await client.unsafe(`select count(*) as total from products where search_vector @@ ${match} and active`, [tsquery]);
  };
  const rounds = Number(process.env.ROUNDS ?? 30);
  const kinds = [...new Set(terms.map((t) => t.kind))];
  const totals = { app: 0, plain: 0 };
  console.log("kind            terms   app ms   plain ms   (database CPU per search)");
  for (const kind of kinds) {
    const group = terms.filter((t) => t.kind === kind);
    const result: Record<string, number> = {};
    for (const [name, fn] of [["app", app], ["plain", plain]] as const) {
      for (const { term } of group) await fn(term); // warm up, prepare
      const start = ticks();
      for (let r = 0; r < rounds; r++) for (const { term } of group) await fn(term);
      result[name] = ((ticks() - start) * 10) / (rounds * group.length);
      totals[name] += result[name] * group.length;
    }
    console.log(`${kind.padEnd(15)} ${String(group.length).padStart(5)} ${result.app!.toFixed(2).padStart(8)} ${result.plain!.toFixed(2).padStart(10)}`);
  }
  if (process.env.PLANS) {
    for (const row of await client.unsafe<{ statement: string; generic_plans: number; custom_plans: number }[]>("select statement, generic_plans, custom_plans from pg_prepared_statements"))
      console.log(`${String(row.generic_plans).padStart(6)} generic ${String(row.custom_plans).padStart(6)} custom  ${row.statement.replace(/\s+/g, " ").slice(0, 100)}`);
  }
  console.log(`${"all".padEnd(15)} ${String(terms.length).padStart(5)} ${(totals.app / terms.length).toFixed(2).padStart(8)} ${(totals.plain / terms.length).toFixed(2).padStart(10)}   plain/app ${(totals.plain / totals.app).toFixed(2)}`);
}
await client.end();
