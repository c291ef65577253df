import { describe, expect, it } from "vitest";
import { invitationRenewedMail, passwordResetMail } from "@/lib/admin/mail-templates";

/** The English mails around choosing a password write American English ("email"), the Dutch ones "e-mail". */
const input = (locale: "nl" | "en", requestedBy: "self" | "staff") => ({
  toEmail: "anna@vlinder.test",
  toName: "Anna",
  locale,
  link: "https://shop.test/set-password?token=abc",
  companyName: "Vlinder B.V.",
  validUntil: "1 December 2026 11:00",
  requestedBy,
});

describe("password mails: 'email' in English", () => {
  it.each(["self", "staff"] as const)("the reset mail (%s)", (requestedBy) => {
    const en = passwordResetMail(input("en", requestedBy));
    expect(`${en.subject}\n${en.bodyText}`).not.toMatch(/e-mail/i);
    const nl = passwordResetMail(input("nl", requestedBy));
    expect(nl.bodyText).not.toMatch(/\bemail/i);
  });

  it("asked for on the sign-in page, it names the address and says ignoring it is safe", () => {
    const en = passwordResetMail(input("en", "self")).bodyText;
    expect(en).toContain("A new password was requested for this email address on the sign-in page.");
    expect(en).toContain("Then you can ignore this email.");
    expect(passwordResetMail(input("nl", "self")).bodyText).toContain("Dan kunt u deze e-mail negeren.");
  });

  it("the renewed invitation", () => {
    const en = invitationRenewedMail(input("en", "self"));
    expect(`${en.subject}\n${en.bodyText}`).not.toMatch(/e-mail/i);
  });
});
