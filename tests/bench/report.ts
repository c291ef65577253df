import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { Measurement } from "./load";

export interface ScenarioResult {
  id: string;
  name: string;
  /** app, floor, the floor's plain-search reference, or an app page/route that bounds what any page of the app can reach. */
  server: "app" | "app (reference)" | "floor" | "floor (plain ts_rank)";
  status: "ok" | "not available" | "skipped" | "failed";
  note?: string;
  target?: string;
  runs: Measurement[];
  /** 1-minute load average right after the scenario. */
  load?: number;
  /** requests/s counts these (e.g. "add + cart page" pairs count as 2). */
  unit?: string;
}

export interface ReportContext {
  date: Date;
  config: { products: number; connections: number; warmupSeconds: number; measureSeconds: number; rounds: number; transferIterations: number; smoke: boolean; appNodeOptions: string; pgSocketDir: string | null };
  dataset: { reused: boolean; generationSeconds: number | null; counts: Record<string, number> };
  build: { built: boolean; buildSeconds: number | null; dir: string };
  loadBefore: string;
  loadAfter: string;
  loadSamples: number[];
  postgres: Record<string, string>;
  idleRssMb: number | null;
  notes: string[];
}

export const best = (runs: Measurement[]): Measurement | undefined => [...runs].sort((a, b) => b.rps - a.rps)[0];

const fmt = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? "–" : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function machineDescription(postgres: Record<string, string>): string[] {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    // os value
  }
  return [
    `- CPU: ${nproc} × ${cpu} (\`nproc\` = ${nproc})`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}; ${postgres.version ?? "PostgreSQL ?"}`,
    `- PostgreSQL settings: ${Object.entries(postgres)
      .filter(([key]) => key !== "version")
      .map(([key, value]) => `${key}=${value}`)
      .join(", ")}`,
  ];
}

export function renderTable(results: ScenarioResult[]): string {
  const floorBest = new Map<string, Measurement>();
  for (const r of results) if (r.server === "floor" && r.status === "ok" && best(r.runs)) floorBest.set(r.id, best(r.runs)!);
  const lines = [
    "| # | Scenario | Server | req/s (best) | req/s per run | p50 ms | p99 ms | errors | peak RSS MB | CPU ms/req server + DB | app/floor req/s (CPU) | load 1m | target |",
    "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
  ];
  const cpu = (m: Measurement) => (m.serverCpuMs ?? NaN) + (m.dbCpuMs ?? NaN);
  for (const r of results) {
    if (r.status !== "ok") {
      lines.push(`| ${r.id} | ${r.name} | ${r.server} | ${r.status} | | | | | | | | | ${r.note ?? ""} |`);
      continue;
    }
    const b = best(r.runs)!;
    const errors = r.runs.reduce((sum, m) => sum + m.errors, 0);
    const rss = Math.max(...r.runs.map((m) => m.peakRssMb ?? 0));
    const floor = floorBest.get(r.id);
    const ratio =
      (r.server === "app" || r.server === "app (reference)") && floor
        ? `${(b.rps / floor.rps).toFixed(2)} (${(cpu(floor) / cpu(b)).toFixed(2)})`
        : r.server === "floor (plain ts_rank)" && floor
          ? `floor/plain ${(floor.rps / b.rps).toFixed(2)} (${(cpu(b) / cpu(floor)).toFixed(2)})`
          : "";
    const cpuText = b.serverCpuMs === undefined || b.serverCpuMs === null ? "–" : `${fmt(b.serverCpuMs, 1)} + ${fmt(b.dbCpuMs, 1)}`;
    lines.push(
      `| ${r.id} | ${r.name}${r.unit ? ` (${r.unit})` : ""} | ${r.server} | ${fmt(b.rps, 1)} | ${r.runs.map((m) => fmt(m.rps, 1)).join(" / ")} | ${fmt(b.p50, 1)} | ${fmt(b.p99, 1)} | ${errors} | ${rss ? fmt(rss) : "–"} | ${cpuText} | ${ratio} | ${fmt(r.load, 2)} | ${r.target ?? ""} |`,
    );
  }
  return lines.join("\n");
}

export function renderReport(context: ReportContext, results: ScenarioResult[]): string {
  const c = context.config;
  const counts = context.dataset.counts;
  const loads = context.loadSamples;
  return [
    `## Run of ${context.date.toISOString().replace("T", " ").slice(0, 16)} UTC${c.smoke ? " (smoke)" : ""}`,
    "",
    ...machineDescription(context.postgres),
    `- Load average (1/5/15 min): before ${context.loadBefore}; after ${context.loadAfter}; 1-min samples during the run ${loads.length ? `${fmt(Math.min(...loads), 2)}–${fmt(Math.max(...loads), 2)}` : "–"}. Other work on the machine competes for the CPU when the load exceeds the core count.`,
    `- Dataset: ${fmt(counts.products)} products, ${fmt(counts.categories)} categories, ${fmt(counts.companies)} companies, ${fmt(counts.users)} users, ${fmt(counts.price_lists)} price lists with ${fmt(counts.price_list_entries)} entries, ${fmt(counts.company_price_lists)} list assignments, ${fmt(counts.punchout_connections)} punchout connections; list tiers on ${fmt(counts.products_with_list_tiers)} and contract tiers on ${fmt(counts.products_with_contract_tiers)} products. ${context.dataset.reused ? "Reused from an earlier run." : `Generated in ${context.dataset.generationSeconds} s.`}`,
    `- App: \`next start\` (production build${context.build.built ? `, built in ${context.build.buildSeconds} s` : ", existing build"}), PostgreSQL via postgres.js (pool 10) over ${c.pgSocketDir ? `its Unix socket (${c.pgSocketDir}), as the floor` : "TCP loopback, as the floor"}, ${c.appNodeOptions ? `NODE_OPTIONS=\`${c.appNodeOptions}\`` : "Node.js default heap limits"}; idle RSS after start ${fmt(context.idleRssMb)} MB.`,
    `- Load: autocannon on loopback from the harness process, ${c.connections} keep-alive connections (one signed-in buyer each), ${c.warmupSeconds} s warm-up + ${c.measureSeconds} s measured, ${c.rounds} run(s) per scenario; the transfer page (7) is a sequential loop of ${c.transferIterations} fresh sessions per protocol. p50/p99 are of the best run; errors are non-expected statuses plus socket errors over all runs; RSS is the peak VmRSS of the server process during the scenario. CPU ms/req is the user+system CPU time of the server process and of the database's PostgreSQL backends per successful response (best run): unlike req/s it hardly depends on what else runs on the machine, so app/floor is also given as the ratio of those CPU costs (in parentheses).`,
    "",
    renderTable(results),
    "",
    ...context.notes.map((note) => `- ${note}`),
  ].join("\n");
}

const BEGIN = "<!-- bench:begin (written by npm run bench; text outside these markers is kept) -->";
const END = "<!-- bench:end -->";

/** Replaces the generated section of BENCHMARKS.md, keeping everything written around it by hand. */
export function writeReportFile(file: string, section: string): void {
  const generated = `${BEGIN}\n${section}\n${END}`;
  if (!existsSync(file)) {
    writeFileSync(file, `# Benchmarks\n\nHow to run: see "Benchmarks" in README.md.\n\n${generated}\n`);
    return;
  }
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(BEGIN);
  // The end marker that closes this section (a stray one earlier in the hand-written text must not count).
  const end = start >= 0 ? text.indexOf(END, start) : -1;
  writeFileSync(file, start >= 0 && end > start ? text.slice(0, start) + generated + text.slice(end + END.length) : `${text.trimEnd()}\n\n${generated}\n`);
}
