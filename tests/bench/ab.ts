/**
 * Side-by-side comparison of two builds of the app on the benchmark database: both servers run at
 * the same time and rounds alternate (A B, B A, A B…), so machine noise (other load, CPU frequency)
 * hits both alike. Reports the median CPU per request (server process + its own PostgreSQL backends,
 * told apart by application_name) and requests/s per round. Not part of `npm run bench`.
 *
 *   AB_A=/tmp/kb-old/app AB_B=/tmp/kb-new/app AB_PATHS=/quick-order,/catalog/x npm run bench:ab
 *
 * A path may also be `cxml-setup` or `cxml-order` (the POSTs of scenarios 5 and 8), `add-to-cart` (scenario
 * 4's server action alone, without the cart page), or `transfer-oci` /
 * `transfer-cxml` (scenario 7: AB_TRANSFERS sequential 500-line transfers per round, default 20).
 * Each directory must hold a built app (`npm run bench` builds one into BENCH_WORK_DIR/app).
 * AB_A_URL / AB_B_URL override the DATABASE_URL each app gets (default: as `npm run bench` gives it,
 * over the Unix socket when there is one; e.g. a TCP URL for one of them), AB_A_NODE_OPTIONS /
 * AB_B_NODE_OPTIONS its NODE_OPTIONS (a heap cap, or `--require <abs path>/tests/bench/cpu-profile-hook.cjs`
 * with PROF_DIR for a CPU profile), AB_A_ENV / AB_B_ENV more variables for it ("MALLOC_ARENA_MAX=2 K=V"; the
 * same directory may be given as A and B to compare settings). Also reports each build's peak RSS.
 * Without AB_B, it only drives A (for a profile).
 */
import path from "node:path";
import postgres from "postgres";
import { readConfig } from "./config";
import { cpuMs, drive, rotation } from "./load";
import { rssMb, startApp, stopAll, type RunningServer } from "./servers";
import { addToCartBody, addToCartHeaders, hubCxmlParty, loadWorkload, orderRequestXml, setupRequestXml, signIn, transferOnce, type Buyer, type Workload } from "./workload";

const config = readConfig();
const dirs = { A: process.env.AB_A, B: process.env.AB_B };
if (!dirs.A) throw new Error("AB_A (and AB_B) must name built app directories");
const paths = (process.env.AB_PATHS ?? "/quick-order").split(",");
const rounds = Number(process.env.AB_ROUNDS ?? 4);
const seconds = Number(process.env.AB_SECONDS ?? 8);
const connections = Number(process.env.AB_CONNECTIONS ?? 8);
const transfers = Number(process.env.AB_TRANSFERS ?? 20);

