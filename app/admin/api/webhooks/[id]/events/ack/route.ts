import { withStaffApi } from "@/lib/admin/api-route";
import { id } from "@/lib/admin/schemas";
import { acknowledgePullEvents, pullAckSchema } from "@/lib/admin/webhooks";

// POST /admin/api/webhooks/:id/events/ack {"ids":["evt_…"]} — received; each id is answered.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const endpointId = id.safeParse((await params).id);
  return withStaffApi(request, async (staff) => {
    if (!endpointId.success) return Response.json({ error: "not_found" }, { status: 404 });
    const parsed = pullAckSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return Response.json({ error: "invalid_input", issues: parsed.error.issues }, { status: 400 });
    return Response.json(await acknowledgePullEvents(staff, endpointId.data, parsed.data.ids, new Date()));
  });
}
