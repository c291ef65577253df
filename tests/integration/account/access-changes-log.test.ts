// Who changed a customer's user accounts — invited, role, address, deactivated — is in the account security log,
// whether staff or the company's own admin did it; a change that touches none of those writes nothing there.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { accountSecurityEvents, users } from "@/db/schema";
import { setCompanyUserActive, updateCompanyUser } from "@/lib/account/company-users";
import { inviteCustomerUser, setCustomerUserActive, updateCustomerUserDetails } from "@/lib/admin/customers";
import { listAccountSecurityEvents } from "@/lib/admin/two-step";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let companyAdmin: Awaited<ReturnType<typeof createCompanyWithBuyer>>["user"];
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;

const eventsOf = (userId: number) => handle.db.select().from(accountSecurityEvents).where(eq(accountSecurityEvents.userId, userId)).orderBy(asc(accountSecurityEvents.id));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle);
  const [admin] = await handle.db
    .insert(users)
    .values({ email: `admin-${Date.now()}@klant.test`, name: "Klant Beheerder", role: "company_admin", companyId: customer.company.id, passwordHash: "x" })
    .returning();
  companyAdmin = admin as typeof companyAdmin;
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager");
}, 60_000);
afterAll(() => fresh?.dispose());

const asCompanyAdmin = () => ({ id: companyAdmin.id, companyId: customer.company.id, role: "company_admin" as const, name: "Klant Beheerder", impersonatedBy: null });

describe("access changes of a customer's users in the account security log", () => {
  it("an invitation by staff, with the role it gives", async () => {
    const { id } = await inviteCustomerUser(
      manager,
      { companyId: customer.company.id, name: "Nieuwe Inkoper", email: "nieuwe.inkoper@klant.test", role: "approver", locale: "nl", orderLimit: null },
      { baseUrl: "http://localhost:3000", now: new Date() },
    );
    expect(await eventsOf(id)).toMatchObject([{ kind: "invited", companyId: customer.company.id, actorUserId: manager.id, actorRole: "account_manager", detail: { to: "approver" } }]);
  });

  it("role and address by staff, from what to what; an order limit alone is not an access change", async () => {
    const user = customer.user;
    await updateCustomerUserDetails(manager, { companyId: customer.company.id, userId: user.id, name: user.name, email: "Andere.Inkoper@klant.test", role: "company_admin", locale: "nl", orderLimit: null });
    expect(await eventsOf(user.id)).toMatchObject([
      { kind: "role_changed", detail: { from: "buyer", to: "company_admin" } },
      { kind: "email_changed", detail: { from: user.email, to: "andere.inkoper@klant.test" } },
    ]);
    await updateCompanyUser(asCompanyAdmin(), user.id, { role: "company_admin", orderLimitMinor: 50_000 });
    expect(await eventsOf(user.id)).toHaveLength(2);
  });

  it("the company admin's own changes name them; deactivation and reactivation", async () => {
    const user = customer.user;
    await updateCompanyUser(asCompanyAdmin(), user.id, { role: "buyer", orderLimitMinor: null });
    await setCompanyUserActive(asCompanyAdmin(), user.id, false);
    await setCustomerUserActive(manager, customer.company.id, user.id, true);
    expect((await eventsOf(user.id)).slice(2)).toMatchObject([
      { kind: "role_changed", detail: { from: "company_admin", to: "buyer" }, actorUserId: companyAdmin.id, actorRole: "company_admin", actorName: "Klant Beheerder" },
      { kind: "deactivated", actorRole: "company_admin" },
      { kind: "reactivated", actorUserId: manager.id },
    ]);
  });

  it("the customer's manager sees them in the log; another manager does not", async () => {
    const mine = await listAccountSecurityEvents(manager, { offset: 0, limit: 50 });
    expect(mine.items.map((event) => event.kind)).toEqual(expect.arrayContaining(["invited", "role_changed", "deactivated", "reactivated"]));
    expect((await listAccountSecurityEvents(otherManager, { offset: 0, limit: 50 })).total).toBe(0);
  });

  it("a refused change records nothing", async () => {
    const before = (await eventsOf(customer.user.id)).length;
    await expect(setCustomerUserActive(otherManager, customer.company.id, customer.user.id, false)).rejects.toMatchObject({ code: "not_found" });
    expect(await eventsOf(customer.user.id)).toHaveLength(before);
  });
});
