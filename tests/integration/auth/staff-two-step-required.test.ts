// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { securitySettings, userTwoFactor } from "@/db/schema";
import { getStaffUser, requireBuyer, requireStaff } from "@/lib/auth/guards";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * "Two-step verification required for staff" (admin → Settings → Security): who may require it,
 * and what a staff member without it can still reach — only their profile, until it is on.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { saveSecuritySettingsAction } = await import("@/app/admin/settings/security/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: { id: number };
let adminWithout: { id: number };
let manager: { id: number };
let buyer: { id: number };

const idle = { status: "idle" } as const;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};
const as = (userId: number) => {
  request.userId = userId;
};
const turnOnTwoStep = (userId: number) => handle.db.insert(userTwoFactor).values({ userId, secretSealed: "sealed-for-the-test", confirmedAt: new Date() });
const required = async () => (await handle.db.select().from(securitySettings).where(eq(securitySettings.id, 1)))[0]?.staffTwoStepRequired ?? false;
/** requireStaff's answer: the staff member's id, or where it sent them. */
const reach = async (path: string, options?: { twoStepSetup?: boolean }) => {
  const outcome = await runAction(() => requireStaff(path, options));
  return "redirect" in outcome ? { redirect: outcome.redirect } : { id: outcome.state.id };
};

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const customer = await createCompanyWithBuyer(handle);
  buyer = customer.user;
  admin = await createStaff(handle, "admin");
  adminWithout = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  await turnOnTwoStep(admin.id);
}, 60_000);
afterAll(() => fresh?.dispose());

describe("two-step verification required for staff", () => {
  it("is off until an admin turns it on: staff without it reach everything", async () => {
    as(manager.id);
    expect(await reach("/admin/orders")).toEqual({ id: manager.id });
    expect(await getStaffUser()).toMatchObject({ id: manager.id });
  });

  it("an admin without it cannot require it (they would lock themselves out); an account manager cannot at all", async () => {
    as(adminWithout.id);
    expect(await saveSecuritySettingsAction(idle, form({ staffTwoStepRequired: "on" }))).toMatchObject({ status: "error", message: "two_step_yours_first" });
    as(manager.id);
    await turnOnTwoStep(manager.id);
    expect(await saveSecuritySettingsAction(idle, form({ staffTwoStepRequired: "on" }))).toMatchObject({ status: "error", message: "admin_only" });
    await handle.db.delete(userTwoFactor).where(eq(userTwoFactor.userId, manager.id));
    expect(await required()).toBe(false);
  });

  it("once required, staff without it only reach their profile; actions refuse them; everybody else goes on", async () => {
    as(admin.id);
    expect(await saveSecuritySettingsAction(idle, form({ staffTwoStepRequired: "on" }))).toEqual({ status: "ok" });
    expect(await handle.db.select().from(securitySettings)).toMatchObject([{ staffTwoStepRequired: true, updatedByUserId: admin.id }]);
    expect(await reach("/admin/orders")).toEqual({ id: admin.id });

    for (const staffId of [manager.id, adminWithout.id]) {
      as(staffId);
      expect(await reach("/admin/orders")).toEqual({ redirect: "/admin/profile?twoStep=required" });
      expect(await reach("/admin")).toEqual({ redirect: "/admin/profile?twoStep=required" });
      expect(await reach("/admin/profile", { twoStepSetup: true })).toEqual({ id: staffId });
      expect(await getStaffUser()).toBeNull();
    }
    // An admin without it cannot undo the requirement either (the action refuses them like any other).
    as(adminWithout.id);
    expect(await saveSecuritySettingsAction(idle, form({}))).toMatchObject({ status: "error", code: "not_found" });
    expect(await required()).toBe(true);

    // Buyers are not staff: nothing changes for them.
    as(buyer.id);
    expect((await requireBuyer("/cart")).id).toBe(buyer.id);
  });

  it("turning it on opens everything again", async () => {
    await turnOnTwoStep(manager.id);
    as(manager.id);
    expect(await reach("/admin/orders")).toEqual({ id: manager.id });
    expect(await getStaffUser()).toMatchObject({ id: manager.id });
  });

  it("an admin stops requiring it: staff without it reach everything again", async () => {
    as(admin.id);
    expect(await saveSecuritySettingsAction(idle, form({}))).toEqual({ status: "ok" });
    expect(await required()).toBe(false);
    as(adminWithout.id);
    expect(await reach("/admin/orders")).toEqual({ id: adminWithout.id });
  });
});
