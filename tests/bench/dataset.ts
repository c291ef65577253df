import { readFileSync } from "node:fs";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { insertAttributeDefinitions, seedDemoData } from "@/db/seed/demo-data";
import { hashPassword } from "@/lib/auth/password";
import { assertBenchDatabase, type BenchConfig } from "./config";

/** Bump when the generated shape changes: an existing database with another marker is regenerated. */
const SHAPE_VERSION = 2;
const MARKER_PREFIX = "koppel-bench ";

export const BENCH_CUSTOMERS = 1000;
export const BENCH_PRICE_LISTS = 200;
export const BUYER_PASSWORD = "bench-buyer-password";
/**
 * Every bench customer also punches out over cXML through a network hub, as a supplier's customers do
 * (Ariba Network and the like): its own From identities, the hub as Sender with one shared secret.
 * Scenarios 5 and 8 send as these customers (workload.ts hubCxmlParty), so what authenticating among
 * 1,001 cXML connections costs shows there; the transfer scenario uses the demo's own connection.
 */
export const BENCH_CXML_HUB = { sender: { domain: "NetworkID", identity: "AN-BENCH-HUB" }, sharedSecret: "bench-hub-secret" } as const;
export const buyerEmail = (n: number) => `buyer${String(n).padStart(4, "0")}@bench.koppel.test`;

export interface DatasetShape {
  version: number;
  products: number;
  customers: number;
  priceLists: number;
}

export interface DatasetInfo {
  shape: DatasetShape;
  reused: boolean;
  generationSeconds: number | null;
  counts: Record<string, number>;
}

type Sql = postgres.Sql;

function expectedShape(config: BenchConfig): DatasetShape {
  return { version: SHAPE_VERSION, products: config.productCount, customers: BENCH_CUSTOMERS, priceLists: BENCH_PRICE_LISTS };
}

/**
 * The benchmark dataset in its own database: reused when its marker (a COMMENT ON DATABASE) names
 * the same shape, otherwise the database is dropped, re-created, migrated, seeded with the demo
 * generator and extended with the B2B shape in set-based SQL.
 */
