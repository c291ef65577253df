// Why objects of one kind are still alive: the shortest retaining path from the GC roots to each object
// whose constructor is <Name> in a .heapsnapshot (e.g. one written by heap-stats-hook.cjs with
// HEAP_SNAP_DIR), grouped by path, most frequent first. A WeakMap entry's value counts as reachable
// only once both its key and its map are, as the collector sees it (counting either half alone led to
// roots that do not hold anything).
// Usage: node --max-old-space-size=8000 tests/bench/heap-paths.cjs <snapshot> <Name> [groups=4] [steps=30]
// ("ServerResponse": finished requests still held, BENCHMARKS.md "Fourteenth pass").
const fs = require("fs");
const [,, file, name, groupsArg, stepsArg] = process.argv;
if (!file || !name) throw new Error("usage: heap-paths.cjs <snapshot> <constructor name> [groups] [steps]");
const snapshot = JSON.parse(fs.readFileSync(file, "utf8"));
const meta = snapshot.snapshot.meta;
const nodeFields = meta.node_fields, edgeFields = meta.edge_fields, nodeTypes = meta.node_types[0], edgeTypes = meta.edge_types[0];
const N = snapshot.nodes, E = snapshot.edges, S = snapshot.strings, NL = nodeFields.length, EL = edgeFields.length;
const nType = nodeFields.indexOf("type"), nName = nodeFields.indexOf("name"), nEdges = nodeFields.indexOf("edge_count"), nId = nodeFields.indexOf("id");
const eType = edgeFields.indexOf("type"), eName = edgeFields.indexOf("name_or_index"), eTo = edgeFields.indexOf("to_node");
const count = N.length / NL;
const firstEdge = new Uint32Array(count + 1);
for (let i = 0, e = 0; i < count; i++) { firstEdge[i] = e; e += N[i * NL + nEdges] * EL; }
firstEdge[count] = E.length;
const indexOfId = new Map();
for (let i = 0; i < count; i++) indexOfId.set(N[i * NL + nId], i);

// Breadth-first from the root over strong edges; an ephemeron edge waits until the other half is reached.
const viaEdge = new Int32Array(count).fill(-1), parent = new Int32Array(count).fill(-1), reached = new Uint8Array(count);
const waiting = new Map(); // node index → ephemeron edges that need it: [edge, from, to]
const ephemeron = /part of key \([^@]*@(\d+)\) -> value \([^@]*@(\d+)\) pair in WeakMap \(table @(\d+)\)/;
const queue = [0];
reached[0] = 1;
const reach = (to, edge, from) => {
  if (reached[to]) return;
  reached[to] = 1; viaEdge[to] = edge; parent[to] = from; queue.push(to);
  const pending = waiting.get(to);
  if (pending) { waiting.delete(to); for (const [e, f, t] of pending) reach(t, e, f); }
};
for (let q = 0; q < queue.length; q++) {
  const i = queue[q];
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += EL) {
    const type = edgeTypes[E[e + eType]];
    if (type === "weak" || type === "shortcut") continue;
    const to = E[e + eTo] / NL;
    if (type === "internal") {
      const match = ephemeron.exec(String(S[E[e + eName]]));
      if (match) {
        const key = indexOfId.get(Number(match[1])), table = indexOfId.get(Number(match[3]));
        const other = i === key ? table : key;
        if (other !== undefined && !reached[other]) {
          if (!waiting.has(other)) waiting.set(other, []);
          waiting.get(other).push([e, i, to]);
          continue;
        }
      }
    }
    reach(to, e, i);
  }
}

const describeNode = (i) => `${nodeTypes[N[i * NL + nType]]}:${String(S[N[i * NL + nName]]).slice(0, 60)}`;
const describeEdge = (e) => {
  const type = edgeTypes[E[e + eType]];
  return type === "element" || type === "hidden" ? `[${E[e + eName]}]` : `${type}:${String(S[E[e + eName]]).slice(0, 90)}`;
};
const groups = new Map();
let total = 0, unreachable = 0;
for (let i = 0; i < count; i++) {
  if (S[N[i * NL + nName]] !== name || nodeTypes[N[i * NL + nType]] !== "object") continue;
  total++;
  if (!reached[i]) { unreachable++; continue; }
  const steps = [];
  for (let at = i; parent[at] >= 0; at = parent[at]) steps.push(`${describeEdge(viaEdge[at])} of ${describeNode(parent[at])}`);
  const key = steps.reverse().slice(0, Number(stepsArg ?? 30)).join("\n   -> ");
  groups.set(key, (groups.get(key) ?? 0) + 1);
}
console.log(`${total} × ${name}, ${unreachable} not reachable from the roots`);
for (const [path, n] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, Number(groupsArg ?? 4))) console.log(`${n} ×\n   -> ${path}`);
