// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountSecurityEvents, staffApiKeys } from "@/db/schema";
import { createStaffApiKey, revokeStaffApiKey } from "@/lib/admin/api-keys";
import type { StaffUser } from "@/lib/auth/guards";
import { listOtherStaffApiKeys } from "@/lib/data/api-keys";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * Admins oversee every staff member's API keys (/admin/api-keys): they see them all with their owner
 * and may revoke any — the key stops at its next call, and the revocation is in the owner's history.
 * An account manager sees and revokes only their own: another's key is "not found" to them.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { revokeApiKeyAction } = await import("@/app/admin/api-keys/actions");
const { GET } = await import("@/app/admin/api/customers/[id]/credit/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
let colleague: StaffUser;
let companyId: number;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  companyId = (await createCompanyWithBuyer(handle)).company.id;
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [companyId]);
  colleague = await createStaff(handle, "account_manager", [companyId]);
}, 60_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.userId = null;
});

const callWith = (key: string) =>
  GET(new Request(`http://localhost:3000/admin/api/customers/${companyId}/credit`, { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({ id: String(companyId) }),
  });
const revokeAs = (userId: number, keyId: number) => {
  request.userId = userId;
  const form = new FormData();
  form.set("keyId", String(keyId));
  return revokeApiKeyAction({ status: "idle" }, form);
};
const historyOf = (userId: number) =>
  handle.db.select().from(accountSecurityEvents).where(eq(accountSecurityEvents.userId, userId)).then((rows) => rows.filter((row) => row.kind === "api_key_revoked"));

describe("an admin's oversight of staff API keys", () => {
  it("lists every other staff member's key with its owner; the admin's own are not repeated", async () => {
    const managerKey = await createStaffApiKey(manager, "ERP nightly", new Date(), ["credit"]);
    const adminKey = await createStaffApiKey(admin, "Admin's own", new Date(), ["credit"]);
    const listed = await listOtherStaffApiKeys(admin.id);
    expect(listed.find((key) => key.id === managerKey.id)).toMatchObject({
      userId: manager.id,
      name: "ERP nightly",
      scopes: ["credit"],
      lastUsedAt: null,
      revokedAt: null,
      owner: { name: manager.name, email: manager.email, role: "account_manager", active: true },
    });
    expect(listed.some((key) => key.id === adminKey.id)).toBe(false);
    expect(listed[0]).not.toHaveProperty("tokenHash");
  });

  it("an admin revokes a manager's key: it gets 401 at once, and the manager's history says who revoked which key", async () => {
    const { id, key } = await createStaffApiKey(manager, "Leaked ERP key", new Date(), ["credit"]);
    expect((await callWith(key)).status).toBe(200);

    expect(await revokeAs(admin.id, id)).toMatchObject({ status: "ok" });
    const refused = await callWith(key);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_api_key", code: "unauthenticated" });

    const [stored] = await handle.db.select().from(staffApiKeys).where(eq(staffApiKeys.id, id));
    expect(stored!.revokedAt).not.toBeNull();
    const events = await historyOf(manager.id);
    expect(events).toEqual([
      expect.objectContaining({ companyId: null, actorUserId: admin.id, actorName: admin.name, actorRole: "admin", detail: { apiKey: `Leaked ERP key (${key.slice(0, 10)}…)` } }),
    ]);
    // Revoked once is revoked: again is "not found", and not recorded twice.
    expect(await revokeAs(admin.id, id)).toMatchObject({ status: "error", code: "not_found" });
    expect(await historyOf(manager.id)).toHaveLength(1);
  });

  it("an account manager cannot revoke a colleague's key (404), nor see it; their own they can", async () => {
    const colleagues = await createStaffApiKey(colleague, "Colleague's feed", new Date(), ["credit"]);
    expect(await revokeAs(manager.id, colleagues.id)).toMatchObject({ status: "error", code: "not_found" });
    await expect(revokeStaffApiKey(manager, colleagues.id, new Date())).rejects.toMatchObject({ code: "not_found", httpStatus: 404 });
    expect((await callWith(colleagues.key)).status).toBe(200);
    expect(await historyOf(colleague.id)).toEqual([]);

    const own = await createStaffApiKey(manager, "Own feed", new Date(), ["credit"]);
    expect(await revokeAs(manager.id, own.id)).toMatchObject({ status: "ok" });
    expect((await callWith(own.key)).status).toBe(401);
    expect((await historyOf(manager.id)).at(-1)).toMatchObject({ actorUserId: manager.id, detail: { apiKey: `Own feed (${own.key.slice(0, 10)}…)` } });
  });

  it("a buyer cannot revoke a staff key", async () => {
    const { id, key } = await createStaffApiKey(colleague, "Still working", new Date(), ["credit"]);
    const buyer = await createCompanyWithBuyer(handle);
    expect(await revokeAs(buyer.buyer.id, id)).toMatchObject({ status: "error", code: "not_found" });
    expect((await callWith(key)).status).toBe(200);
  });
});
