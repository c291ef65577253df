// The floor: a bare node:http + postgres.js server answering the listing and search scenarios with
// the SQL the app sends (built by the same drizzle query builders from lib/data, run without drizzle),
// so app/floor shows what Next.js, React, auth and the page code cost on top of PostgreSQL.
// Usage (started by run.ts): node --conditions=react-server --import tsx tests/bench/floor.ts
import http from "node:http";
import { fillPlaceholders } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { postgresConnection, socketOptions, type Db } from "@/db/client";
import { descendantIds } from "@/lib/catalog/category-tree";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import {
  categoryPageQueries,
  categoryPageShape,
  categoryPageValues,
  listCategoriesQuery,
  readSearchMatch,
  searchMatchQuery,
  type SearchMatchRow,
  toPrefixTsQuery,
  totalFromBrands,
  type ProductRow,
} from "@/lib/data/catalog";
import { contractCandidatesQuery } from "@/lib/data/prices";
import type { Category } from "@/db/schema";
import { resolvePrice, type ContractPriceCandidate } from "@/lib/pricing/resolve-price";

const PAGE_SIZE = 24;
const url = process.env.BENCH_DATABASE_URL;
const port = Number(process.env.BENCH_FLOOR_PORT ?? 3701);
if (!url) throw new Error("BENCH_DATABASE_URL is required");

// Dates and timestamps stay strings, as drizzle's postgres-js driver configures them.
const asText = { serialize: (x: unknown) => x, parse: (x: string) => x };
const connection = postgresConnection(url);
const clientOptions = {
  ...socketOptions(connection),
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  onnotice: () => {},
  types: { date: { to: 1082, from: [1082, 1083, 1114, 1184], ...asText } },
};
const client = postgres(connection.url, clientOptions);
// As the app (db/client.ts): its prepared statements run on a pool that plans each of them once.
const preparedClient = postgres(connection.url, { ...clientOptions, connection: { plan_cache_mode: "force_generic_plan" } });
// Only used to BUILD queries (toSQL); nothing is run through drizzle.
const builder = drizzle.mock({ schema }) as unknown as Db;

interface Built {
  sql: string;
  params: unknown[];
  keys: string[];
}
interface BuildableQuery {
  toSQL(): { sql: string; params: unknown[] };
  _: { selectedFields: Record<string, unknown> };
}

/** Each distinct query is built once with the app's builders, then only executed (a hand-written server's constant SQL). */
const built = new Map<string, Built>();
function build(key: string, make: () => BuildableQuery): Built {
  let entry = built.get(key);
  if (!entry) {
    if (built.size > 100_000) built.clear();
    const query = make();
    const { sql, params } = query.toSQL();
    entry = { sql, params, keys: Object.keys(query._.selectedFields) };
    built.set(key, entry);
  }
  return entry;
}

/** `prepared`: as the app runs that statement (its category, listing, search and price statements are prepared). */
async function run<T>(query: Built, prepared = false): Promise<T[]> {
  const rows = await (prepared ? preparedClient : client).unsafe(query.sql, query.params as never[], { prepare: prepared }).values();
  return rows.map((row) => {
    const object: Record<string, unknown> = {};
    query.keys.forEach((key, i) => (object[key] = row[i]));
    return object as T;
  });
}

/** The app reads the categories on every listing request; so does the floor (same query). */
function categories(): Promise<Category[]> {
  return run<Category>(build("categories", () => listCategoriesQuery(builder) as unknown as BuildableQuery), true);
}

