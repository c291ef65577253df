// A company admin invites a list of colleagues at once (lib/account/company-users.ts inviteCompanyUsers):
// all or nothing. A wrong line or an address that has an account anywhere makes a report of every line
// and writes nobody; otherwise every user, invite token and invitation mail is written in one
// transaction. An address taken between the check and the insert fails the whole list (rolled back).
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { mailOutbox, userTokens, users } from "@/db/schema";
import { INVITATION_VALID_DAYS, inviteCompanyUsers, listCompanyUsers } from "@/lib/account/company-users";
import { checkPasswordLink } from "@/lib/admin/set-password";
import type { StaffUser } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * Somebody else takes an address right after inviteCompanyUsers checked which ones are taken: the
 * real takenEmails runs, then `afterCheck` (set by the race test) writes, then the check's answer
 * (from before) is returned.
 */
const race = vi.hoisted(() => ({ afterCheck: null as null | (() => Promise<void>), checks: 0 }));
vi.mock("@/lib/data/customers", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/data/customers")>();
  return {
    ...actual,
    takenEmails: async (emails: readonly string[]) => {
      race.checks += 1;
      const taken = await actual.takenEmails(emails);
      const meanwhile = race.afterCheck;
      race.afterCheck = null;
      if (meanwhile) await meanwhile();
      return taken;
    },
  };
});

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-30T10:00:00Z");
const EXPIRES = new Date(NOW.getTime() + INVITATION_VALID_DAYS * 24 * 3600_000);

type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let customer: Customer;
let admin: Awaited<ReturnType<typeof addCompanyUser>>;
let approver: Awaited<ReturnType<typeof addCompanyUser>>;
let other: Customer;
let staff: StaffUser;

async function appError(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Row counts of what an invitation writes: nothing may change when a list is refused. */
async function written() {
  const [u] = await handle.db.select({ n: count() }).from(users);
  const [t] = await handle.db.select({ n: count() }).from(userTokens);
  const [m] = await handle.db.select({ n: count() }).from(mailOutbox);
  return { users: u!.n, tokens: t!.n, mails: m!.n };
}

const usersWith = (emails: string[]) => handle.db.select().from(users).where(inArray(users.email, emails));
const mailsTo = (emails: string[]) => handle.db.select().from(mailOutbox).where(inArray(mailOutbox.toEmail, emails));
const tokenFrom = (bodyText: string) => /\/set-password\?token=([A-Za-z0-9_-]+)/.exec(bodyText)?.[1];

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle, "buyer");
  // The admin reads the shop in English: lines without a language get English.
  admin = await addCompanyUser(handle, customer, "company_admin", { locale: "en" });
  approver = await addCompanyUser(handle, customer, "approver");
  other = await createCompanyWithBuyer(handle, "company_admin");
  staff = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  race.afterCheck = null;
});

