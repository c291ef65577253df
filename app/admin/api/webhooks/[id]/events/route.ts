import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { id } from "@/lib/admin/schemas";
import { fetchPullEvents, pullFetchSchema } from "@/lib/admin/webhooks";

// GET /admin/api/webhooks/:id/events?limit=50 — a pull endpoint's queued events, oldest first.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const endpointId = id.safeParse((await params).id);
  return withStaffApi(request, "orders", async (staff) => {
    if (!endpointId.success) return Response.json({ error: "not_found" }, { status: 404 });
    const query = pullFetchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return invalidInput(query.error.issues);
    return Response.json(await fetchPullEvents(staff, endpointId.data, query.data.limit, new Date()), { headers: { "cache-control": "no-store" } });
  });
}
