import { getMessageForStaff } from "@/lib/admin/protocol-messages";
import { getStaffUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";

// GET /admin/messages/:id/download — the logged payload as a file (secrets were redacted before logging)
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getStaffUser();
  const { id } = await params;
  if (!staff || !/^\d{1,12}$/.test(id)) return new Response("Not found", { status: 404 });
  try {
    const message = await getMessageForStaff(staff, Number(id));
    const xml = message.payload.trimStart().startsWith("<");
    return new Response(message.payload, {
      headers: {
        "content-type": xml ? "application/xml; charset=utf-8" : "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="${message.type}-${message.id}.${xml ? "xml" : "txt"}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error)) return new Response("Not found", { status: 404 });
    throw error;
  }
}