describe("inviting a list of colleagues", () => {
  it("invites everybody: users with role, language and order limit, an invite token each, an invitation mail each in its language", async () => {
    const before = await written();
    const text = [
      "anna@klant-a.test;Anna de Vries;koper;1.500,00;nl",
      "Bob.Smit@Klant-A.test\tBob Smit\tapprover\t\tEnglish",
      "carla@klant-a.test,Carla Jansen,Beheerder,€ 750",
    ].join("\r\n");
    const emails = ["anna@klant-a.test", "bob.smit@klant-a.test", "carla@klant-a.test"];

    const report = await inviteCompanyUsers(admin, text, NOW);
    expect(report).toEqual({
      saved: true,
      invited: 3,
      problems: 0,
      lines: [
        { lineNumber: 1, email: "anna@klant-a.test", outcome: { status: "invited", name: "Anna de Vries", role: "buyer" } },
        { lineNumber: 2, email: "bob.smit@klant-a.test", outcome: { status: "invited", name: "Bob Smit", role: "approver" } },
        { lineNumber: 3, email: "carla@klant-a.test", outcome: { status: "invited", name: "Carla Jansen", role: "company_admin" } },
      ],
    });

    const created = await usersWith(emails);
    const byEmail = new Map(created.map((user) => [user.email, user]));
    expect(created).toHaveLength(3);
    const common = { companyId: customer.company.id, passwordHash: null, active: true, createdAt: NOW };
    expect(byEmail.get("anna@klant-a.test")).toMatchObject({ ...common, name: "Anna de Vries", role: "buyer", locale: "nl", orderLimitMinor: 150_000 });
    expect(byEmail.get("bob.smit@klant-a.test")).toMatchObject({ ...common, name: "Bob Smit", role: "approver", locale: "en", orderLimitMinor: null });
    // No language on the line: the admin's own (English), not the database default (Dutch).
    expect(byEmail.get("carla@klant-a.test")).toMatchObject({ ...common, name: "Carla Jansen", role: "company_admin", locale: "en", orderLimitMinor: 75_000 });

    const tokens = await handle.db.select().from(userTokens).where(inArray(userTokens.userId, created.map((user) => user.id)));
    expect(tokens).toHaveLength(3);
    for (const user of created) {
      expect(tokens.filter((token) => token.userId === user.id)).toEqual([
        expect.objectContaining({ purpose: "invite", createdByUserId: admin.id, createdAt: NOW, expiresAt: EXPIRES, usedAt: null }),
      ]);
    }
    expect(new Set(tokens.map((token) => token.tokenHash)).size).toBe(3);

    const mails = await mailsTo(emails);
    expect(mails).toHaveLength(3);
    const subjects = { nl: `Uitnodiging voor Koppel – ${customer.company.name}`, en: `Your invitation to Koppel – ${customer.company.name}` };
    for (const user of created) {
      const mine = mails.filter((mail) => mail.toEmail === user.email);
      expect(mine).toHaveLength(1);
      const [mail] = mine;
      expect(mail).toMatchObject({ kind: "invite", userId: user.id, toName: user.name, subject: subjects[user.locale], sentAt: null });
      expect(mail!.bodyText).toContain(user.locale === "nl" ? `Beste ${user.name},` : `Dear ${user.name},`);
      expect(mail!.bodyText).toContain(admin.name);
      // The link in the mail is the user's own, usable invitation.
      expect(await checkPasswordLink(tokenFrom(mail!.bodyText)!, NOW)).toMatchObject({ userId: user.id, purpose: "invite", email: user.email });
    }

    expect(await written()).toEqual({ users: before.users + 3, tokens: before.tokens + 3, mails: before.mails + 3 });
  });

  it("the invited users are listed on the Users page with an open invitation", async () => {
    const listed = await listCompanyUsers(admin);
    for (const email of ["anna@klant-a.test", "bob.smit@klant-a.test", "carla@klant-a.test"]) {
      expect(listed.find((user) => user.email === email)).toMatchObject({ active: true, hasPassword: false, pendingInviteExpiresAt: EXPIRES, lastInvitedAt: NOW });
    }
    expect(listed.find((user) => user.email === "carla@klant-a.test")).toMatchObject({ role: "company_admin", locale: "en", orderLimitMinor: 75_000 });
    // Into the admin's own company only.
    const others = await listCompanyUsers(other.buyer);
    expect(others.map((user) => user.email)).not.toContain("anna@klant-a.test");
  });

  it("skips a header line; line numbers are those of the input", async () => {
    const before = await written();
    const report = await inviteCompanyUsers(admin, "\uFEFFE-mail;Naam;Rol;Orderlimiet;Taal\n\ndirk@klant-a.test;Dirk;inkoper;;nl", NOW);
    expect(report).toEqual({
      saved: true,
      invited: 1,
      problems: 0,
      lines: [{ lineNumber: 3, email: "dirk@klant-a.test", outcome: { status: "invited", name: "Dirk", role: "buyer" } }],
    });
    expect(await usersWith(["dirk@klant-a.test"])).toMatchObject([{ companyId: customer.company.id, role: "buyer", locale: "nl" }]);
    expect(await written()).toEqual({ users: before.users + 1, tokens: before.tokens + 1, mails: before.mails + 1 });
  });
});

