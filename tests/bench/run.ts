// npm run bench — B2B-shaped benchmark of Koppel against a bare node:http + postgres.js floor, in one
// run on one machine. Configuration: see "Benchmarks" in README.md and config.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { AutocannonRequest } from "autocannon";
import { readConfig } from "./config";
import { applyExtraIndexes, prepareDataset } from "./dataset";
import { drive, rotation, summarize, type ConnectionPlan, type Measurement } from "./load";
import { best, renderReport, renderTable, writeReportFile, type ScenarioResult } from "./report";
import { killAllSync, prepareApp, rssMb, startApp, startFloor, stopAll, type RunningServer } from "./servers";
import {
  addToCartBody,
  addToCartHeaders,
  fillShopCarts,
  hubCxmlParty,
  loadWorkload,
  OCI_ENTRY_PATH,
  ociEntry,
  orderRequestXml,
  setupRequestXml,
  signIn,
  transferOnce as transferOnceIn,
  type Buyer,
  type Workload,
} from "./workload";

const config = readConfig(process.cwd());
const log = (line: string) => console.log(`[bench] ${line}`);
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const load1 = () => Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);

interface Context {
  app: RunningServer;
  floor: RunningServer;
  appUrl: string;
  floorUrl: string;
  appDir: string;
  sql: postgres.Sql;
  workload: Workload;
  buyers: Buyer[];
  notes: string[];
}

const ok2xx = (status: number) => status >= 200 && status < 300;
/** A path no route matches: the app answers with its not-found page (404, full HTML). */
const NOT_FOUND_PATH = "/bench/no-such-page";

let dbPids: () => Promise<number[]> = async () => [];

async function measure(server: RunningServer, baseUrl: string, plans: () => ConnectionPlan[], expected: (status: number) => boolean): Promise<Measurement> {
  if (config.warmupSeconds > 0) await drive({ baseUrl, plans: plans(), seconds: config.warmupSeconds, expected });
  const result = await drive({ baseUrl, plans: plans(), seconds: config.measureSeconds, expected, rssPid: server.memoryPid(), dbPids });
  if (server.exited()) throw new Error(`the ${server.name} server died during the scenario; see ${server.logPath}`);
  await settle(server);
  return result;
}

/** Requests cut off at the end of a run may still be queued in the server: wait until it answers promptly again. */
async function settle(server: RunningServer): Promise<void> {
  const url = `http://127.0.0.1:${server.port}${server.name === "app" ? "/api/health" : "/health"}`;
  for (let i = 0; i < 60; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    await fetch(url).then((r) => r.arrayBuffer(), () => undefined);
    if (performance.now() - started < 100) return;
  }
}

/** GET plans: every connection requests the next path of a shared rotation, with its own buyer's cookie. */
function getPlans(buyers: Buyer[], next: () => string, withCookie: boolean, suffix: (buyer: Buyer) => string = () => ""): ConnectionPlan[] {
  return buyers.map((buyer) => ({
    headers: withCookie ? { cookie: buyer.cookie } : ({} as Record<string, string>),
    requests: [{ method: "GET", setupRequest: (request: AutocannonRequest) => ({ ...request, path: next() + suffix(buyer) }) }],
  }));
}

const withCompany = (buyer: Buyer) => `company=${buyer.companyId}`;
const joinQuery = (pathname: string) => (pathname.includes("?") ? "&" : "?");

async function fetchText(url: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { redirect: "manual", ...init });
  return { status: response.status, body: await response.text() };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

type Scenario = (ctx: Context) => Promise<ScenarioResult[]>;

/** Runs app (and floor variants) alternately, round after round, so machine load drifts hit both alike. */
async function rounds(
  entries: { result: ScenarioResult; server: RunningServer; baseUrl: string; plans: () => ConnectionPlan[]; expected: (status: number) => boolean }[],
): Promise<ScenarioResult[]> {
  for (let round = 1; round <= config.rounds; round++) {
    for (const entry of entries) {
      log(`  ${entry.result.id} ${entry.result.server} run ${round}/${config.rounds}…`);
      entry.result.runs.push(await measure(entry.server, entry.baseUrl, entry.plans, entry.expected));
      const last = entry.result.runs.at(-1)!;
      log(`    ${last.rps.toFixed(1)} req/s, p50 ${last.p50.toFixed(1)} ms, p99 ${last.p99.toFixed(1)} ms, errors ${last.errors} ${JSON.stringify(last.statuses)}`);
    }
  }
  const load = load1();
  for (const entry of entries) entry.result.load = load;
  return entries.map((e) => e.result);
}