export async function prepareDataset(config: BenchConfig, log: (line: string) => void): Promise<DatasetInfo> {
  const { name, adminUrl } = assertBenchDatabase(config.databaseUrl);
  const shape = expectedShape(config);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  let reused = false;
  try {
    const [db] = await admin<{ comment: string | null }[]>`
      select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`;
    const marker = db?.comment?.startsWith(MARKER_PREFIX) ? safeJson(db.comment.slice(MARKER_PREFIX.length)) : null;
    reused = !!db && JSON.stringify(marker) === JSON.stringify(shape);
    if (!reused) {
      if (db) log(`database ${name} holds ${marker ? JSON.stringify(marker) : "no benchmark marker"}: re-creating it`);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }

  // Migrations run every time (idempotent): a reused dataset follows new migrations too.
  const handle = await openDatabase({ url: config.databaseUrl, maxConnections: 2 });
  let generationSeconds: number | null = null;
  try {
    await migrateDatabase(handle);
    if (reused) {
      // A dataset generated before the seed defined attribute keys gets their definitions (the rest
      // of the seed is unchanged, so the marker stays); keys already defined are left alone.
      const added = await insertAttributeDefinitions(handle.db);
      if (added > 0) log(`added ${added} attribute definitions to the reused dataset`);
    } else {
      const started = performance.now();
      log(`generating ${config.productCount.toLocaleString("en")} products with the demo seed generator…`);
      await seedDemoData(handle, { productCount: config.productCount, hashPassword, now: new Date() });
      log(`  demo seed done in ${seconds(started)} s; adding ${BENCH_CUSTOMERS} customers, ${BENCH_PRICE_LISTS} price lists…`);
      const sql = postgres(config.databaseUrl, { max: 1, onnotice: () => {} });
      try {
        const hash = await hashPassword(BUYER_PASSWORD);
        const hubHash = await hashPassword(BENCH_CXML_HUB.sharedSecret);
        await sql.begin((tx) => addBenchShape(tx as unknown as Sql, config.productCount, hash, hubHash));
        await vacuumFilledTables(sql);
        await sql.unsafe(`comment on database "${name}" is '${MARKER_PREFIX}${JSON.stringify(shape)}'`);
      } finally {
        await sql.end({ timeout: 5 });
      }
      generationSeconds = Number(seconds(started));
      log(`dataset generated in ${generationSeconds} s`);
    }
  } finally {
    await handle.close();
  }

  const sql = postgres(config.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await resetVolatileState(sql);
    const counts: Record<string, number> = {};
    for (const table of ["products", "categories", "companies", "users", "price_lists", "price_list_entries", "company_price_lists", "punchout_connections"]) {
      const [row] = await sql.unsafe<{ n: string }[]>(`select count(*)::text as n from ${table}`);
      counts[table] = Number(row!.n);
    }
    const [tiers] = await sql<{ list: string; contract: string }[]>`
      select (select count(*) from products where list_price_tiers <> '[]'::jsonb)::text as list,
             (select count(distinct product_id) from price_list_entries where tiers <> '[]'::jsonb)::text as contract`;
    counts.products_with_list_tiers = Number(tiers!.list);
    counts.products_with_contract_tiers = Number(tiers!.contract);
    return { shape, reused, generationSeconds, counts };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * VACUUM ANALYZE of the tables the generation filled — VACUUM too: a fresh table has no visibility
 * map, so index-only scans (brand facets) would visit the heap until autovacuum got to it. The empty
 * ones (orders, purchase orders, invoices…) are left "never analyzed", as on a newly deployed
 * database: analyzed or vacuumed while empty, PostgreSQL knows them as empty, the prepared-statement
 * pool's generic plans made at their first execution scan them sequentially, and with autovacuum off
 * (as on the CI machines) nothing re-plans them while the scenario fills them: the first OrderRequest
 * run after a generation fell to 182 / 127 req/s with 5.9 ms of database CPU per order (BENCHMARKS.md,
 * "Twelfth pass").
 */
async function vacuumFilledTables(sql: Sql): Promise<void> {
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 1`;
  const filled: string[] = [];
  for (const { name } of tables) {
    const [row] = await sql.unsafe<{ filled: boolean }[]>(`select exists (select 1 from "${name.replaceAll('"', '""')}") as filled`);
    if (row?.filled) filled.push(`"${name.replaceAll('"', '""')}"`);
  }
  if (filled.length > 0) await sql.unsafe(`vacuum analyze ${filled.join(", ")}`);
}

/**
 * Carts, punchout sessions and logs left by an earlier run: every run starts from the same state.
 * Not analyzed afterwards: TRUNCATE leaves them "never analyzed", and PostgreSQL then assumes a few
 * pages and plans index lookups, as on a newly deployed database. Analyzed while empty, every plan
 * made before the next autoanalyze is a sequential scan, and a generic plan (the prepared-statement
 * pool makes them at once) keeps it as the tables fill during the scenario: cXML setup's second run
 * fell to 261-263 req/s with twice the database CPU (BENCHMARKS.md, "Eleventh pass").
 */
async function resetVolatileState(sql: Sql): Promise<void> {
  await sql`truncate table cart_lines, carts, punchout_transfer_lines, punchout_transfers, punchout_sessions, protocol_messages, login_throttle cascade`;
}

/**
 * 1,000 customers with one buyer each, 200 price lists each overriding 2 %–10 % of the catalog
 * (2,000–10,000 products at 100k) with fixed prices and discounts, some windows, tiers on 10 % of the
 * products, 1–3 lists per customer with priorities, and a cXML connection per customer (BENCH_CXML_HUB).
 * All set-based.
 */
async function addBenchShape(sql: Sql, productCount: number, passwordHash: string, hubSecretHash: string): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  await sql`
    insert into companies (name, kvk_number, vat_id, peppol_scheme, peppol_id, country_code, payment_terms_days, delivery_terms, created_at)
    select format('Benchklant %s B.V.', lpad(g::text, 4, '0')), (80000000 + g)::text, format('NL%sB01', 700000000 + g),
           '0106', (80000000 + g)::text, 'NL', 30, 'DAP', now()
    from generate_series(1, ${BENCH_CUSTOMERS}) g`;
  await sql`create temp table bench_customer on commit drop as
    select id as company_id, row_number() over (order by id)::int as n from companies where name like 'Benchklant %'`;
  await sql`
    insert into addresses (company_id, kind, label, name, street, postal_code, city, country_code, is_default)
    select c.company_id, k.kind, k.label, format('Benchklant %s B.V.', lpad(c.n::text, 4, '0')), format('Industrieweg %s', c.n),
           '3542 AD', 'Utrecht', 'NL', true
    from bench_customer c cross join (values ('bill_to', 'Administratie'), ('ship_to', 'Magazijn')) as k(kind, label)`;
  await sql`
    insert into users (email, name, password_hash, role, company_id, locale, created_at)
    select format('buyer%s@bench.koppel.test', lpad(n::text, 4, '0')), format('Inkoper %s', n), ${passwordHash}, 'buyer', company_id,
           case when n % 4 = 0 then 'en' else 'nl' end, now()
    from bench_customer`;
  await sql`
    insert into punchout_connections (company_id, protocol, name, preset_id, enabled, environment, secret_hash, cxml_from, cxml_to, cxml_sender,
                                      allowed_return_origins, technical_user_id, settings)
    select c.company_id, 'cxml', 'Ariba Network', 'ariba', true, 'production', ${hubSecretHash},
           jsonb_build_array(jsonb_build_object('domain', 'NetworkID', 'identity', format('AN-BENCH-%s', lpad(c.n::text, 4, '0'))),
                             jsonb_build_object('domain', 'DUNS', 'identity', (400000000 + c.n)::text)),
           '{"domain": "NetworkID", "identity": "KOPPEL"}'::jsonb,
           jsonb_build_array(jsonb_build_object('domain', ${BENCH_CXML_HUB.sender.domain}::text, 'identity', ${BENCH_CXML_HUB.sender.identity}::text)),
           '["https://s1.ariba.com"]'::jsonb, u.id,
           '{"transactions": ["PunchOutSetupRequest", "OrderRequest"], "userMapping": "match-email"}'::jsonb
    from bench_customer c join users u on u.company_id = c.company_id`;

  // Lists: mostly open-ended, every 10th with a current window, every 25th expired, every 40th not started.
  await sql`
    insert into price_lists (code, name, currency, valid_from, valid_to, created_at)
    select format('BENCH-PL-%s', lpad(g::text, 3, '0')), format('Contract benchklanten %s', lpad(g::text, 3, '0')), 'EUR',
           case when g % 40 = 0 then ${today}::date + 30 when g % 25 = 0 then ${today}::date - 400 when g % 10 = 0 then ${today}::date - 180 end,
           case when g % 40 = 0 then null when g % 25 = 0 then ${today}::date - 30 when g % 10 = 0 then ${today}::date + 365 end,
           now()
    from generate_series(1, ${BENCH_PRICE_LISTS}) g`;

  // Each list i takes `count` distinct products: positions (start + k * step) mod N with step coprime to N.
  const minShare = Math.max(1, Math.round(productCount * 0.02));
  const spread = Math.round(productCount * 0.08);
  const step = [7919, 7927, 7933, 7937, 7949, 7951].find((p) => productCount % p !== 0)!;
  await sql`create temp table bench_list on commit drop as
    select pl.id, g as n,
           (${minShare} + (g * 7907) % (${spread} + 1))::int as count,
           ((g * 104729) % ${productCount})::bigint as start
    from generate_series(1, ${BENCH_PRICE_LISTS}) g
    join price_lists pl on pl.code = format('BENCH-PL-%s', lpad(g::text, 3, '0'))`;
  await sql`create temp table bench_product on commit drop as
    select (row_number() over (order by id) - 1)::bigint as rn, id, list_price_minor, min_order_quantity, order_multiple from products`;
  await sql`alter table bench_product add primary key (rn)`;
  await sql`
    insert into price_list_entries (price_list_id, product_id, kind, price_minor, discount_basis_points, tiers, valid_from, valid_to, updated_at)
    select e.list_id, e.product_id, e.kind,
           case when e.kind = 'fixed' then e.price end,
           case when e.kind = 'discount' then e.discount end,
           case
             when e.product_id % 10 <> 0 then '[]'::jsonb
             when e.kind = 'fixed' then jsonb_build_array(
               jsonb_build_object('minQuantity', e.q1, 'priceMinor', greatest(0, least(e.price - 1, round(e.price * 0.95)::int))),
               jsonb_build_object('minQuantity', e.q1 * 5, 'priceMinor', greatest(0, least(e.price - 2, round(e.price * 0.90)::int))))
             else jsonb_build_array(
               jsonb_build_object('minQuantity', e.q1, 'discountBasisPoints', least(10000, e.discount + 250)),
               jsonb_build_object('minQuantity', e.q1 * 5, 'discountBasisPoints', least(10000, e.discount + 500)))
           end,
           case e.w when 1 then ${today}::date - 60 when 3 then ${today}::date + 14 end,
           case e.w when 0 then ${today}::date + 30 when 1 then ${today}::date + 90 when 2 then ${today}::date - 5 end,
           now()
    from (
      select l.id as list_id, p.id as product_id,
             case when (p.id + l.n) % 3 = 0 then 'discount' else 'fixed' end as kind,
             greatest(1, round(p.list_price_minor * (95 - (p.id * 31 + l.n) % 26) / 100.0))::int as price,
             (500 + ((p.id * 17 + l.n * 13) % 21) * 100)::int as discount,
             (ceil(greatest(10, p.min_order_quantity + 1)::numeric / p.order_multiple) * p.order_multiple)::int as q1,
             (p.id + l.n * 7) % 20 as w
      from bench_list l
      cross join lateral generate_series(0, l.count - 1) k
      join bench_product p on p.rn = (l.start + k * ${step}) % ${productCount}
    ) e`;

  // 1–3 lists per customer; lower priority number wins.
  await sql`
    insert into company_price_lists (company_id, price_list_id, priority)
    select c.company_id, l.id, a.priority
    from bench_customer c
    cross join lateral (values
      ((c.n * 7) % ${BENCH_PRICE_LISTS} + 1, 10, true),
      ((c.n * 13 + 5) % ${BENCH_PRICE_LISTS} + 1, 20, c.n % 2 = 0),
      ((c.n * 31 + 11) % ${BENCH_PRICE_LISTS} + 1, 30, c.n % 5 = 0)) as a(list_n, priority, used)
    join bench_list l on l.n = a.list_n
    where a.used
    on conflict do nothing`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

/**
 * Creates the indexes of BENCH_EXTRA_SQL (proposals not yet in a migration) for this run only;
 * returns a function that drops the ones it created, so the database keeps matching the migrations.
 */
export async function applyExtraIndexes(url: string, file: string, log: (line: string) => void): Promise<{ names: string[]; revert: () => Promise<void> }> {
  const text = readFileSync(file, "utf8").replace(/--.*$/gm, "");
  const statements = text.split(";").map((s) => s.trim()).filter(Boolean);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const created: string[] = [];
  try {
    for (const statement of statements) {
      const name = /^create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?"?(\w+)"?/i.exec(statement)?.[1];
      if (!name) throw new Error(`BENCH_EXTRA_SQL may only hold CREATE INDEX statements: ${statement.slice(0, 80)}`);
      const [exists] = await sql`select 1 from pg_class where relname = ${name} and relkind = 'i'`;
      if (exists) continue;
      const started = performance.now();
      await sql.unsafe(statement);
      created.push(name);
      log(`  extra index ${name} created in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await sql`vacuum analyze products`;
  } finally {
    await sql.end({ timeout: 5 });
  }
  return {
    names: created,
    revert: async () => {
      if (!created.length) return;
      const drop = postgres(url, { max: 1, onnotice: () => {} });
      try {
        for (const name of created) await drop.unsafe(`drop index if exists "${name}"`);
      } finally {
        await drop.end({ timeout: 5 });
      }
    },
  };
}
