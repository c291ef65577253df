import { describe, expect, it } from "vitest";
import { RETURN_STATUSES } from "@/db/schema/returns";
import accountEn from "@/lib/i18n/messages/account.en.json";
import accountNl from "@/lib/i18n/messages/account.nl.json";
import adminEn from "@/lib/i18n/messages/admin.en.json";
import adminNl from "@/lib/i18n/messages/admin.nl.json";
import { returnDecidedMail } from "@/lib/mail/return-mails";

// A return's status has one word per language: the badge (account.returns.statuses, on the buyer's
// and the admin's pages), the admin's filter tab for it, and the sentences that announce it. The tabs
// once said "Te beoordelen"/"Wacht op goederen" for what the badge called "Gemeld"/"Goedgekeurd",
// so staff could not tell which tab held the request a customer phoned about.

const locales = [
  ["nl", accountNl.account.returns, adminNl.admin.returns],
  ["en", accountEn.account.returns, adminEn.admin.returns],
] as const;

describe("return status words", () => {
  it.each(locales)("%s: every status has a badge word, and its admin tab uses the same word", (_locale, account, admin) => {
    expect(Object.keys(account.statuses).sort()).toEqual([...RETURN_STATUSES].sort());
    for (const status of RETURN_STATUSES) {
      const word = account.statuses[status];
      expect(word.trim(), status).not.toBe("");
      expect(admin.filter[status], status).toBe(word);
    }
    // Two statuses never share a word.
    expect(new Set(Object.values(account.statuses)).size).toBe(RETURN_STATUSES.length);
  });

  it.each(locales)("%s: the buyer's notice of a decision says the status word", (_locale, account) => {
    expect(account.approvedNotice.toLowerCase()).toContain(account.statuses.approved.toLowerCase());
    expect(account.rejectedNotice.toLowerCase()).toContain(account.statuses.rejected.toLowerCase());
    expect(account.cancelledNotice.toLowerCase()).toContain(account.statuses.cancelled.toLowerCase());
  });

  it.each(locales)("%s: the decision mail's subject says the status word", (locale, account) => {
    const to = { id: 7, email: "sanne@klant.test", name: "Sanne de Vries", locale };
    const facts = { returnNumber: "R5001", orderNumber: "K100123", companyName: "Klant B.V.", link: "https://shop.test/account/returns/R5001" };
    for (const outcome of ["approved", "rejected"] as const) {
      const mail = returnDecidedMail(to, { ...facts, outcome, comment: null, returnAddress: null });
      expect(mail.subject.toLowerCase(), outcome).toContain(account.statuses[outcome].toLowerCase());
    }
  });
});
