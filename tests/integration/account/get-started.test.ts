// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { users, userTwoFactor } from "@/db/schema";
import { getStartedItems } from "@/lib/account/get-started";
import { getStartedData } from "@/lib/data/get-started";
import { createCompanyWithBuyer, createPriceList } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The facts behind the home page's "Get started" panel, from the database, and its "Hide" action
 * through the real session guard (only the signed-in customer user puts their own panel away).
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { dismissGetStartedAction } = await import("@/app/(shop)/get-started-actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
beforeAll(async () => {
  fresh = await useFreshDatabase();
}, 120_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.userId = null;
});

const colleague = (companyId: number, email: string, active = true) =>
  fresh.handle.db.insert(users).values({ email, name: email, role: "buyer", companyId, passwordHash: null, active });

describe("Get started: the facts", () => {
  it("counts the company's delivery addresses and colleagues who sign in themselves, the user's confirmed two-step and the company's price lists", async () => {
    const { company, user } = await createCompanyWithBuyer(fresh.handle, "company_admin");
    const stamp = Date.now().toString(36);
    // The fixture's company has one delivery address (and a billing address, which is no delivery address).
    expect(await getStartedData(user.id, company.id)).toMatchObject({ shipToAddresses: 1, colleagues: 0, twoStepOn: false, hasContractPrices: false, dismissedAt: null });
    // A punchout technical user and a deactivated user are no colleagues; an invited one (no password yet) is.
    await colleague(company.id, `punchout-${stamp}@technical.koppel.invalid`);
    await colleague(company.id, `weg-${stamp}@example.test`, false);
    expect((await getStartedData(user.id, company.id))?.colleagues).toBe(0);
    await colleague(company.id, `nieuw-${stamp}@example.test`);
    expect((await getStartedData(user.id, company.id))?.colleagues).toBe(1);
    // A panel closed for good (put away, an old account) does not have the company's counts read.
    expect(await getStartedData(user.id, company.id, () => false)).toMatchObject({ shipToAddresses: 0, colleagues: 0, dismissedAt: null });
    // Two-step counts once confirmed, not while pending.
    await fresh.handle.db.insert(userTwoFactor).values({ userId: user.id, secretSealed: "sealed" });
    expect((await getStartedData(user.id, company.id))?.twoStepOn).toBe(false);
    await fresh.handle.db.update(userTwoFactor).set({ confirmedAt: new Date() }).where(eq(userTwoFactor.userId, user.id));
    expect((await getStartedData(user.id, company.id))?.twoStepOn).toBe(true);
    await createPriceList(fresh.handle, company.id, []);
    const data = (await getStartedData(user.id, company.id))!;
    expect(data.hasContractPrices).toBe(true);
    // Everything done: the panel has nothing left to show.
    expect(getStartedItems({ role: "company_admin", notOwnSession: false, firstCategorySlug: "kantoor", ...data }, new Date())).toEqual([]);
  });

  it("another company's user gets nothing", async () => {
    const mine = await createCompanyWithBuyer(fresh.handle, "company_admin");
    const other = await createCompanyWithBuyer(fresh.handle);
    expect(await getStartedData(mine.user.id, other.company.id)).toBeNull();
  });
});

describe("Get started: Hide", () => {
  it("stores the dismissal on the signed-in user, and a second press keeps the first time", async () => {
    const { company, user } = await createCompanyWithBuyer(fresh.handle, "company_admin");
    request.userId = user.id;
    expect(await runAction(() => dismissGetStartedAction())).toEqual({ redirect: "/" });
    const first = (await getStartedData(user.id, company.id))!.dismissedAt;
    expect(first).toBeInstanceOf(Date);
    expect(getStartedItems({ role: "company_admin", notOwnSession: false, firstCategorySlug: "kantoor", ...(await getStartedData(user.id, company.id))! }, new Date())).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runAction(() => dismissGetStartedAction());
    expect((await getStartedData(user.id, company.id))!.dismissedAt).toEqual(first);
  });

  it("changes nothing for a visitor who is not signed in or for staff", async () => {
    const { company, user } = await createCompanyWithBuyer(fresh.handle);
    expect(await runAction(() => dismissGetStartedAction())).toEqual({ redirect: "/" });
    const [staff] = await fresh.handle.db
      .insert(users)
      .values({ email: `am-${Date.now().toString(36)}@koppel.test`, name: "AM", role: "account_manager", companyId: null, passwordHash: null })
      .returning();
    request.userId = staff!.id;
    expect(await runAction(() => dismissGetStartedAction())).toEqual({ redirect: "/" });
    expect((await getStartedData(user.id, company.id))!.dismissedAt).toBeNull();
    const [row] = await fresh.handle.db.select({ dismissedAt: users.getStartedDismissedAt }).from(users).where(eq(users.id, staff!.id));
    expect(row?.dismissedAt).toBeNull();
  });
});
