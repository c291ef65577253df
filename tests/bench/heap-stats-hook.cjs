// Live heap versus RSS of a server under load, for `--require` in NODE_OPTIONS (where Node refuses
// --expose-gc): on SIGUSR2 the process runs two full GCs and appends one line to HEAP_LOG (default
// /tmp/koppel-heap.log) with RSS, used and total heap before → after; with HEAP_SNAP_DIR set it also
// writes a heap snapshot there. Usage: BENCHMARKS.md, "Open".
const v8 = require("node:v8");
const vm = require("node:vm");
const fs = require("node:fs");
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const mb = (bytes) => (bytes / 1048576).toFixed(0);
process.on("SIGUSR2", () => {
  const before = process.memoryUsage();
  gc();
  gc();
  const after = process.memoryUsage();
  fs.appendFileSync(
    process.env.HEAP_LOG || "/tmp/koppel-heap.log",
    `${new Date().toISOString()} pid ${process.pid} rss ${mb(before.rss)}→${mb(after.rss)} MB, heap used ${mb(before.heapUsed)}→${mb(after.heapUsed)} MB, heap total ${mb(before.heapTotal)}→${mb(after.heapTotal)} MB, external ${mb(after.external)} MB\n`,
  );
  if (process.env.HEAP_SNAP_DIR) v8.writeHeapSnapshot(`${process.env.HEAP_SNAP_DIR}/${process.pid}-${Date.now()}.heapsnapshot`);
});
