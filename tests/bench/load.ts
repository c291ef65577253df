import { readFileSync } from "node:fs";
import autocannon, { type AutocannonRequest } from "autocannon";
import { sampleRss } from "./servers";

/** What one connection sends, in a loop (its own cookies: one buyer per connection). */
export interface ConnectionPlan {
  headers: Record<string, string>;
  requests: AutocannonRequest[];
}

export interface Measurement {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Unexpected HTTP statuses plus socket errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  socketErrors: number;
  peakRssMb: number | null;
  /** CPU time of the server process per measured request (user + system), ms. */
  serverCpuMs?: number | null;
  /** CPU time of the PostgreSQL backends of the benchmark database per measured request, ms. */
  dbCpuMs?: number | null;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** utime + stime of a process in ms (0 when it is gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

export function summarize(latencies: number[], seconds: number, extra: Omit<Measurement, "requests" | "seconds" | "rps" | "p50" | "p90" | "p99" | "max">): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    ...extra,
  };
}

/**
 * Drives `plans.length` keep-alive connections (one autocannon instance with one connection each,
 * so each keeps its own identity) for `seconds`, and measures every response itself: requests/s
 * counts responses with an expected status only; latency percentiles are over those responses.
 */
export async function drive(options: {
  baseUrl: string;
  plans: ConnectionPlan[];
  seconds: number;
  expected: (status: number) => boolean;
  rssPid?: number;
  /** The PostgreSQL backend pids serving the database (for CPU per request). */
  dbPids?: () => Promise<number[]>;
}): Promise<Measurement> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  let socketErrors = 0;
  const rss = options.rssPid ? sampleRss(options.rssPid) : null;
  const dbBefore = new Map((options.dbPids ? await options.dbPids() : []).map((pid) => [pid, cpuMs(pid)]));
  const serverBefore = options.rssPid ? cpuMs(options.rssPid) : 0;
  const started = performance.now();
  const instances = options.plans.map((plan) => {
    const instance = autocannon({
      url: options.baseUrl,
      connections: 1,
      pipelining: 1,
      duration: options.seconds,
      timeout: 30,
      headers: plan.headers,
      requests: plan.requests,
    });
    instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (options.expected(status)) latencies.push(responseTime);
      else unexpected++;
    });
    instance.on("reqError", () => socketErrors++);
    return instance;
  });
  await Promise.all(instances.map((instance) => Promise.resolve(instance)));
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = options.rssPid ? cpuMs(options.rssPid) - serverBefore : null;
  let dbCpu: number | null = null;
  if (options.dbPids) {
    dbCpu = 0;
    for (const pid of await options.dbPids()) dbCpu += cpuMs(pid) - (dbBefore.get(pid) ?? 0);
  }
  const ok = latencies.length || 1;
  return summarize(latencies, seconds, {
    errors: unexpected + socketErrors,
    statuses,
    socketErrors,
    peakRssMb: rss?.stop() ?? null,
    serverCpuMs: serverCpu === null ? null : serverCpu / ok,
    dbCpuMs: dbCpu === null ? null : dbCpu / ok,
  });
}

/** Rotates through a list, shared by all connections (each request takes the next item). */
export function rotation<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error("nothing to rotate through");
  let next = 0;
  return () => items[next++ % items.length]!;
}