const listing: Scenario = async (ctx) => {
  const { buyers, workload } = ctx;
  const first = await fetchText(`${ctx.appUrl}${workload.listingPaths[0]}`, { headers: { cookie: buyers[0]!.cookie } });
  const cards = count(first.body, 'data-testid="product-card"');
  if (first.status !== 200 || cards < 1 || cards > 24 || !first.body.includes('data-testid="price"')) {
    throw new Error(`listing page check failed: HTTP ${first.status}, ${cards} product cards, prices ${first.body.includes('data-testid="price"')}`);
  }
  const notFound = await fetchText(`${ctx.appUrl}${NOT_FOUND_PATH}`, { headers: { cookie: buyers[0]!.cookie } });
  if (notFound.status !== 404 || !notFound.body.includes("</html>")) throw new Error(`not-found page check failed: HTTP ${notFound.status}`);
  const target = "≥ 0.5 of floor, p99 ≤ 150 ms";
  return rounds([
    {
      result: { id: "1", name: "Category listing page (24 products, contract prices, tiers)", server: "app", status: "ok", runs: [], target },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => getPlans(buyers, rotation(workload.listingPaths), true),
      expected: ok2xx,
    },
    {
      result: { id: "1", name: "Category listing (same SQL, minimal HTML)", server: "floor", status: "ok", runs: [] },
      server: ctx.floor,
      baseUrl: ctx.floorUrl,
      plans: () => {
        const next = rotation(workload.listingPaths);
        return getPlans(buyers, () => { const p = next(); return p + joinQuery(p); }, false, withCompany);
      },
      expected: ok2xx,
    },
    // What any page of the app costs before it shows a product: the same layout, session check, user and
    // cart badge, header and client bundle references, around a page with no catalog data; and the
    // framework's own minimum, a route handler answering one `select 1`. They bound the ratio a page can reach.
    // Between them the smallest page the app has: its not-found page (root layout, three texts, one link,
    // no session read, no query), i.e. what rendering any App Router page costs before it does anything.
    {
      result: { id: "1", name: "Reference: smallest page (the not-found page: root layout, no session, no query)", server: "app (reference)", status: "ok", runs: [] },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => getPlans(buyers, () => NOT_FOUND_PATH, true),
      expected: (status) => status === 404,
    },
    {
      result: { id: "1", name: "Reference: shop page without products (/quick-order: same layout, session, header)", server: "app (reference)", status: "ok", runs: [] },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => getPlans(buyers, () => "/quick-order", true),
      expected: ok2xx,
    },
    {
      result: { id: "1", name: "Reference: Next.js route handler (/api/health, one `select 1`)", server: "app (reference)", status: "ok", runs: [] },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => getPlans(buyers, () => "/api/health", true),
      expected: ok2xx,
    },
  ]);
};

