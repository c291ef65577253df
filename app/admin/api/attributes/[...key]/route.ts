import { withStaffApi } from "@/lib/admin/api-route";
import { deleteAttributeAsAdmin } from "@/lib/admin/attributes";

const PREFIX = "/admin/api/attributes/";

// DELETE /admin/api/attributes/:key — removes a definition (204; 404 when there is none); products keep their values.
// The key is read from the URL itself, decoded once: keys may hold spaces, "%" and "/" (a catch-all, so
// "lengte%2Fbreedte" arrives whether or not the router split it), and params would be decoded already.
export async function DELETE(request: Request) {
  return withStaffApi(request, "catalog", async (staff) => {
    const path = new URL(request.url).pathname;
    let key: string;
    try {
      key = decodeURIComponent(path.slice(path.indexOf(PREFIX) + PREFIX.length));
    } catch {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    await deleteAttributeAsAdmin(staff, key);
    return new Response(null, { status: 204 });
  });
}