async function candidates(companyId: number, ids: number[]): Promise<Map<number, ContractPriceCandidate[]>> {
  const byProduct = new Map<number, ContractPriceCandidate[]>();
  if (ids.length === 0) return byProduct;
  const query = build("candidates", () => contractCandidatesQuery(builder) as unknown as BuildableQuery);
  const rows = await run<ContractPriceCandidate & { productId: number }>({ ...query, params: fillPlaceholders(query.params, { companyId, productIds: ids }) }, true);
  for (const { productId, ...candidate } of rows) {
    const list = byProduct.get(productId);
    if (list) list.push(candidate);
    else byProduct.set(productId, [candidate]);
  }
  return byProduct;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const euro = (minor: number) => `€ ${(minor / 100).toFixed(2)}`;

async function renderProducts(
  title: string,
  total: number,
  brands: { brand: string; count: number }[],
  items: ProductRow[],
  companyId: number,
  attributeFacets = "",
): Promise<string> {
  const prices = await candidates(companyId, items.map((p) => p.id));
  const now = new Date();
  const rows = items.map((product) => {
    const price = resolvePrice({ product, candidates: prices.get(product.id) ?? [], quantity: smallestValidQuantity(product), now });
    const tiers = price.tiers.length > 1 ? ` <small>${price.tiers.map((t) => `${t.minQuantity}+: ${euro(t.unitPriceMinor)}`).join(", ")}</small>` : "";
    return `<li><a href="/products/${escape(product.sku)}">${escape(product.nameNl)}</a> ${escape(product.sku)} ${euro(price.unitPriceMinor)}${tiers}</li>`;
  });
  const facets = brands.map((b) => `<li>${escape(b.brand)} (${b.count})</li>`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${total} products</p><ul>${facets}</ul><ul>${attributeFacets}</ul><ol>${rows.join("")}</ol></body></html>`;
}

async function listing(slug: string, page: number, companyId: number): Promise<string | null> {
  const all = await categories();
  const category = all.find((c) => c.slug === slug);
  if (!category) return null;
  const offset = (page - 1) * PAGE_SIZE;
  const ids = descendantIds(all, category.id);
  const shape = categoryPageShape(ids, {});
  const values = categoryPageValues(ids, {}, { offset, limit: PAGE_SIZE });
  const key = `listing:${JSON.stringify(shape)}`;
  const items = build(`${key}:items`, () => categoryPageQueries(builder, shape).items as unknown as BuildableQuery);
  const brandsQuery = build(`${key}:brands`, () => categoryPageQueries(builder, shape).brands as unknown as BuildableQuery);
  // The attribute facets of a category without sub-categories, as the app reads them (and shows).
  const attributesQuery = shape.merged ? null : build(`${key}:attributes`, () => categoryPageQueries(builder, shape).attributes as unknown as BuildableQuery);
  const [rows, rawBrands, attributeCounts] = await Promise.all([
    run<ProductRow>({ ...items, params: fillPlaceholders(items.params, values) }, true),
    run<{ brand: string; count: string }>({ ...brandsQuery, params: fillPlaceholders(brandsQuery.params, values) }, true),
    attributesQuery ? run<{ nameNl: string; value: string; count: number }>({ ...attributesQuery, params: fillPlaceholders(attributesQuery.params, values) }, true) : [],
  ]);
  const brands = rawBrands.map((b) => ({ brand: b.brand, count: Number(b.count) }));
  const facets = attributeCounts.map((c) => `<li>${escape(c.nameNl)}: ${escape(c.value)} (${c.count})</li>`).join("");
  return renderProducts(category.nameNl, totalFromBrands(brands), brands, rows, companyId, facets);
}

/** The same steps as searchProducts (lib/data/catalog.ts): one search statement returning the page's products (typo fallback). */
async function search(text: string, page: number, companyId: number): Promise<string> {
  const query = text.trim().slice(0, 200);
  const title = `Zoeken: ${query}`;
  if (!query) return renderProducts(title, 0, [], [], companyId);
  const range = { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE };
  const searchFor = async (match: "fulltext" | "fuzzy") =>
    readSearchMatch(
      await run<SearchMatchRow>(build(`search:${query}:${page}:${match}`, () => searchMatchQuery(builder, query, match, {}, range)! as unknown as BuildableQuery), true),
      match,
      range,
    );
  let found = await searchFor(toPrefixTsQuery(query) ? "fulltext" : "fuzzy");
  if (found.mode === "none" && toPrefixTsQuery(query)) found = await searchFor("fuzzy");
  const facets = found.attributeCounts.map((c) => `<li>${escape(c.nameNl)}: ${escape(c.value)} (${c.count})</li>`).join("");
  return renderProducts(`${title}${found.truncated ? " (bounded)" : ""}`, found.total, found.brands, found.items, companyId, facets);
}

/**
 * The reference the issue compares search against: one plain tsvector/GIN/ts_rank query plus a
 * count, same tsquery, no identifier lookup and no facets.
 */
async function plainSearch(text: string, companyId: number): Promise<string> {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  if (!words.length) return renderProducts("plain", 0, [], [], companyId);
  const tsquery = words.map((w) => `${w}:*`).join(" & ");
  const match = "(to_tsquery('dutch', $1) || to_tsquery('english', $1) || to_tsquery('simple', $1))";
  const [items, [total]] = await Promise.all([
    client.unsafe<ProductRow[]>(
      `select ${PLAIN_COLUMNS} from products where search_vector @@ ${match} and active order by ts_rank(search_vector, ${match}) desc, id limit ${PAGE_SIZE}`,
      [tsquery],
    ),
    client.unsafe<{ total: string }[]>(`select count(*) as total from products where search_vector @@ ${match} and active`, [tsquery]),
  ]);
  return renderProducts(`plain: ${text}`, Number(total?.total ?? 0), [], items, companyId);
}

const PLAIN_COLUMNS = [
  "id", "sku", "category_id", "name_nl", "name_en", "description_nl", "description_en", "brand", "manufacturer", "manufacturer_part_number",
  "gtin", "unspsc", "unit", "pack_size", "min_order_quantity", "order_multiple", "lead_time_days", "stock", "list_price_minor",
  "list_price_tiers", "currency", "vat_rate_basis_points", "attributes", "active",
]
  .map((column) => `${column} as "${column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}"`)
  .join(", ");

const server = http.createServer((request, response) => {
  const requestUrl = new URL(request.url ?? "/", "http://floor");
  const companyId = Number(requestUrl.searchParams.get("company") ?? 0);
  const page = Math.max(1, Number(requestUrl.searchParams.get("page") ?? 1) || 1);
  const answer = (status: number, body: string, type = "text/html; charset=utf-8") => {
    response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
    response.end(body);
  };
  let work: Promise<string | null>;
  if (requestUrl.pathname === "/health") work = client`select 1`.then(() => "ok");
  else if (requestUrl.pathname.startsWith("/catalog/")) work = listing(decodeURIComponent(requestUrl.pathname.slice("/catalog/".length)), page, companyId);
  else if (requestUrl.pathname === "/search") work = search(requestUrl.searchParams.get("q") ?? "", page, companyId);
  else if (requestUrl.pathname === "/search-plain") work = plainSearch(requestUrl.searchParams.get("q") ?? "", companyId);
  else work = Promise.resolve(null);
  work.then(
    (body) => (body === null ? answer(404, "not found", "text/plain") : answer(200, body)),
    (error: unknown) => {
      console.error(error);
      answer(500, "error", "text/plain");
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`[floor] listening on http://127.0.0.1:${port}`));
const stop = () => server.close(() => void Promise.all([client.end({ timeout: 2 }), preparedClient.end({ timeout: 2 })]).finally(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