const search: Scenario = async (ctx) => {
  const { buyers, workload } = ctx;
  const paths = workload.searchTerms.map(({ term }) => `/search?q=${encodeURIComponent(term)}`);
  const first = await fetchText(`${ctx.appUrl}${paths[0]}`, { headers: { cookie: buyers[0]!.cookie } });
  if (first.status !== 200 || !first.body.includes('data-testid="product-card"')) throw new Error(`search page check failed: HTTP ${first.status}`);
  const mix = Object.entries(
    workload.searchTerms.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.kind]: (acc[t.kind] ?? 0) + 1 }), {}),
  )
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  ctx.notes.push(`Search terms (2), rotated: ${mix}: ${workload.searchTerms.map((t) => `\`${t.term}\``).join(", ")}.`);
  return rounds([
    {
      result: { id: "2", name: "Search page (NL/EN words, SKUs, GTINs, typos)", server: "app", status: "ok", runs: [], target: "≥ 0.8 of floor" },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => getPlans(buyers, rotation(paths), true),
      expected: ok2xx,
    },
    {
      result: { id: "2", name: "Search (same SQL, minimal HTML)", server: "floor", status: "ok", runs: [], target: "≥ 2× the plain query" },
      server: ctx.floor,
      baseUrl: ctx.floorUrl,
      plans: () => getPlans(buyers, rotation(paths.map((p) => `${p}&`)), false, withCompany),
      expected: ok2xx,
    },
    {
      result: { id: "2", name: "Search, plain tsvector @@ + ts_rank + count (reference)", server: "floor (plain ts_rank)", status: "ok", runs: [] },
      server: ctx.floor,
      baseUrl: ctx.floorUrl,
      plans: () => getPlans(buyers, rotation(paths.map((p) => `${p.replace("/search?", "/search-plain?")}&`)), false, withCompany),
      expected: ok2xx,
    },
  ]);
};

const detail: Scenario = async (ctx) => {
  const paths = ctx.workload.detailSkus.map((sku) => `/products/${encodeURIComponent(sku)}`);
  const first = await fetchText(`${ctx.appUrl}${paths[0]}`, { headers: { cookie: ctx.buyers[0]!.cookie } });
  if (first.status !== 200 || !first.body.includes('data-testid="price"')) throw new Error(`product page check failed: HTTP ${first.status}`);
  return rounds([
    {
      result: { id: "3", name: "Product detail page with tiers", server: "app", status: "ok", runs: [] },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => getPlans(ctx.buyers, rotation(paths), true),
      expected: ok2xx,
    },
  ]);
};

const cart: Scenario = async (ctx) => {
  const { buyers, workload, sql } = ctx;
  await fillShopCarts(sql, buyers, workload.cartProducts);
  const actionHeaders = addToCartHeaders(ctx.appDir, ctx.appUrl);
  // Check once that the action really adds: the line quantity goes up.
  const probe = workload.cartProducts[0]!;
  const quantity = async () =>
    (await sql<{ quantity: number }[]>`
      select l.quantity from cart_lines l join carts c on c.id = l.cart_id
      where c.user_id = ${buyers[0]!.userId} and c.punchout_session_id is null and l.product_id = ${probe.id}`)[0]?.quantity ?? 0;
  const before = await quantity();
  const added = await fetchText(`${ctx.appUrl}/products/${encodeURIComponent(probe.sku)}`, {
    method: "POST",
    headers: { ...actionHeaders, cookie: buyers[0]!.cookie },
    body: addToCartBody(probe.sku),
  });
  const after = await quantity();
  if (added.status !== 200 || after !== before + 1) throw new Error(`add-to-cart check failed: HTTP ${added.status}, quantity ${before} → ${after}: ${added.body.slice(0, 300)}`);
  const page = await fetchText(`${ctx.appUrl}/cart`, { headers: { cookie: buyers[0]!.cookie } });
  const lines = count(page.body, 'data-testid="cart-line"');
  if (page.status !== 200 || lines !== 50) throw new Error(`cart page check failed: HTTP ${page.status}, ${lines} lines`);
  return rounds([
    {
      result: { id: "4", name: "Add to cart + cart page, 50-line cart", server: "app", status: "ok", runs: [], unit: "requests: POST action + GET /cart" },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => {
        const nextProduct = rotation(workload.cartProducts);
        return buyers.map((buyer) => ({
          headers: { cookie: buyer.cookie },
          requests: [
            {
              method: "POST",
              headers: actionHeaders,
              setupRequest: (request: AutocannonRequest) => {
                const product = nextProduct();
                return { ...request, path: `/products/${encodeURIComponent(product.sku)}`, body: addToCartBody(product.sku) };
              },
            },
            { method: "GET", path: "/cart" },
          ],
        }));
      },
      expected: ok2xx,
    },
  ]);
};

const cxmlSetup: Scenario = async (ctx) => {
  const name = "cXML PunchOutSetupRequest";
  const target = "≥ 300 req/s";
  const first = await fetchText(`${ctx.appUrl}/punchout/cxml/setup`, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, body: setupRequestXml(hubCxmlParty(1)) });
  if (first.status === 404) return [{ id: "5", name, server: "app", status: "not available", note: "POST /punchout/cxml/setup answers 404", runs: [], target }];
  if (first.status !== 200 || !/<Status code="200"/.test(first.body)) throw new Error(`cXML setup check failed: HTTP ${first.status}: ${first.body.slice(0, 400)}`);
  ctx.notes.push(
    `cXML setup (5) and OrderRequest (8): each of the ${ctx.buyers.length} connections sends as another customer through the network hub (From AN-BENCH-n and a DUNS number, the hub as Sender with its SharedSecret), so every request is authenticated among the dataset's cXML connections (one per customer) and an order is priced with that customer's contract lists.`,
  );
  return rounds([
    {
      result: { id: "5", name, server: "app", status: "ok", runs: [], target },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () =>
        // Each connection is another customer behind the hub (buyer n's company, AN-BENCH-n).
        ctx.buyers.map((_, i) => ({
          headers: { "content-type": "text/xml; charset=utf-8" },
          requests: [{ method: "POST", path: "/punchout/cxml/setup", setupRequest: (request: AutocannonRequest) => ({ ...request, body: setupRequestXml(hubCxmlParty(i + 1)) }) }],
        })),
      expected: ok2xx,
    },
  ]);
};

const ociEntryScenario: Scenario = async (ctx) => {
  await ociEntry(ctx.appUrl);
  ctx.notes.push("OCI entry (6) answers 303 (redirect into the new shop session): that status counts as success there.");
  return rounds([
    {
      result: { id: "6", name: "OCI entry (new punchout session)", server: "app", status: "ok", runs: [] },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () => ctx.buyers.map(() => ({ headers: {}, requests: [{ method: "GET", path: OCI_ENTRY_PATH }] })),
      expected: (status) => status === 303,
    },
  ]);
};

/** Untimed transfers per protocol before the measured rounds of scenario 7. */
const TRANSFER_WARMUP = 5;

/** One fresh session + 500-line cart per transfer (a transfer ends the session): a sequential loop. */
const transfer: Scenario = async (ctx) => {
  const results: ScenarioResult[] = [];
  const target = "p99 ≤ 200 ms";
  const appUrl = ctx.appUrl;
  const transferOnce = (protocol: "oci" | "cxml") => transferOnceIn(appUrl, ctx.sql, protocol, ctx.workload.transferProductIds);
  for (const protocol of ["oci", "cxml"] as const) {
    const name = `Transfer page, 500-line cart (${protocol === "oci" ? "OCI" : "cXML"})`;
    const result: ScenarioResult = { id: "7", name, server: "app", status: "ok", runs: [], target, unit: "sequential, 1 connection" };
    // Warm-up, as every other scenario has: the first transfer of a process loads and compiles the
    // route (~300 ms); with 50 timed transfers a round, that one request would be its p99.
    for (let i = 0; i < TRANSFER_WARMUP; i++) if (!(await transferOnce(protocol))) break;
    for (let round = 1; round <= config.rounds; round++) {
      const latencies: number[] = [];
      const statuses: Record<string, number> = {};
      let errors = 0;
      let elapsed = 0;
      for (let i = 0; i < config.transferIterations; i++) {
        const transferred = await transferOnce(protocol);
        if (!transferred) {
          result.status = "not available";
          result.note = "cXML setup answers 404";
          break;
        }
        const { status, body, took, complete } = transferred;
        elapsed += took;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (complete) latencies.push(took);
        else {
          errors++;
          if (errors === 1) log(`    transfer ${protocol} HTTP ${status}: ${body.slice(0, 200)}`);
        }
      }
      if (result.status !== "ok") break;
      const m = summarize(latencies, elapsed / 1000, { errors, statuses, socketErrors: 0, peakRssMb: rssMb(ctx.app.memoryPid()) });
      result.runs.push(m);
      // p99 of 50 sequential transfers is the slowest one: the next slowest say whether it stands alone.
      const slowest = [...latencies].sort((x, y) => y - x).slice(0, 3).map((ms) => ms.toFixed(0));
      log(`  7 ${protocol} run ${round}: p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, slowest ${slowest.join(", ")} ms, errors ${errors}`);
    }
    result.load = load1();
    results.push(result);
  }
  ctx.notes.push(
    `Transfer (7): per iteration a new punchout session (OCI entry, or cXML setup + StartPage), 500 lines inserted into its cart in SQL, then \`POST /punchout/transfer\` timed until the whole page is read; ${TRANSFER_WARMUP} untimed transfers per protocol first (warm-up); req/s there is 1000 / mean latency of that single sequential client.`,
  );
  return results;
};

