import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/two-step.en.json";
import nl from "@/lib/i18n/messages/two-step.nl.json";
import accountEn from "@/lib/i18n/messages/account.en.json";
import accountNl from "@/lib/i18n/messages/account.nl.json";
import { twoStepRequiredMail } from "@/lib/mail/two-step-mails";

describe("the notice to users who still have to set it up", () => {
  const to = { id: 5, email: "an@example.test", name: "An de Vries", locale: "nl" as const };
  const facts = { companyName: "Zorggroep Rijnstreek", byName: "Petra Beheer", when: "30 nov 2026 10:00" };

  it("tells in Dutch who requires it and that it is set up at the next visit", () => {
    const mail = twoStepRequiredMail(to, facts);
    expect(mail).toMatchObject({ toEmail: "an@example.test", toName: "An de Vries", userId: 5, kind: "two_step_required", subject: "Tweestapsverificatie is verplicht bij Zorggroep Rijnstreek" });
    expect(mail.bodyText).toContain("Beste An de Vries,");
    expect(mail.bodyText).toContain("Zorggroep Rijnstreek vraagt voortaan tweestapsverificatie");
    expect(mail.bodyText).toContain("ingesteld door Petra Beheer op 30 nov 2026 10:00");
    expect(mail.bodyText).toContain("Bij uw volgende bezoek");
  });

  it("in English for English users, and without a link", () => {
    const mail = twoStepRequiredMail({ ...to, locale: "en" }, { ...facts, when: "30 Nov 2026, 10:00" });
    expect(mail.subject).toBe("Two-step verification is required at Zorggroep Rijnstreek");
    expect(mail.bodyText).toContain("Dear An de Vries,");
    expect(mail.bodyText).toContain("At your next visit");
    expect(mail.bodyText).not.toMatch(/https?:/);
    expect(twoStepRequiredMail(to, facts).bodyText).not.toMatch(/https?:/);
  });
});

describe("texts of the requirement", () => {
  const at = (messages: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  const KEYS = [
    "twoStep.profile.requiredNotice",
    "twoStep.messages.two_step_requirement_on",
    "twoStep.messages.two_step_requirement_off",
    "twoStep.messages.two_step_requirement_unchanged",
    "twoStep.errors.two_step_yours_first",
    "twoStep.errors.two_step_required",
    "twoStep.users.offRequired",
    "twoStep.users.requirementTitle",
    "twoStep.users.requirementMissing",
    "twoStep.audit.kinds.company_two_step_required",
    "twoStep.audit.kinds.company_two_step_not_required",
  ];

  it("has every text in Dutch and English", () => {
    for (const messages of [nl, en]) expect(KEYS.filter((key) => typeof at(messages, key) !== "string")).toEqual([]);
  });

  it("explains a refused shop action in both languages (the account forms' errors)", () => {
    expect(at(accountNl, "account.errors.two_step_required")).toMatch(/tweestapsverificatie/);
    expect(at(accountEn, "account.errors.two_step_required")).toMatch(/two-step verification/);
  });
});
