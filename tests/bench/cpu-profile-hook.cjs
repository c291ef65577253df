// CPU profile of a whole server process under load, for `--require` in NODE_OPTIONS (where Node
// refuses --cpu-prof): writes PROF_DIR/<pid>.cpuprofile when the process exits (next start exits on
// SIGTERM/SIGINT) or on SIGUSR2. Usage: BENCHMARKS.md, "Open".
const { Session } = require("node:inspector");
const fs = require("node:fs");
const dir = process.env.PROF_DIR || "/tmp/prof";
fs.mkdirSync(dir, { recursive: true });
const session = new Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 250 });
session.post("Profiler.start");
let written = false;
function write() {
  if (written) return;
  written = true;
  session.post("Profiler.stop", (err, result) => {
    if (!err) fs.writeFileSync(`${dir}/${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
}
process.on("exit", write);
process.on("SIGUSR2", write);