const cxmlOrder: Scenario = async (ctx) => {
  const name = "cXML OrderRequest intake (unique orderIDs)";
  const target = "≥ 300 req/s";
  const skus = ctx.workload.cartProducts.slice(0, 5).map((p) => p.sku);
  const first = await fetchText(`${ctx.appUrl}/punchout/cxml/order`, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, body: orderRequestXml(skus, hubCxmlParty(1)) });
  if (first.status === 404) return [{ id: "8", name, server: "app", status: "not available", note: "POST /punchout/cxml/order answers 404 (not built yet)", runs: [], target }];
  if (first.status !== 200 || !/<Status code="2\d\d"/.test(first.body)) throw new Error(`OrderRequest check failed: HTTP ${first.status}: ${first.body.slice(0, 400)}`);
  return rounds([
    {
      result: { id: "8", name, server: "app", status: "ok", runs: [], target },
      server: ctx.app,
      baseUrl: ctx.appUrl,
      plans: () =>
        ctx.buyers.map((_, i) => ({
          headers: { "content-type": "text/xml; charset=utf-8" },
          requests: [{ method: "POST", path: "/punchout/cxml/order", setupRequest: (request: AutocannonRequest) => ({ ...request, body: orderRequestXml(skus, hubCxmlParty(i + 1)) }) }],
        })),
      expected: ok2xx,
    },
  ]);
};

