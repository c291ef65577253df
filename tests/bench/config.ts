import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Every knob of `npm run bench`, from the environment (README "Benchmarks"). */
export interface BenchConfig {
  repoDir: string;
  smoke: boolean;
  productCount: number;
  databaseUrl: string;
  /**
   * PostgreSQL's Unix-socket directory for the app and the floor (both alike), or null for TCP.
   * The harness's own connections stay on `databaseUrl`.
   */
  pgSocketDir: string | null;
  appPort: number;
  floorPort: number;
  connections: number;
  warmupSeconds: number;
  measureSeconds: number;
  rounds: number;
  transferIterations: number;
  skipBuild: boolean;
  inPlace: boolean;
  workDir: string;
  writeReport: boolean;
  reportPath: string;
  datasetOnly: boolean;
  /** Only these scenario ids (e.g. "1,2"); all when empty. */
  only: Set<string>;
  authSecret: string;
  /** SQL file with extra CREATE INDEX statements to try (created for the run, dropped after it). */
  extraSql: string | null;
  /** NODE_OPTIONS for `next start` (e.g. a heap cap, see "Memory" in BENCHMARKS.md); empty: Node's defaults. */
  appNodeOptions: string;
}

const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replace(/_/g, ""));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
};
const flag = (name: string) => process.env[name] === "1" || process.env[name] === "true";

export function readConfig(repoDir = process.cwd()): BenchConfig {
  const smoke = flag("BENCH_SMOKE");
  const productCount = Math.round(number("BENCH_PRODUCTS", 100_000));
  // The 100k dataset takes minutes to generate: a smoke run with another size gets its own database.
  const defaultDb = productCount === 100_000 ? "koppel_bench" : `koppel_bench_${productCount}`;
  return {
    repoDir,
    smoke,
    productCount,
    databaseUrl: process.env.BENCH_DATABASE_URL || `postgres://postgres@127.0.0.1:5432/${defaultDb}`,
    pgSocketDir: socketDir(process.env.BENCH_PG_SOCKET),
    appPort: number("BENCH_APP_PORT", 3700),
    floorPort: number("BENCH_FLOOR_PORT", 3701),
    connections: Math.round(number("BENCH_CONNECTIONS", 32)),
    warmupSeconds: number("BENCH_WARMUP", smoke ? 0.5 : 10),
    measureSeconds: number("BENCH_DURATION", smoke ? 2 : 15),
    rounds: Math.round(number("BENCH_ROUNDS", smoke ? 1 : 2)),
    transferIterations: Math.round(number("BENCH_TRANSFER_ITERATIONS", smoke ? 3 : 50)),
    skipBuild: flag("BENCH_SKIP_BUILD"),
    inPlace: flag("BENCH_IN_PLACE"),
    workDir: process.env.BENCH_WORK_DIR || path.join(tmpdir(), "koppel-bench"),
    // A smoke run (CI) prints its table but leaves the committed BENCHMARKS.md alone.
    writeReport: process.env.BENCH_WRITE ? flag("BENCH_WRITE") : !smoke,
    reportPath: path.join(repoDir, "BENCHMARKS.md"),
    datasetOnly: flag("BENCH_DATASET_ONLY"),
    only: new Set((process.env.BENCH_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
    authSecret: process.env.BENCH_AUTH_SECRET || "koppel-bench-secret-0123456789abcdef0123456789",
    extraSql: process.env.BENCH_EXTRA_SQL ? path.resolve(repoDir, process.env.BENCH_EXTRA_SQL) : null,
    appNodeOptions: process.env.BENCH_APP_NODE_OPTIONS ?? "",
  };
}

/**
 * BENCH_PG_SOCKET: unset → Debian's /var/run/postgresql when PostgreSQL listens there, "0" → TCP,
 * else that directory. On one machine the socket is how PostgreSQL is normally reached (psql's
 * default); TCP loopback costs app and floor alike (BENCHMARKS.md, "Fourth pass").
 */
function socketDir(raw: string | undefined): string | null {
  if (raw === "0" || raw === "false") return null;
  const dir = raw || "/var/run/postgresql";
  if (raw && !existsSync(dir)) throw new Error(`BENCH_PG_SOCKET: ${dir} does not exist`);
  return existsSync(`${dir}/.s.PGSQL.5432`) ? dir : null;
}

/** The URL the app and the floor get: the benchmark database, over the socket when there is one. */
export function serverDatabaseUrl(config: Pick<BenchConfig, "databaseUrl" | "pgSocketDir">): string {
  if (!config.pgSocketDir) return config.databaseUrl;
  const url = new URL(config.databaseUrl);
  url.searchParams.set("host", config.pgSocketDir);
  return url.toString();
}

/** Refuses anything but a local database whose name says it is a benchmark database. */
export function assertBenchDatabase(url: string): { name: string; adminUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(parsed.hostname) || !/bench/.test(name) || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Refusing to use ${parsed.hostname}/${name}: the benchmark only creates/resets LOCAL databases whose name contains "bench".`);
  }
  parsed.pathname = "/postgres";
  return { name, adminUrl: parsed.toString() };
}
