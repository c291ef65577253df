import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { serverDatabaseUrl, type BenchConfig } from "./config";

/** A server process started in its own process group, stopped with the whole group. */
export interface RunningServer {
  name: string;
  port: number;
  pid: number;
  logPath: string;
  /** The process whose memory is reported (next-server, or the floor itself). */
  memoryPid(): number;
  exited(): boolean;
  stop(): Promise<void>;
}

const running = new Set<RunningServer>();

/** Stops every server this run started; safe to call repeatedly and from exit handlers. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** Last resort on process exit: synchronous SIGKILL to our own process groups only. */
export function killAllSync(): void {
  for (const server of running) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

// What never goes into the app snapshot (nor into its source hash): dependencies, build output,
// local data, tests and documentation (so writing BENCHMARKS.md does not force a rebuild).
const SKIP = new Set(["node_modules", ".next", ".data", ".git", "test-results", "coverage", "bench-data", "tests"]);

function listSources(root: string, dir = ""): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (SKIP.has(entry.name) || /\.(md|tsbuildinfo)$/.test(entry.name) || entry.name.startsWith(".env")) return [];
    if (entry.isDirectory()) return listSources(root, relative);
    return entry.isFile() ? [relative] : [];
  });
}

function hashFiles(root: string, files: string[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

/**
 * The app the benchmark runs: by default a snapshot of the working tree in BENCH_WORK_DIR (own
 * `.next`, node_modules hard-linked), so building never races the `.next` of `npm test` or of other
 * people working in the same checkout, and the code measured cannot change mid-run. BENCH_IN_PLACE=1
 * builds and runs the working tree itself. The build is skipped when the sources are unchanged since
 * the last benchmark build (or always with BENCH_SKIP_BUILD=1).
 */
export async function prepareApp(config: BenchConfig, log: (line: string) => void): Promise<{ dir: string; built: boolean; buildSeconds: number | null; sourceHash: string }> {
  const dir = config.inPlace ? config.repoDir : path.join(config.workDir, "app");
  const files = listSources(config.repoDir);
  const sourceHash = hashFiles(config.repoDir, files);
  if (!config.inPlace) {
    mkdirSync(dir, { recursive: true });
    const wanted = new Set(files);
    for (const stale of listSources(dir).filter((file) => !wanted.has(file))) rmSync(path.join(dir, stale));
    for (const file of files) {
      const from = path.join(config.repoDir, file);
      const to = path.join(dir, file);
      if (!existsSync(to) || !readFileSync(to).equals(readFileSync(from))) {
        mkdirSync(path.dirname(to), { recursive: true });
        cpSync(from, to);
      }
    }
    const lockHash = hashFiles(config.repoDir, ["package-lock.json"]);
    const lockMarker = path.join(dir, ".bench-node-modules");
    if (!existsSync(path.join(dir, "node_modules")) || !existsSync(lockMarker) || readFileSync(lockMarker, "utf8") !== lockHash) {
      log("linking node_modules into the snapshot (cp -al)…");
      rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
      const copy = spawnSync("cp", ["-al", path.join(config.repoDir, "node_modules"), path.join(dir, "node_modules")], { stdio: "inherit" });
      if (copy.status !== 0) throw new Error("could not link node_modules into the snapshot");
      writeFileSync(lockMarker, lockHash);
    }
  }
  const builtMarker = path.join(dir, ".next", "BENCH_SOURCE_HASH");
  const fresh = existsSync(path.join(dir, ".next", "BUILD_ID")) && existsSync(builtMarker) && readFileSync(builtMarker, "utf8") === sourceHash;
  if (config.skipBuild || fresh) {
    if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error(`no build in ${dir}/.next: run without BENCH_SKIP_BUILD once`);
    log(config.skipBuild ? `build skipped (BENCH_SKIP_BUILD=1), using ${dir}/.next` : `build is up to date with the sources (${dir}/.next)`);
    return { dir, built: false, buildSeconds: null, sourceHash };
  }
  log(`building the app in ${dir} (next build)…`);
  const started = performance.now();
  const logPath = path.join(config.workDir, "next-build.log");
  mkdirSync(config.workDir, { recursive: true });
  const out = openSync(logPath, "w");
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
    delete env.DATABASE_URL; // the build never touches a database
    const build = spawnSync(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], { cwd: dir, env, stdio: ["ignore", out, out] });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status}); see ${logPath}:\n${tail(logPath, 40)}`);
  } finally {
    closeSync(out);
  }
  writeFileSync(builtMarker, sourceHash);
  const buildSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  log(`built in ${buildSeconds} s`);
  return { dir, built: true, buildSeconds, sourceHash };
}

/** `extraEnv`: variables for the app process on top of the benchmark's (e.g. MALLOC_ARENA_MAX in an A/B). */
export function startApp(appDir: string, config: BenchConfig, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({
    name: "app",
    port: config.appPort,
    cwd: appDir,
    command: process.execPath,
    args: [path.join(appDir, "node_modules/next/dist/bin/next"), "start", "-p", String(config.appPort), "-H", "127.0.0.1"],
    env: {
      DATABASE_URL: serverDatabaseUrl(config),
      AUTH_SECRET: config.authSecret,
      SEED_DEMO: "0",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(config.appNodeOptions ? { NODE_OPTIONS: config.appNodeOptions } : {}),
      ...extraEnv,
    },
    healthPath: "/api/health",
    logPath: path.join(config.workDir, "app-server.log"),
    memoryProcess: /next-server/,
  });
}

export function startFloor(config: BenchConfig): Promise<RunningServer> {
  return startServer({
    name: "floor",
    port: config.floorPort,
    cwd: config.repoDir,
    command: process.execPath,
    args: ["--conditions=react-server", "--import", "tsx", path.join(config.repoDir, "tests/bench/floor.ts")],
    env: { BENCH_DATABASE_URL: serverDatabaseUrl(config), BENCH_FLOOR_PORT: String(config.floorPort), NODE_ENV: "production" },
    healthPath: "/health",
    logPath: path.join(config.workDir, "floor-server.log"),
    memoryProcess: null,
  });
}

interface ServerSpec {
  name: string;
  port: number;
  cwd: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  healthPath: string;
  logPath: string;
  /** Which descendant to report memory for; null: the started process itself. */
  memoryProcess: RegExp | null;
}

async function startServer(spec: ServerSpec): Promise<RunningServer> {
  if (await portInUse(spec.port)) {
    throw new Error(`port ${spec.port} is already in use: is an earlier benchmark still running? (the ${spec.name} server needs it)`);
  }
  mkdirSync(path.dirname(spec.logPath), { recursive: true });
  const out = openSync(spec.logPath, "w");
  const env: NodeJS.ProcessEnv = { ...process.env, ...spec.env };
  // The app must not inherit the caller's database or port settings.
  delete env.PGLITE_DIR;
  delete env.PORT;
  const child: ChildProcess = spawn(spec.command, spec.args, { cwd: spec.cwd, env, detached: true, stdio: ["ignore", out, out] });
  closeSync(out);
  if (!child.pid) throw new Error(`could not start the ${spec.name} server`);
  const pid = child.pid;
  let exitCode: number | null | undefined;
  const exitedPromise = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exitCode = code;
      resolve();
    }),
  );
  let memoryPid: number | null = null;
  const server: RunningServer = {
    name: spec.name,
    port: spec.port,
    pid,
    logPath: spec.logPath,
    exited: () => exitCode !== undefined,
    memoryPid() {
      if (memoryPid !== null && existsSync(`/proc/${memoryPid}`)) return memoryPid;
      const candidates = [pid, ...descendants(pid)];
      memoryPid = (spec.memoryProcess && candidates.find((p) => spec.memoryProcess!.test(commandLine(p)))) || pid;
      return memoryPid;
    },
    async stop() {
      if (!running.has(server)) return;
      running.delete(server);
      if (exitCode !== undefined) return;
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return;
      }
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5000).unref());
      if ((await Promise.race([exitedPromise, timeout])) === "timeout") {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }
    },
  };
  running.add(server);
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the ${spec.name} server exited (code ${exitCode}):\n${tail(spec.logPath, 40)}`);
    try {
      const response = await fetch(`http://127.0.0.1:${spec.port}${spec.healthPath}`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await server.stop();
  throw new Error(`the ${spec.name} server did not become healthy within 180 s:\n${tail(spec.logPath, 40)}`);
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while listing
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** Resident memory of a process in MB (VmRSS), or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS until stopped; returns the peak in MB. */
export function sampleRss(pid: number, intervalMs = 200): { stop(): number | null } {
  let peak: number | null = rssMb(pid);
  const timer = setInterval(() => {
    const value = rssMb(pid);
    if (value !== null && (peak === null || value > peak)) peak = value;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const value = rssMb(pid);
      if (value !== null && (peak === null || value > peak)) peak = value;
      return peak;
    },
  };
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}