const sql = postgres(config.databaseUrl, { max: 1, onnotice: () => {} });
const backends = async (appName: string) =>
  (await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and application_name = ${appName}`).map((r) => r.pid);

let workload: Workload;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What each connection sends for one A/B target to the build in `appDir` at `baseUrl`. */
function plansFor(target: string, buyers: Buyer[], appDir: string, baseUrl: string) {
  const xml = { "content-type": "text/xml; charset=utf-8" };
  const skus = workload.cartProducts.slice(0, 5).map((p) => p.sku);
  // As in `npm run bench`: connection i sends as bench customer i + 1 through the network hub.
  if (target === "cxml-setup") return buyers.map((_, i) => ({ headers: xml, requests: [{ method: "POST" as const, path: "/punchout/cxml/setup", setupRequest: (r: object) => ({ ...r, body: setupRequestXml(hubCxmlParty(i + 1)) }) }] }));
  if (target === "cxml-order") return buyers.map((_, i) => ({ headers: xml, requests: [{ method: "POST" as const, path: "/punchout/cxml/order", setupRequest: (r: object) => ({ ...r, body: orderRequestXml(skus, hubCxmlParty(i + 1)) }) }] }));
  if (target === "add-to-cart") {
    // Scenario 4's POST alone: one of the cart products per request, added on its product page.
    const headers = addToCartHeaders(appDir, baseUrl);
    const nextProduct = rotation(workload.cartProducts);
    const request = { method: "POST" as const, headers, setupRequest: (r: object) => {
      const { sku } = nextProduct();
      return { ...r, path: `/products/${encodeURIComponent(sku)}`, body: addToCartBody(sku) };
    } };
    return buyers.map((buyer) => ({ headers: { cookie: buyer.cookie }, requests: [{ ...request, path: "/" /* set per request */ }] }));
  }
  return buyers.map((buyer) => ({ headers: { cookie: buyer.cookie }, requests: [{ method: "GET" as const, path: target }] }));
}

async function checkAnswers(target: string, appDir: string, baseUrl: string, buyer: Buyer): Promise<void> {
  const plan = plansFor(target, [buyer], appDir, baseUrl)[0]!;
  type Sent = { method: string; path: string; headers?: Record<string, string>; body?: string; setupRequest?: (r: object) => object };
  const planned = plan.requests[0]! as Sent;
  const request = (planned.setupRequest ? planned.setupRequest(planned) : planned) as Sent;
  const headers = { ...plan.headers, ...request.headers };
  const response = await fetch(baseUrl + request.path, { method: request.method, headers, body: request.body, redirect: "manual" });
  const text = await response.text();
  const ok = target.startsWith("cxml-")
    ? response.status === 200 && /<Status code="2\d\d"/.test(text)
    : target === "add-to-cart"
      ? response.status === 200 && text.includes('"status":"ok"')
      : response.status < 400;
  if (!ok) throw new Error(`${baseUrl}${request.path} does not answer properly (HTTP ${response.status}): ${text.slice(0, 300)}`);
}

async function start(label: "A" | "B", port: number): Promise<{ label: string; appDir: string; server: RunningServer; url: string; buyers: Buyer[]; appName: string }> {
  const appName = `koppel-ab-${label}`;
  process.env.PGAPPNAME = appName;
  // startApp gives the app serverDatabaseUrl(config); an AB_<label>_URL is taken exactly as written
  // (no socket added to a TCP URL it names).
  const urlOverride = process.env[`AB_${label}_URL`];
  const database = urlOverride ? { databaseUrl: urlOverride, pgSocketDir: null } : {};
  const appNodeOptions = process.env[`AB_${label}_NODE_OPTIONS`] ?? config.appNodeOptions;
  const extraEnv = Object.fromEntries((process.env[`AB_${label}_ENV`] ?? "").split(/\s+/).filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2)));
  const server = await startApp(dirs[label]!, { ...config, ...database, appNodeOptions, appPort: port, workDir: path.dirname(path.resolve(dirs[label]!)) }, extraEnv);
  const url = `http://127.0.0.1:${port}`;
  workload ??= await loadWorkload(sql, connections);
  const buyers: Buyer[] = [];
  for (const buyer of workload.buyers) buyers.push(await signIn(url, buyer));
  return { label, appDir: dirs[label]!, server, url, buyers, appName };
}

/**
 * `transfer-oci` / `transfer-cxml`: scenario 7 of `npm run bench` as a round of sequential
 * transfers, each in a fresh punchout session with the 500-line cart. CPU per iteration includes
 * opening the session (a few ms); the latency is the transfer's alone.
 */
async function transferRound(target: string, s: { url: string; server: RunningServer; appName: string }) {
  const protocol = target === "transfer-cxml" ? "cxml" : "oci";
  const latencies: number[] = [];
  const pid = s.server.memoryPid();
  const pids = await backends(s.appName);
  const dbBefore = new Map(pids.map((p) => [p, cpuMs(p)]));
  const serverBefore = cpuMs(pid);
  let peakRssMb = 0;
  for (let i = 0; i < transfers; i++) {
    const transferred = await transferOnce(s.url, sql, protocol, workload.transferProductIds);
    if (!transferred) throw new Error(`${s.url}: no cXML setup`);
    latencies.push(transferred.took);
    if (!transferred.complete) throw new Error(`${s.url}: transfer HTTP ${transferred.status}: ${transferred.body.slice(0, 200)}`);
    peakRssMb = Math.max(peakRssMb, rssMb(pid) ?? 0);
  }
  let db = 0;
  for (const p of await backends(s.appName)) db += cpuMs(p) - (dbBefore.get(p) ?? 0);
  latencies.sort((a, b) => a - b);
  return { cpu: (cpuMs(pid) - serverBefore + db) / transfers, db: db / transfers, p50: latencies[Math.floor(transfers / 2)]!, rss: peakRssMb };
}