const SCENARIOS: [string, string, Scenario][] = [
  ["1", "listing", listing],
  ["2", "search", search],
  ["3", "product detail", detail],
  ["4", "add to cart + cart", cart],
  ["5", "cXML setup", cxmlSetup],
  ["6", "OCI entry", ociEntryScenario],
  ["7", "transfer", transfer],
  ["8", "cXML OrderRequest", cxmlOrder],
];

async function postgresInfo(sql: postgres.Sql): Promise<Record<string, string>> {
  const [version] = await sql<{ v: string }[]>`select split_part(version(), ' on ', 1) as v`;
  const info: Record<string, string> = { version: version!.v };
  for (const name of ["shared_buffers", "work_mem", "effective_cache_size", "max_connections", "jit"]) {
    const [row] = await sql.unsafe<{ setting: string }[]>(`select current_setting('${name}') as setting`);
    info[name] = row!.setting;
  }
  return info;
}

/** PostgreSQL's cumulative WAL and checkpoint counters (null where the views differ, e.g. PostgreSQL 17's pg_stat_checkpointer). */
async function postgresWork(sql: postgres.Sql): Promise<{ walBytes: number; fullPageImages: number; checkpoints: number } | null> {
  try {
    const [row] = await sql<{ wal_bytes: number; wal_fpi: number; checkpoints: number }[]>`
      select (select wal_bytes from pg_stat_wal)::float8 as wal_bytes, (select wal_fpi from pg_stat_wal)::float8 as wal_fpi,
        (select checkpoints_timed + checkpoints_req from pg_stat_bgwriter)::float8 as checkpoints`;
    return row ? { walBytes: row.wal_bytes, fullPageImages: row.wal_fpi, checkpoints: row.checkpoints } : null;
  } catch {
    return null;
  }
}

/** What PostgreSQL wrote between two readings of postgresWork: WAL, full-page images, checkpoints. */
function describeWork(before: Awaited<ReturnType<typeof postgresWork>>, after: Awaited<ReturnType<typeof postgresWork>>): string | null {
  if (!before || !after) return null;
  const mb = (after.walBytes - before.walBytes) / 1048576;
  return `WAL ${mb.toLocaleString("en", { maximumFractionDigits: 0 })} MB, ${(after.fullPageImages - before.fullPageImages).toLocaleString("en")} full-page images, ${after.checkpoints - before.checkpoints} checkpoints`;
}

