// Self time of a .cpuprofile grouped by package (Next.js, Node.js internals, postgres.js, Koppel's own
// code…), mapping the build's chunks back to their sources through the .js.map files next to them.
// Usage: node tests/bench/profile-groups.cjs <profile> <app>/.next/server/chunks [functions per group]
// (with the third argument, each group's functions with the most self time follow its line).
const fs = require("fs"); const path = require("path"); const { SourceMap } = require("module");
const [,, file, chunksDir, perGroup] = process.argv;
if (!file || !chunksDir) throw new Error("usage: profile-groups.cjs <profile.cpuprofile> <app>/.next/server/chunks");
const p = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) || 0) + (p.timeDeltas[i] || 0));
const maps = new Map();
function source(cf) {
  const m = cf.url.match(/\.next\/server\/chunks\/(?:ssr\/)?(.+\.js)$/);
  if (!m) return cf.url;
  const mapFile = path.join(chunksDir, cf.url.includes("/ssr/") ? "ssr/" + m[1] : m[1]) + ".map";
  if (!maps.has(mapFile)) { try { maps.set(mapFile, new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8")))); } catch { maps.set(mapFile, null); } }
  const sm = maps.get(mapFile); if (!sm) return cf.url;
  const e = sm.findEntry(cf.lineNumber, cf.columnNumber);
  return e && e.originalSource ? e.originalSource : cf.url;
}
function where(cf) {
  const m = cf.url.match(/\.next\/server\/chunks\/(?:ssr\/)?(.+\.js)$/);
  const sm = m ? maps.get(path.join(chunksDir, cf.url.includes("/ssr/") ? "ssr/" + m[1] : m[1]) + ".map") : null;
  const e = sm ? sm.findEntry(cf.lineNumber, cf.columnNumber) : null;
  if (e && e.originalSource) return `${e.originalSource.replace(/.*node_modules\//, "").replace(/^.*\[project\]\//, "")}:${e.originalLine + 1}`;
  return cf.url ? `${cf.url.replace(/.*node_modules\//, "")}:${cf.lineNumber + 1}` : "";
}
function group(cf) {
  const f = cf.functionName;
  if (f === "(garbage collector)") return "GC";
  if (f === "(idle)") return null;
  if (f === "(program)") return "V8 (program)";
  const s = source(cf);
  if (/node_modules\/postgres\//.test(s)) return "postgres.js";
  // drizzle's own source maps name its sources src/…
  if (/drizzle-orm|node_modules\/src\//.test(s)) return "drizzle-orm";
  if (/fast-xml-parser|strnum/.test(s)) return "fast-xml-parser";
  if (/react-dom|react-server-dom|next\/dist\/compiled\/react/.test(s)) return "React";
  if (/use-intl|next-intl|intl-messageformat|@formatjs/.test(s)) return "next-intl";
  if (/next-auth|@auth|jose/.test(s)) return "Auth.js/jose";
  if (/node_modules\/next\//.test(s) || /\.next\/server/.test(s) || /turbopack/.test(s)) return "Next.js";
  if (/(^|\/)(lib|app|components|db)\//.test(s) || /\[project\]\/(lib|app|components|db)/.test(s)) return "Koppel code";
  if (s.startsWith("node:") || /^internal/.test(s)) return "Node.js (http, streams, crypto, async hooks…)";
  if (!s) return "native (socket writes, JSON, regexp…)";
  return "other: " + s.replace(/.*node_modules\//, "").split("/")[0];
}
const g = new Map(); const fns = new Map(); let total = 0;
for (const [id, v] of self) {
  const cf = byId.get(id).callFrame;
  const k = group(cf); if (!k) continue;
  total += v; g.set(k, (g.get(k) || 0) + v);
  if (!fns.has(k)) fns.set(k, new Map());
  const fn = `${cf.functionName || "(anonymous)"} ${where(cf)}`;
  fns.get(k).set(fn, (fns.get(k).get(fn) || 0) + v);
}
for (const [k, v] of [...g].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
  console.log(`${(100 * v / total).toFixed(1).padStart(5)}% ${k}`);
  for (const [fn, fv] of [...fns.get(k)].sort((a, b) => b[1] - a[1]).slice(0, Number(perGroup) || 0)) console.log(`        ${(100 * fv / total).toFixed(1).padStart(5)}% ${fn}`);
}
