// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The secret box's key is derived from AUTH_SECRET when no CREDENTIALS_KEY is set (tests/run-all.sh sets it).
vi.hoisted(() => {
  process.env.AUTH_SECRET ||= "koppel-test-secret-0123456789abcdef0123456789";
});

import type { DatabaseHandle } from "@/db/client";
import { accountSecurityEvents, companies, favoriteLists, mailOutbox, punchoutSessions, userTwoFactor, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { getCurrentUser, requireBuyer, requireStaff, requireUser } from "@/lib/auth/guards";
import { hashToken, PUNCHOUT_COOKIE } from "@/lib/punchout/browser-session";
import { getShopContext } from "@/lib/shop-context";
import { totpCode } from "@/lib/two-step/totp";
import { twoStepOverview } from "@/lib/two-step/two-step";
import { addCompanyUser, openPunchoutSession } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * A customer requires two-step verification of all its users: who may require it (the company
 * admin only with their own on; the customer's account manager or an admin regardless; another
 * manager's customer is not found), whom turning it on mails, and what a user without it can still
 * reach — through the real guards, action wrappers and server actions, with the signed-in user read
 * from the database as on every request.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "nl", getTranslations: async () => (key: string) => key }));

const { setTwoStepRequirementAction, resetColleagueTwoStepAction } = await import("@/app/(shop)/account/users/two-step-actions");
const { setCustomerTwoStepRequirementAction, resetTwoStepAction } = await import("@/app/admin/two-step/actions");
const { startTwoStepAction, confirmTwoStepAction } = await import("@/app/(shop)/account/profile/two-step-actions");
const { createListAction, loadEditableListsAction } = await import("@/app/(shop)/favorites/actions");
const { quickOrderRowsAction, suggestProductsAction } = await import("@/app/(shop)/quick-order/actions");
const { setLocaleAction } = await import("@/app/(shop)/actions");
const { startViewAsAction } = await import("@/app/admin/view-as/actions");
const ordersExport = await import("@/app/(shop)/account/orders/export/route");
const articleNumbersExport = await import("@/app/(shop)/account/article-numbers/export/route");
const { downloadInvoice } = await import("@/app/(shop)/account/invoices/[number]/download");

const PASSWORD = "verplicht-voor-iedereen-2026";
const SETUP = "/account/profile?twoStep=required";
const idle = { status: "idle" } as const;
const form = (values: Record<string, string | number>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
};
const as = (userId: number) => {
  request.userId = userId;
};

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
type User = Awaited<ReturnType<typeof addCompanyUser>>;
let customer: Customer;
let other: Customer;
let admin: User;
let adminWithout: User;
let buyer: User;
let approverEn: User;
let pending: User;
let withTwoStep: User;
let invited: User;
let inactive: User;
let manager: { id: number; name: string };
let otherManager: { id: number };
let managerWithout: { id: number };
let product: { sku: string };

const turnOnTwoStep = (userId: number) => handle.db.insert(userTwoFactor).values({ userId, secretSealed: "sealed-for-the-test", confirmedAt: new Date() });
const required = async (companyId = customer.company.id) =>
  (await handle.db.select({ required: companies.twoStepRequired }).from(companies).where(eq(companies.id, companyId)))[0]!.required;