async function main(): Promise<void> {
  const date = new Date();
  const loadBefore = loadavg();
  log(`${config.smoke ? "SMOKE run" : "run"}: ${config.productCount.toLocaleString("en")} products, database ${config.databaseUrl.replace(/\/\/[^@]*@/, "//")}, load ${loadBefore}`);
  const dataset = await prepareDataset(config, log);
  if (config.datasetOnly) return;

  const extra = config.extraSql ? await applyExtraIndexes(config.databaseUrl, config.extraSql, log) : null;
  revertExtra = extra?.revert ?? null;
  const sql = postgres(config.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const pg = await postgresInfo(sql);
    const workload = await loadWorkload(sql, config.connections);
    const build = await prepareApp(config, log);
    log(`starting the app on :${config.appPort} and the floor on :${config.floorPort}…`);
    const [app, floor] = await Promise.all([startApp(build.dir, config), startFloor(config)]);
    const appUrl = `http://127.0.0.1:${config.appPort}`;
    const idleRssMb = rssMb(app.memoryPid());
    log(`app up (pid ${app.memoryPid()}, ${idleRssMb?.toFixed(0)} MB); signing in ${workload.buyers.length} buyers…`);
    const buyers: Buyer[] = [];
    for (const buyer of workload.buyers) buyers.push(await signIn(appUrl, buyer));

    // Backends of the benchmark database other than the harness's own: the app's or the floor's pool.
    const own = new Set((await sql<{ pid: number }[]>`select pg_backend_pid() as pid`).map((r) => r.pid));
    dbPids = async () =>
      (await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`)
        .map((r) => r.pid)
        .filter((pid) => !own.has(pid));
    const ctx: Context = { app, floor, appUrl, floorUrl: `http://127.0.0.1:${config.floorPort}`, appDir: build.dir, sql, workload, buyers, notes: [] };
    const results: ScenarioResult[] = [];
    const loadSamples: number[] = [];
    const databaseWork: string[] = [];
    for (const [id, label, scenario] of SCENARIOS) {
      if (config.only.size && !config.only.has(id)) continue;
      log(`scenario ${id}: ${label} (load ${loadavg()})`);
      loadSamples.push(load1());
      const workBefore = await postgresWork(sql);
      try {
        results.push(...(await scenario(ctx)));
        const work = describeWork(workBefore, await postgresWork(sql));
        if (work) {
          log(`  PostgreSQL during the scenario: ${work}`);
          databaseWork.push(`${id} ${label}: ${work}`);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`  FAILED: ${message}`);
        results.push({ id, name: label, server: "app", status: "failed", note: message.split("\n")[0]!.slice(0, 200), runs: [] });
        if (app.exited()) break;
      }
      loadSamples.push(load1());
    }

    const notes = [
      ...(config.extraSql ? [`Extra indexes from \`${path.relative(config.repoDir, config.extraSql)}\` (BENCH_EXTRA_SQL) were created for this run and dropped after it: not yet in a migration.`] : []),
      ...ctx.notes,
      ...(databaseWork.length
        ? [`PostgreSQL's own work per scenario (warm-ups and every server included; from pg_stat_wal and pg_stat_bgwriter): ${databaseWork.join("; ")}.`]
        : []),
      "Floor: a bare `node:http` + postgres.js server (tests/bench/floor.ts) sending the SQL of the app's own query builders (`listCategoriesQuery`, `categoryPageQueries`, `searchMatchQuery`, `contractCandidatesQuery`) in the same order as the app, each built once per distinct request with `.toSQL()` and then only executed, as prepared statements where the app prepares them (categories, listing, search, contract prices); it prices with `resolvePrice` and writes a minimal HTML list. It does not verify a session, nor read the user and cart badge (3 small queries the app runs per page).",
      "Plain search reference: one `search_vector @@ tsquery` query ordered by `ts_rank` plus a `count(*)`, same tsquery, no identifier lookup and no facets, not prepared (prepared, PostgreSQL switches it to a generic plan that costs more: 4.4 instead of 3.1 ms of database time per search).",
    ];
    const section = renderReport(
      {
        date,
        config: {
          products: config.productCount,
          connections: config.connections,
          warmupSeconds: config.warmupSeconds,
          measureSeconds: config.measureSeconds,
          rounds: config.rounds,
          transferIterations: config.transferIterations,
          smoke: config.smoke,
          appNodeOptions: config.appNodeOptions,
          pgSocketDir: config.pgSocketDir,
        },
        dataset,
        build,
        loadBefore,
        loadAfter: loadavg(),
        loadSamples,
        postgres: pg,
        idleRssMb,
        notes,
      },
      results,
    );
    console.log(`\n${renderTable(results)}\n`);
    if (config.writeReport) {
      writeReportFile(config.reportPath, section);
      log(`wrote ${config.reportPath}`);
    }
    const failed = results.filter((r) => r.status === "failed");
    const errors = results.filter((r) => r.status === "ok" && r.runs.some((m) => m.errors > 0) && best(r.runs));
    if (failed.length) process.exitCode = 1;
    if (errors.length) log(`scenarios with errors: ${errors.map((r) => `${r.id} ${r.server}`).join(", ")}`);
    // The target is 0 errors: a smoke run (CI) fails on any.
    if (errors.length && config.smoke) process.exitCode = 1;
  } finally {
    await stopAll();
    await sql.end({ timeout: 5 });
    await extra?.revert();
    revertExtra = null;
  }
}

/** Drops this run's BENCH_EXTRA_SQL indexes, also when the run is interrupted. */
let revertExtra: (() => Promise<void>) | null = null;

process.on("exit", killAllSync);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllSync();
    const revert = revertExtra ?? (async () => {});
    void Promise.race([revert(), new Promise((resolve) => setTimeout(resolve, 5000))]).finally(() => process.exit(130));
  });
}
main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