try {
  const servers = [await start("A", config.appPort), ...(dirs.B ? [await start("B", config.appPort + 1)] : [])];
  for (const target of paths) {
    if (target.startsWith("transfer-")) {
      const samples: Record<string, { cpu: number[]; db: number[]; p50: number[]; rss: number[] }> = {
        A: { cpu: [], db: [], p50: [], rss: [] },
        B: { cpu: [], db: [], p50: [], rss: [] },
      };
      for (let round = 0; round <= rounds; round++) {
        for (const s of round % 2 ? [...servers].reverse() : servers) {
          const m = await transferRound(target, s);
          if (round === 0) continue; // warm-up round
          for (const key of ["cpu", "db", "p50", "rss"] as const) samples[s.label]![key].push(m[key]);
        }
      }
      for (const { label } of servers) {
        const { cpu, db, p50, rss } = samples[label]!;
        console.log(
          `${target} ${label}: CPU ms/transfer median ${median(cpu).toFixed(1)} [${cpu.map((x) => x.toFixed(1)).join(" ")}] (PostgreSQL's share ${median(db).toFixed(1)}), ` +
            `p50 ms median ${median(p50).toFixed(1)} [${p50.map((x) => x.toFixed(0)).join(" ")}], peak RSS ${Math.max(...rss).toFixed(0)} MB`,
        );
      }
      continue;
    }
    // A cXML error is answered with HTTP 200 too: check each build answers the target properly first.
    for (const s of servers) await checkAnswers(target, s.appDir, s.url, s.buyers[0]!);
    const samples: Record<string, { cpu: number[]; db: number[]; rps: number[]; rss: number[] }> = {
      A: { cpu: [], db: [], rps: [], rss: [] },
      B: { cpu: [], db: [], rps: [], rss: [] },
    };
    for (let round = 0; round <= rounds; round++) {
      for (const s of round % 2 ? [...servers].reverse() : servers) {
        const plans = plansFor(target, s.buyers, s.appDir, s.url);
        const pids = await backends(s.appName);
        const dbBefore = new Map(pids.map((pid) => [pid, cpuMs(pid)]));
        const m = await drive({ baseUrl: s.url, plans: plans as never, seconds, expected: (status) => status < 400, rssPid: s.server.memoryPid() });
        let db = 0;
        for (const pid of await backends(s.appName)) db += cpuMs(pid) - (dbBefore.get(pid) ?? 0);
        if (round === 0) continue; // warm-up round
        samples[s.label]!.cpu.push((m.serverCpuMs ?? 0) + db / Math.max(1, m.requests));
        samples[s.label]!.db.push(db / Math.max(1, m.requests));
        samples[s.label]!.rps.push(m.rps);
        samples[s.label]!.rss.push(m.peakRssMb ?? NaN);
        if (m.errors) console.log(`${s.label} ${target}: ${m.errors} errors ${JSON.stringify(m.statuses)}`);
      }
    }
    for (const { label } of servers) {
      const { cpu, db, rps, rss } = samples[label]!;
      console.log(
        `${target} ${label}: CPU ms/req median ${median(cpu).toFixed(2)} [${cpu.map((x) => x.toFixed(1)).join(" ")}] (PostgreSQL's share ${median(db).toFixed(2)}), ` +
          `req/s median ${median(rps).toFixed(1)}, peak RSS ${Math.max(...rss).toFixed(0)} MB`,
      );
    }
  }
} finally {
  await stopAll();
  await sql.end();
}