const requiredMails = () => handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "two_step_required")).orderBy(mailOutbox.id);
/** Where a guard sent the request: the value it returned, a redirect, or the 404 page. */
async function outcome<T>(call: () => Promise<T>): Promise<{ value: T } | { redirect: string } | { notFound: true }> {
  try {
    const result = await runAction(call);
    return "redirect" in result ? result : { value: result.state };
  } catch (error) {
    if (String((error as { digest?: string }).digest).startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { notFound: true };
    throw error;
  }
}
const reach = async (path: string, options?: { twoStepSetup?: boolean }) => {
  const result = await outcome(() => requireBuyer(path, options));
  return "value" in result ? { id: result.value.id } : result;
};

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  product = await createProduct(handle, (await createCategory(handle)).id);
  const hash = await hashPassword(PASSWORD);
  admin = await addCompanyUser(handle, customer, "company_admin", { passwordHash: hash });
  adminWithout = await addCompanyUser(handle, customer, "company_admin", { passwordHash: hash });
  buyer = await addCompanyUser(handle, customer, "buyer", { passwordHash: hash });
  approverEn = await addCompanyUser(handle, customer, "approver", { passwordHash: hash, locale: "en" });
  pending = await addCompanyUser(handle, customer, "buyer", { passwordHash: hash });
  withTwoStep = await addCompanyUser(handle, customer, "buyer", { passwordHash: hash });
  invited = await addCompanyUser(handle, customer, "buyer", { passwordHash: null });
  inactive = await addCompanyUser(handle, customer, "buyer", { passwordHash: hash });
  await handle.db.update(users).set({ active: false }).where(eq(users.id, inactive.id));
  await turnOnTwoStep(admin.id);
  await turnOnTwoStep(withTwoStep.id);
  // Only started the setup: a pending secret is no two-step verification.
  await handle.db.insert(userTwoFactor).values({ userId: pending.id, secretSealed: "sealed-pending" });
  const staffManager = await createStaff(handle, "account_manager", [customer.company.id]);
  manager = { id: staffManager.id, name: staffManager.name };
  otherManager = await createStaff(handle, "account_manager", [other.company.id]);
  managerWithout = await createStaff(handle, "account_manager", [customer.company.id]);
}, 120_000);
afterAll(() => fresh?.dispose());

describe("requiring two-step verification of all the company's users", () => {
  it("is off at first: a user without it reaches every page", async () => {
    as(buyer.id);
    expect(await reach("/cart")).toEqual({ id: buyer.id });
    expect((await getCurrentUser())?.companyTwoStepRequired).toBe(false);
  });

  it("a company admin without their own cannot require it (they would lock themselves out); nothing is stored or mailed", async () => {
    as(adminWithout.id);
    expect(await setTwoStepRequirementAction(idle, form({ required: "on" }))).toMatchObject({ status: "error", message: "two_step_yours_first" });
    expect(await required()).toBe(false);
    expect(await requiredMails()).toEqual([]);
  });

  it("only company admins decide it, and only for their own company", async () => {
    as(buyer.id);
    expect(await setTwoStepRequirementAction(idle, form({ required: "on" }))).toMatchObject({ status: "error", message: "company_admin_only" });
    expect(await required()).toBe(false);
  });

  it("a company admin with their own requires it: exactly the active users with a password and without it are mailed, in their language", async () => {
    as(admin.id);
    const answer = await setTwoStepRequirementAction(idle, form({ required: "on" }));
    expect(answer).toEqual({ status: "ok", message: "two_step_requirement_on", data: { count: 5 } });
    expect(await required()).toBe(true);
    expect(await required(other.company.id)).toBe(false);
    const mails = await requiredMails();
    // The customer's first buyer (fixture) has a password too; the admin with it, the user with it, the
    // invited user without a password and the deactivated user are not mailed. A pending setup counts as none.
    expect(mails.map((mail) => mail.toEmail).sort()).toEqual([customer.user.email, adminWithout.email, buyer.email, approverEn.email, pending.email].sort());
    expect(mails).toHaveLength(5);
    const english = mails.find((mail) => mail.toEmail === approverEn.email)!;
    expect(english.subject).toBe(`Two-step verification is required at ${customer.company.name}`);
    expect(english.bodyText).toContain(`set by ${admin.name}`);
    expect(mails.find((mail) => mail.toEmail === buyer.email)!.subject).toBe(`Tweestapsverificatie is verplicht bij ${customer.company.name}`);
    for (const notMailed of [admin, withTwoStep, invited, inactive]) expect(mails.some((mail) => mail.toEmail === notMailed.email)).toBe(false);
    const [event] = await handle.db.select().from(accountSecurityEvents).where(eq(accountSecurityEvents.kind, "company_two_step_required"));
    expect(event).toMatchObject({ userId: admin.id, companyId: customer.company.id, actorUserId: admin.id, actorName: admin.name, actorRole: "company_admin" });
  });

  it("saving it again changes nothing and mails nobody again", async () => {
    as(admin.id);
    expect(await setTwoStepRequirementAction(idle, form({ required: "on" }))).toMatchObject({ status: "ok", message: "two_step_requirement_unchanged" });
    expect(await requiredMails()).toHaveLength(5);
  });
});

