import { pingDatabase } from "@/lib/data/database";

// GET /api/health — liveness plus a database ping, for CI, e2e and load balancers.
export async function GET() {
  const dbOk = await pingDatabase();
  return Response.json(
    { status: dbOk ? "ok" : "degraded", db: dbOk ? "ok" : "down" },
    { status: dbOk ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
