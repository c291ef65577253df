// Runs once per server process before requests are served: schema up to date, demo data in place.
// `next build` loads this file too (to prerender); the build must never touch a database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./lib/startup");
  await startServer();
}