describe("a user without two-step verification while it is required", () => {
  it("is read with the requirement, without a query of its own", async () => {
    as(buyer.id);
    expect(await getCurrentUser()).toMatchObject({ id: buyer.id, companyTwoStepRequired: true, twoStepSince: null });
  });

  it("is sent from every shop page to the profile, which stays open to them", async () => {
    as(buyer.id);
    for (const path of ["/cart", "/checkout", "/account", "/account/orders", "/favorites", "/quick-order", "/account/users"]) expect(await reach(path)).toEqual({ redirect: SETUP });
    expect(await outcome(() => requireUser("/account"))).toEqual({ redirect: SETUP });
    // The catalogue and the product pages (no sign-in needed, so no requireBuyer) read the shop context.
    expect(await outcome(() => getShopContext())).toEqual({ redirect: SETUP });
    expect(await reach("/account/profile", { twoStepSetup: true })).toEqual({ id: buyer.id });
    // Also an approver and a company admin.
    as(adminWithout.id);
    expect(await reach("/account/users")).toEqual({ redirect: SETUP });
    // Not the back office: buyers get its 404 as always.
    expect(await outcome(() => requireStaff("/admin"))).toEqual({ notFound: true });
  });

  it("has their actions refused, with nothing done", async () => {
    as(buyer.id);
    expect(await createListAction(idle, form({ name: "Mag niet" }))).toEqual({ status: "error", code: "forbidden", message: "two_step_required" });
    expect(await handle.db.select().from(favoriteLists).where(eq(favoriteLists.ownerUserId, buyer.id))).toEqual([]);
    expect(await quickOrderRowsAction({ status: "idle" }, form({ sku: "X-1", quantity: "1" }))).toEqual({ status: "error", code: "forbidden", message: "two_step_required" });
    // Nor their lists or product suggestions (server functions outside the wrappers).
    await handle.db.insert(favoriteLists).values({ companyId: customer.company.id, ownerUserId: buyer.id, name: "Eigen lijst" });
    expect(await loadEditableListsAction()).toEqual([]);
    expect(await suggestProductsAction(product.sku)).toEqual([]);
    // A company admin without it cannot lift the requirement either (or reset a colleague's).
    as(adminWithout.id);
    expect(await setTwoStepRequirementAction(idle, form({}))).toMatchObject({ status: "error", message: "two_step_required" });
    expect(await resetColleagueTwoStepAction(idle, form({ userId: withTwoStep.id }))).toMatchObject({ status: "error", message: "two_step_required" });
    expect(await required()).toBe(true);
  });

  it("gets no downloads: the order and article number exports and invoices send them to the profile", async () => {
    as(buyer.id);
    expect(await outcome(() => ordersExport.GET(new Request("http://localhost/account/orders/export")))).toEqual({ redirect: SETUP });
    expect(await outcome(() => articleNumbersExport.GET())).toEqual({ redirect: SETUP });
    expect(await outcome(() => downloadInvoice({ params: Promise.resolve({ number: "F2026-00001" }) }, "pdf"))).toEqual({ redirect: SETUP });
  });

  it("keeps the language switch", async () => {
    as(buyer.id);
    expect(await outcome(() => setLocaleAction(form({ locale: "en", returnTo: "/account/profile" })))).toEqual({ redirect: "/account/profile" });
    expect((await handle.db.select({ locale: users.locale }).from(users).where(eq(users.id, buyer.id)))[0]!.locale).toBe("en");
    await handle.db.update(users).set({ locale: "nl" }).where(eq(users.id, buyer.id));
  });

  it("sets it up on the profile (its actions stay open), and then reaches everything again", async () => {
    as(buyer.id);
    expect(await startTwoStepAction(idle, form({}))).toEqual({ status: "ok", message: "enrolment_started" });
    const secret = (await twoStepOverview(buyer)).enrolment!.secret.replace(/ /g, "");
    const confirmed = await confirmTwoStepAction(idle, form({ password: PASSWORD, code: totpCode(secret, Date.now()) }));
    expect(confirmed).toMatchObject({ status: "ok", message: "two_step_enabled" });
    expect(await reach("/cart")).toEqual({ id: buyer.id });
    expect((await getShopContext()).buyer?.id).toBe(buyer.id);
    expect(await runAction(() => createListAction(idle, form({ name: "Nu wel" })))).toEqual({ redirect: expect.stringMatching(/^\/favorites\/\d+$/) });
    expect((await loadEditableListsAction()).map((list) => list.name).sort()).toEqual(["Eigen lijst", "Nu wel"]);
    expect((await suggestProductsAction(product.sku)).length).toBeGreaterThan(0);
  });

  it("users who have it go on as before", async () => {
    as(withTwoStep.id);
    expect(await reach("/checkout")).toEqual({ id: withTwoStep.id });
  });
});

