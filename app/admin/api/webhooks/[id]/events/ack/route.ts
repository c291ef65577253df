import { invalidInput, withStaffApi } from "@/lib/admin/api-route";
import { id } from "@/lib/admin/schemas";
import { acknowledgePullEvents, pullAckSchema } from "@/lib/admin/webhooks";

// POST /admin/api/webhooks/:id/events/ack {"ids":["evt_…"]} — received; each id is answered.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const endpointId = id.safeParse((await params).id);
  return withStaffApi(request, "orders", async (staff) => {
    if (!endpointId.success) return Response.json({ error: "not_found" }, { status: 404 });
    const parsed = pullAckSchema.safeParse(await request.json().catch(() => undefined));
    if (!parsed.success) return invalidInput(parsed.error.issues);
    return Response.json(await acknowledgePullEvents(staff, endpointId.data, parsed.data.ids, new Date()));
  });
}
