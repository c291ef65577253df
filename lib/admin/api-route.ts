import "server-only";
import { getStaffUser, type StaffUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { authenticateApiKey } from "./api-keys";

/**
 * The guard of every /admin/api route: a staff member's bearer API key. Everyone else gets a 404
 * (buyers included, like every /admin page); a presented but invalid key gets a 401 so API
 * clients can tell a wrong key from a wrong URL.
 */
export async function withStaffApi(request: Request, handler: (staff: StaffUser) => Promise<Response>): Promise<Response> {
  const authorization = request.headers.get("authorization");
  const staff = authorization ? await authenticateApiKey(authorization, new Date()) : null;
  if (!staff) {
    if (authorization) return Response.json({ error: "invalid_api_key" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="koppel"' } });
    // A signed-in staff member may use the API from the browser too; anyone else: not found.
    const sessionStaff = await getStaffUser();
    if (!sessionStaff) return Response.json({ error: "not_found" }, { status: 404 });
    return run(sessionStaff, handler);
  }
  return run(staff, handler);
}

async function run(staff: StaffUser, handler: (staff: StaffUser) => Promise<Response>): Promise<Response> {
  try {
    return await handler(staff);
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message, code: error.code, details: error.details ?? null }, { status: error.httpStatus });
    throw error;
  }
}