describe("not affected", () => {
  it("a punchout session of a user without it (the procurement system signed them in, not a password)", async () => {
    const session = await openPunchoutSession(handle, { id: approverEn.id, companyId: customer.company.id });
    const token = "punchout-token-of-the-test-0123456789";
    await handle.db.update(punchoutSessions).set({ sessionTokenHash: hashToken(token) }).where(eq(punchoutSessions.id, session.sessionId));
    request.userId = null;
    request.cookies.set(PUNCHOUT_COOKIE, token);
    try {
      expect(await getCurrentUser()).toMatchObject({ id: approverEn.id, punchout: { sessionId: session.sessionId }, twoStepSince: null, companyTwoStepRequired: true });
      expect(await reach("/cart")).toEqual({ id: approverEn.id });
      expect(await runAction(() => createListAction(idle, form({ name: "Vanuit punchout" })))).toEqual({ redirect: expect.stringMatching(/^\/favorites\/\d+$/) });
    } finally {
      request.cookies.delete(PUNCHOUT_COOKIE);
    }
    // The same user signed in with their password is sent to set it up.
    as(approverEn.id);
    expect(await reach("/cart")).toEqual({ redirect: SETUP });
  });

  it("staff viewing the shop as a user without it", async () => {
    as(manager.id);
    request.cookies.clear();
    expect(await runAction(() => startViewAsAction(idle, form({ userId: pending.id, minutes: 15 })))).toEqual({ redirect: "/" });
    try {
      expect(await getCurrentUser()).toMatchObject({ id: pending.id, impersonatedBy: { id: manager.id } });
      expect(await reach("/cart")).toEqual({ id: pending.id });
      expect((await getShopContext()).buyer?.id).toBe(pending.id);
    } finally {
      request.cookies.clear();
    }
    as(pending.id);
    expect(await reach("/cart")).toEqual({ redirect: SETUP });
  });

  it("another customer's users", async () => {
    as(other.user.id);
    expect(await reach("/cart")).toEqual({ id: other.user.id });
  });
});

