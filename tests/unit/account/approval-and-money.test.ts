import { describe, expect, it } from "vitest";
import { parseMoneyInput } from "@/lib/account/money-input";
import { approvalDecidedMail, approvalRequestedMail } from "@/lib/mail/order-approval-mails";
import { mayDecide, needsApproval } from "@/lib/orders/approval-rule";

describe("order limit (excl. VAT)", () => {
  it.each([
    { label: "no limit", limit: null, subtotal: 10_000_000, expected: false },
    { label: "below", limit: 250_000, subtotal: 249_999, expected: false },
    { label: "exactly at the limit", limit: 250_000, subtotal: 250_000, expected: false },
    { label: "one cent above", limit: 250_000, subtotal: 250_001, expected: true },
    { label: "limit zero: everything needs approval", limit: 0, subtotal: 1, expected: true },
  ])("$label", ({ limit, subtotal, expected }) => {
    expect(needsApproval(limit, subtotal)).toBe(expected);
  });

  it.each([
    { role: "approver", own: false, status: "awaiting_approval", expected: true },
    { role: "company_admin", own: false, status: "awaiting_approval", expected: true },
    { role: "buyer", own: false, status: "awaiting_approval", expected: false },
    { role: "approver", own: true, status: "awaiting_approval", expected: false },
    { role: "approver", own: false, status: "placed", expected: false },
  ] as const)("$role deciding (own: $own) on a $status order → $expected", ({ role, own, status, expected }) => {
    expect(mayDecide({ id: 7, role }, { userId: own ? 7 : 8, status })).toBe(expected);
  });
});

describe("amounts typed in euros", () => {
  it.each([
    ["2500", 250_000],
    ["2.500", 250_000],
    ["2.500,00", 250_000],
    ["2,500.00", 250_000],
    ["€ 1.234,5", 123_450],
    ["99,95", 9_995],
    ["", null],
    ["  ", null],
    ["abc", undefined],
    ["1.2.3", undefined],
    ["1,000,00", undefined],
  ])("%j → %j", (text, expected) => {
    expect(parseMoneyInput(text)).toBe(expected);
  });
});

describe("approval e-mails", () => {
  const facts = { orderNumber: "K100042", poNumber: null, companyName: "Demo B.V.", subtotal: (l: "nl" | "en") => (l === "nl" ? "€ 2.600,00" : "€2,600.00"), link: "https://shop.test/account/orders/K100042" };
  it("asks the approver in their language, with amount, limit and link", () => {
    const mail = approvalRequestedMail({ id: 3, email: "a@x.test", name: "Pieter", locale: "nl" }, { ...facts, buyerName: "Sanne", limit: () => "€ 2.500,00", budget: null });
    expect(mail).toMatchObject({ toEmail: "a@x.test", userId: 3, kind: "order_approval_requested", subject: "Goedkeuring gevraagd: bestelling K100042" });
    expect(mail.bodyText).toContain("€ 2.600,00");
    expect(mail.bodyText).toContain("€ 2.500,00");
    expect(mail.bodyText).toContain(facts.link);
  });
  it.each(["Demo Facilities B.V.", "Demo BV"])("ends the sentence naming %s with one full stop", (companyName) => {
    for (const locale of ["nl", "en"] as const) {
      const mail = approvalRequestedMail({ id: 3, email: "a@x.test", name: "Pieter", locale }, { ...facts, companyName, buyerName: "Sanne", limit: () => "€ 2.500,00", budget: null });
      expect(mail.bodyText).toContain(companyName === "Demo BV" ? "Demo BV. " : "Demo Facilities B.V. ");
      expect(mail.bodyText).not.toContain("..");
    }
  });
  it("tells the buyer the decision with the comment", () => {
    const mail = approvalDecidedMail({ id: 4, email: "b@x.test", name: "Sanne", locale: "en" }, { ...facts, decision: "rejected", deciderName: "Pieter", comment: "Use the framework contract" });
    expect(mail).toMatchObject({ kind: "order_rejected", subject: "Order K100042 rejected" });
    expect(mail.bodyText).toContain("Comment: Use the framework contract");
  });

  // The buyer and their approvers know the order by their own purchase order number too.
  const who = (locale: "nl" | "en") => ({ id: 4, email: "b@x.test", name: "Sanne", locale });
  it.each<["nl" | "en", string | null, string, string]>([
    ["nl", "PO-123", "Sanne heeft bestelling K100042 (uw referentie PO-123) geplaatst voor Demo B.V. De bestelling wacht op uw goedkeuring.", "Pieter heeft uw bestelling K100042 (uw referentie PO-123) van € 2.600,00 excl. btw afgewezen."],
    ["en", "PO-123", "Sanne placed order K100042 (your reference PO-123) for Demo B.V. The order awaits your approval.", "Pieter rejected your order K100042 (your reference PO-123) of €2,600.00 excl. VAT."],
    ["nl", null, "Sanne heeft bestelling K100042 geplaatst voor Demo B.V. De bestelling wacht op uw goedkeuring.", "Pieter heeft uw bestelling K100042 van € 2.600,00 excl. btw afgewezen."],
    ["en", null, "Sanne placed order K100042 for Demo B.V. The order awaits your approval.", "Pieter rejected your order K100042 of €2,600.00 excl. VAT."],
  ])("names the buyer's reference when the order has one (%s, %s)", (locale, poNumber, requested, decided) => {
    const asked = approvalRequestedMail(who(locale), { ...facts, poNumber, buyerName: "Sanne", limit: null, budget: null });
    expect(asked.bodyText.split("\n")).toContain(requested);
    const told = approvalDecidedMail(who(locale), { ...facts, poNumber, decision: "rejected", deciderName: "Pieter", comment: "Te duur" });
    expect(told.bodyText).toContain(decided);
    const approved = approvalDecidedMail(who(locale), { ...facts, poNumber, decision: "approved", deciderName: "Pieter", comment: null, creditHold: true });
    expect(approved.bodyText.includes(locale === "nl" ? "uw referentie PO-123" : "your reference PO-123")).toBe(poNumber !== null);
  });
});