describe("all or nothing", () => {
  it("one invalid line: nobody is invited (no user, token or mail) and every line is reported", async () => {
    const before = await written();
    const text = [
      "e-mail;naam;rol;orderlimiet;taal",
      "eva@klant-b.test;Eva;koper;1500;nl",
      "frank@klant-b.test;Frank;directeur",
      "gert@klant-b.test;Gert;goedkeurder;;en",
    ].join("\n");
    const report = await inviteCompanyUsers(admin, text, NOW);
    expect(report).toEqual({
      saved: false,
      invited: 0,
      problems: 1,
      lines: [
        { lineNumber: 2, email: "eva@klant-b.test", outcome: { status: "invited", name: "Eva", role: "buyer" } },
        { lineNumber: 3, email: "frank@klant-b.test", outcome: { status: "role_unknown" } },
        { lineNumber: 4, email: "gert@klant-b.test", outcome: { status: "invited", name: "Gert", role: "approver" } },
      ],
    });
    expect(await usersWith(["eva@klant-b.test", "frank@klant-b.test", "gert@klant-b.test"])).toEqual([]);
    expect(await mailsTo(["eva@klant-b.test", "frank@klant-b.test", "gert@klant-b.test"])).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it("reports every kind of problem, a repeated address with the line it first appeared on", async () => {
    const before = await written();
    const text = [
      "hans@klant-b.test;Hans",
      "geen-adres;Iris",
      "jan@klant-b.test;",
      `kees@klant-b.test;${"k".repeat(101)}`,
      "lies@klant-b.test;Lies;koper;veel",
      "mark@klant-b.test;Mark;koper;;fries",
      "Hans@KLANT-B.test;Hans again",
    ].join("\n");
    const report = await inviteCompanyUsers(admin, text, NOW);
    expect(report.saved).toBe(false);
    expect(report.invited).toBe(0);
    expect(report.problems).toBe(6);
    expect(report.lines.map((line) => [line.lineNumber, line.email, line.outcome])).toEqual([
      [1, "hans@klant-b.test", { status: "invited", name: "Hans", role: "buyer" }],
      [2, "geen-adres", { status: "email_invalid" }],
      [3, "jan@klant-b.test", { status: "name_missing" }],
      [4, "kees@klant-b.test", { status: "name_too_long" }],
      [5, "lies@klant-b.test", { status: "limit_invalid" }],
      [6, "mark@klant-b.test", { status: "language_unknown" }],
      [7, "Hans@KLANT-B.test", { status: "duplicate_email", firstLine: 1 }],
    ]);
    expect(await written()).toEqual(before);
  });

  it("an address that has an account – in any company, staff, deactivated, in any case – is email_taken and nobody is invited", async () => {
    const leaver = await addCompanyUser(handle, customer, "buyer");
    await handle.db.update(users).set({ email: "leaver@klant-a.test", active: false }).where(eq(users.id, leaver.id));
    const before = await written();
    const text = [
      "nina@klant-c.test;Nina",
      `${other.buyer.email.toUpperCase()};Someone of another company`,
      `${staff.email.replace(/^./, (c) => c.toUpperCase())};A staff member`,
      "Leaver@Klant-A.test;Leaver",
      "ANNA@klant-a.test;Anna (invited above)",
      "otto@klant-c.test;Otto",
    ].join("\n");
    const report = await inviteCompanyUsers(admin, text, NOW);
    expect(report).toMatchObject({ saved: false, invited: 0, problems: 4 });
    expect(report.lines.map((line) => [line.lineNumber, line.email, line.outcome.status])).toEqual([
      [1, "nina@klant-c.test", "invited"],
      [2, other.buyer.email, "email_taken"],
      [3, staff.email, "email_taken"],
      [4, "leaver@klant-a.test", "email_taken"],
      [5, "anna@klant-a.test", "email_taken"],
      [6, "otto@klant-c.test", "invited"],
    ]);
    expect(await usersWith(["nina@klant-c.test", "otto@klant-c.test"])).toEqual([]);
    expect(await written()).toEqual(before);
    // The accounts that exist are left as they were.
    expect(await usersWith([other.buyer.email])).toMatchObject([{ companyId: other.company.id, name: other.buyer.name, role: "company_admin" }]);
    expect(await usersWith(["leaver@klant-a.test"])).toMatchObject([{ id: leaver.id, active: false }]);
  });

  it("an address taken between the check and the insert: conflict invite_list_changed, and the whole list is rolled back", async () => {
    const emails = ["paul@klant-d.test", "quinn@klant-d.test", "rosa@klant-d.test"];
    race.afterCheck = async () => {
      // Another company's admin invites Quinn in the meantime.
      await handle.db.insert(users).values({ email: "quinn@klant-d.test", name: "Quinn elsewhere", role: "buyer", companyId: other.company.id });
    };
    const checksBefore = race.checks;
    const before = await written();

    const error = await appError(inviteCompanyUsers(admin, emails.map((email, i) => `${email};Colleague ${i + 1}`).join("\n"), NOW));
    expect(error).toMatchObject({ code: "conflict", message: "invite_list_changed" });
    expect(race.checks).toBe(checksBefore + 1);
    expect(race.afterCheck).toBeNull();

    // Paul (inserted before Quinn failed) and Rosa are not there; Quinn is only the other company's.
    expect((await usersWith(emails)).map((user) => [user.email, user.companyId])).toEqual([["quinn@klant-d.test", other.company.id]]);
    expect(await mailsTo(emails)).toEqual([]);
    expect(await written()).toEqual({ users: before.users + 1, tokens: before.tokens, mails: before.mails });

    // Sent again, the report names the line.
    const again = await inviteCompanyUsers(admin, emails.map((email, i) => `${email};Colleague ${i + 1}`).join("\n"), NOW);
    expect(again.lines.map((line) => line.outcome.status)).toEqual(["invited", "email_taken", "invited"]);
    expect(await written()).toEqual({ users: before.users + 1, tokens: before.tokens, mails: before.mails });
  });
});

describe("who may invite, and lists that are no list", () => {
  it("buyers and approvers may not; nothing is written", async () => {
    const before = await written();
    for (const user of [customer.buyer, approver]) {
      const error = await appError(inviteCompanyUsers(user, "sam@klant-e.test;Sam", NOW));
      expect(error).toMatchObject({ code: "forbidden", message: "company_admin_only" });
    }
    // Refused before the list is even read.
    expect(await appError(inviteCompanyUsers(approver, "", NOW))).toMatchObject({ code: "forbidden", message: "company_admin_only" });
    expect(await usersWith(["sam@klant-e.test"])).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it("a company admin viewed as by staff may not; nothing is written", async () => {
    const before = await written();
    const viewingAs = { ...admin, impersonatedBy: { id: staff.id, name: staff.name, sessionId: 1, expiresAt: NOW } };
    const error = await appError(inviteCompanyUsers(viewingAs, "tess@klant-e.test;Tess", NOW));
    expect(error).toMatchObject({ code: "forbidden", message: "not_while_viewing_as" });
    expect(await usersWith(["tess@klant-e.test"])).toEqual([]);
    expect(await written()).toEqual(before);
  });

  it("an empty list, or only a header, is invite_list_empty; more than 200 lines is invite_too_many_lines", async () => {
    const before = await written();
    for (const text of ["", " \n;;\n", "e-mail;naam;rol"]) {
      expect(await appError(inviteCompanyUsers(admin, text, NOW))).toMatchObject({ code: "invalid_input", message: "invite_list_empty" });
    }
    const lines = Array.from({ length: 201 }, (_, i) => `many${i}@klant-f.test;Many ${i}`);
    const tooMany = await appError(inviteCompanyUsers(admin, ["e-mail;naam", ...lines].join("\n"), NOW));
    expect(tooMany).toMatchObject({ code: "invalid_input", message: "invite_too_many_lines", details: { max: 200, count: 201 } });
    expect(await written()).toEqual(before);
  });

  it("200 lines are invited in one go", async () => {
    const before = await written();
    const lines = Array.from({ length: 200 }, (_, i) => `bulk${i}@klant-g.test;Bulk ${i};${i % 2 ? "koper" : "goedkeurder"}`);
    const report = await inviteCompanyUsers(admin, lines.join("\n"), NOW);
    expect(report).toMatchObject({ saved: true, invited: 200, problems: 0 });
    expect(await written()).toEqual({ users: before.users + 200, tokens: before.tokens + 200, mails: before.mails + 200 });
    const listed = await listCompanyUsers(admin);
    expect(listed.filter((user) => user.email.endsWith("@klant-g.test"))).toHaveLength(200);
  });
});