describe("a reset while it is required", () => {
  it("sends the user to set it up again at their next visit (staff's reset and the company admin's)", async () => {
    as(withTwoStep.id);
    expect(await reach("/cart")).toEqual({ id: withTwoStep.id });
    as(manager.id);
    expect(await resetTwoStepAction(idle, form({ companyId: customer.company.id, userId: withTwoStep.id }))).toMatchObject({ status: "ok", message: "reset_done" });
    as(withTwoStep.id);
    expect(await reach("/cart")).toEqual({ redirect: SETUP });
    expect(await reach("/account/profile", { twoStepSetup: true })).toEqual({ id: withTwoStep.id });

    // The user who had only started the setup finished it; then their company admin resets it.
    await handle.db.update(userTwoFactor).set({ confirmedAt: new Date() }).where(eq(userTwoFactor.userId, pending.id));
    as(pending.id);
    expect(await reach("/cart")).toEqual({ id: pending.id });
    as(admin.id);
    expect(await resetColleagueTwoStepAction(idle, form({ userId: pending.id }))).toMatchObject({ status: "ok", message: "reset_done" });
    as(pending.id);
    expect(await reach("/cart")).toEqual({ redirect: SETUP });
  });
});

describe("staff deciding it on the customer's Users page", () => {
  it("another manager's customer is not found, and nothing changes", async () => {
    as(otherManager.id);
    expect(await setCustomerTwoStepRequirementAction(idle, form({ companyId: customer.company.id }))).toMatchObject({ status: "error", code: "not_found", message: "customer_not_found" });
    expect(await required()).toBe(true);
    // A buyer is no staff member at all.
    as(withTwoStep.id);
    expect(await setCustomerTwoStepRequirementAction(idle, form({ companyId: customer.company.id }))).toMatchObject({ status: "error", code: "not_found" });
    expect(await required()).toBe(true);
  });

  it("the customer's account manager lifts it (logged), and requires it again without having it themselves; the mails go to who lacks it then", async () => {
    as(managerWithout.id);
    expect(await setCustomerTwoStepRequirementAction(idle, form({ companyId: customer.company.id }))).toEqual({ status: "ok", message: "two_step_requirement_off", data: { count: 0 } });
    expect(await required()).toBe(false);
    as(pending.id);
    expect(await reach("/cart")).toEqual({ id: pending.id });

    const before = (await requiredMails()).length;
    as(managerWithout.id);
    const answer = await setCustomerTwoStepRequirementAction(idle, form({ companyId: customer.company.id, required: "on" }));
    expect(answer).toMatchObject({ status: "ok", message: "two_step_requirement_on" });
    const mails = (await requiredMails()).slice(before);
    // The buyer set it up meanwhile; the reset users lack it again.
    expect(mails.map((mail) => mail.toEmail).sort()).toEqual([customer.user.email, adminWithout.email, approverEn.email, pending.email, withTwoStep.email].sort());
    expect(answer).toMatchObject({ data: { count: 5 } });
    const events = await handle.db
      .select({ kind: accountSecurityEvents.kind, actorUserId: accountSecurityEvents.actorUserId, actorRole: accountSecurityEvents.actorRole })
      .from(accountSecurityEvents)
      .where(and(eq(accountSecurityEvents.companyId, customer.company.id), inArray(accountSecurityEvents.kind, ["company_two_step_required", "company_two_step_not_required"])))
      .orderBy(accountSecurityEvents.id);
    expect(events).toEqual([
      { kind: "company_two_step_required", actorUserId: admin.id, actorRole: "company_admin" },
      { kind: "company_two_step_not_required", actorUserId: managerWithout.id, actorRole: "account_manager" },
      { kind: "company_two_step_required", actorUserId: managerWithout.id, actorRole: "account_manager" },
    ]);
  });

  it("an admin decides it for any customer", async () => {
    const anAdmin = await createStaff(handle, "admin");
    as(anAdmin.id);
    expect(await setCustomerTwoStepRequirementAction(idle, form({ companyId: other.company.id, required: "on" }))).toMatchObject({ status: "ok", message: "two_step_requirement_on" });
    expect(await required(other.company.id)).toBe(true);
    as(other.user.id);
    expect(await reach("/cart")).toEqual({ redirect: SETUP });
  });
});
