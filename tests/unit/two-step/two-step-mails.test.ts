import { describe, expect, it } from "vitest";
import { twoStepMail } from "@/lib/mail/two-step-mails";

const nl = { id: 1, email: "an@example.test", name: "An de Vries", locale: "nl" as const };
const en = { ...nl, locale: "en" as const };

describe("two-step verification notices", () => {
  it("says it was turned on, in Dutch by default and in English for English users", () => {
    const dutch = twoStepMail("two_step_enabled", nl, { when: "29 nov 2026 11:00" });
    expect(dutch).toMatchObject({ toEmail: "an@example.test", userId: 1, kind: "two_step_enabled", subject: "Tweestapsverificatie is ingeschakeld" });
    expect(dutch.bodyText).toContain("Op 29 nov 2026 11:00 is tweestapsverificatie");
    expect(twoStepMail("two_step_enabled", en, { when: "29 Nov 2026" }).subject).toBe("Two-step verification is on");
  });

  it("names who turned it off when it was not the user", () => {
    expect(twoStepMail("two_step_disabled", en, { when: "today", byName: "Marco Manager" }).bodyText).toContain("Marco Manager turned two-step verification off");
    expect(twoStepMail("two_step_disabled", nl, { when: "vandaag", byName: null }).bodyText).not.toContain("heeft");
  });

  it.each([
    [en, 9, "You have 9 recovery codes left."],
    [en, 1, "You have 1 recovery code left. Create new ones in time."],
    [en, 0, "You have no recovery codes left"],
    [nl, 4, "U hebt nog 4 herstelcodes over."],
    [nl, 0, "U hebt geen herstelcodes meer over"],
  ])("tells how many recovery codes are left (%#)", (to, codesLeft, text) => {
    expect(twoStepMail("recovery_code_used", to, { when: "now", codesLeft }).bodyText).toContain(text);
  });

  it("carries no link (a recovery code's sign-in chooses the request's host)", () => {
    for (const kind of ["two_step_enabled", "two_step_disabled", "recovery_code_used"] as const) expect(twoStepMail(kind, nl, { when: "x", codesLeft: 3 }).bodyText).not.toMatch(/https?:/);
  });
});
