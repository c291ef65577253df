// A company admin sends a colleague's invitation again (lib/account/company-users.ts
// resendCompanyInvitation): the colleague's first link expired unused, inviting the address again is
// refused (the user exists), and before this only the account manager could send a new link.
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { mailOutbox, userTokens, users } from "@/db/schema";
import { INVITATION_VALID_DAYS, inviteCompanyUser, listCompanyUsers, resendCompanyInvitation } from "@/lib/account/company-users";
import { passwordLinkState, setPasswordWithLink } from "@/lib/admin/set-password";
import { AppError } from "@/lib/errors";
import { addCompanyUser } from "../../support/account-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const SENT = new Date("2026-11-20T10:00:00Z");
const NOW = new Date("2026-11-30T10:00:00Z"); // ten days later: the first invitation lapsed
const DAY = 24 * 3600_000;

let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let admin: Awaited<ReturnType<typeof addCompanyUser>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;

const tokenFrom = (bodyText: string) => /\/set-password\?token=([A-Za-z0-9_-]+)/.exec(bodyText)![1]!;
const invitationsTo = (email: string) => handle.db.select().from(mailOutbox).where(and(eq(mailOutbox.toEmail, email), eq(mailOutbox.kind, "invite")));

async function appError(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle, "buyer");
  admin = await addCompanyUser(handle, customer, "company_admin", { passwordHash: "x" });
  other = await createCompanyWithBuyer(handle, "company_admin");
}, 120_000);
afterAll(() => fresh.dispose());

describe("a colleague's lapsed invitation", () => {
  it("shows as expired to the company admin, who sends a new link that works (the old one says it was replaced)", async () => {
    const { id } = await inviteCompanyUser(admin, { name: "Kees Collega", email: "kees@klant.test", role: "buyer", locale: "en", orderLimitMinor: null }, SENT);
    const [first] = await invitationsTo("kees@klant.test");
    const colleague = (await listCompanyUsers(admin)).find((user) => user.id === id)!;
    // What the Users page reads: an unused invitation whose validity ended, no password yet.
    expect(colleague.hasPassword).toBe(false);
    expect(colleague.pendingInviteExpiresAt!.getTime()).toBe(SENT.getTime() + INVITATION_VALID_DAYS * DAY);
    expect(colleague.pendingInviteExpiresAt! < NOW).toBe(true);
    expect(colleague.lastInvitedAt).not.toBeNull();

    expect(await resendCompanyInvitation(admin, id, NOW)).toEqual({ email: "kees@klant.test" });
    const again = (await invitationsTo("kees@klant.test")).filter((mail) => mail.id !== first!.id);
    expect(again).toHaveLength(1);
    // In the colleague's language, named after the admin, for the customer.
    expect(again[0]!.subject).toBe(`Your invitation to Koppel – ${customer.company.name}`);
    expect(again[0]!.bodyText).toContain(`${admin.name} created an account for you in the Koppel web shop, as a user of ${customer.company.name}`);
    const [open] = await handle.db.select().from(userTokens).where(and(eq(userTokens.userId, id), isNull(userTokens.usedAt)));
    expect(open).toMatchObject({ purpose: "invite", createdByUserId: admin.id });
    expect(open!.expiresAt.getTime()).toBe(NOW.getTime() + INVITATION_VALID_DAYS * DAY);
    expect(await passwordLinkState(tokenFrom(first!.bodyText), NOW)).toMatchObject({ state: "lapsed", reason: "replaced" });

    await setPasswordWithLink(tokenFrom(again[0]!.bodyText), "kees-zijn-wachtwoord", NOW);
    expect(await appError(resendCompanyInvitation(admin, id, NOW))).toMatchObject({ code: "conflict", message: "already_has_password" });
  });

  it("is refused for a deactivated colleague, a user nobody invited, another company's user, and a non-admin", async () => {
    const { id } = await inviteCompanyUser(admin, { name: "Weg Gegaan", email: "weg@klant.test", role: "buyer", locale: "nl", orderLimitMinor: null }, SENT);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, id));
    expect(await appError(resendCompanyInvitation(admin, id, NOW))).toMatchObject({ message: "user_inactive" });

    const punchoutOnly = await addCompanyUser(handle, customer, "buyer"); // no password, never invited
    expect(await appError(resendCompanyInvitation(admin, punchoutOnly.id, NOW))).toMatchObject({ message: "never_invited" });

    const { id: theirs } = await inviteCompanyUser(other.buyer, { name: "Ander", email: "ander@elders.test", role: "buyer", locale: "nl", orderLimitMinor: null }, SENT);
    expect(await appError(resendCompanyInvitation(admin, theirs, NOW))).toMatchObject({ code: "not_found" });

    const { id: mine } = await inviteCompanyUser(admin, { name: "Nog Een", email: "nog.een@klant.test", role: "buyer", locale: "nl", orderLimitMinor: null }, SENT);
    expect(await appError(resendCompanyInvitation(customer.buyer, mine, NOW))).toMatchObject({ code: "forbidden" });
    expect(await invitationsTo("nog.een@klant.test")).toHaveLength(1);
  });
});
