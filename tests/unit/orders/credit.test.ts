import { describe, expect, it } from "vitest";
import { creditHoldCancelledMail } from "@/lib/mail/credit-hold-mail";
import { approvalDecidedMail } from "@/lib/mail/order-approval-mails";
import { standingOrderRunMail } from "@/lib/mail/standing-order-mails";
import { availableCredit, creditExposure, creditHoldComment, creditHoldDetail, exceedsCredit, isCreditHoldComment, type CreditUse } from "@/lib/orders/credit";

const use = (limitMinor: number, unpaidInvoicesMinor: number, uninvoicedOrdersMinor: number): CreditUse => ({ limitMinor, unpaidInvoicesMinor, uninvoicedOrdersMinor });

describe("credit on account (incl. VAT)", () => {
  it.each([
    { label: "nothing owed", credit: use(1_000_000, 0, 0), order: 999_999, exposure: 0, available: 1_000_000, exceeds: false },
    { label: "exactly what is left fits", credit: use(1_000_000, 600_000, 150_000), order: 250_000, exposure: 750_000, available: 250_000, exceeds: false },
    { label: "one cent more does not", credit: use(1_000_000, 600_000, 150_000), order: 250_001, exposure: 750_000, available: 250_000, exceeds: true },
    { label: "an open credit note makes room", credit: use(100_000, -20_000, 110_000), order: 10_000, exposure: 90_000, available: 10_000, exceeds: false },
    { label: "limit zero: every order is held", credit: use(0, 0, 0), order: 1, exposure: 0, available: 0, exceeds: true },
    { label: "already over the limit", credit: use(100_000, 90_000, 30_000), order: 1, exposure: 120_000, available: -20_000, exceeds: true },
  ])("$label", ({ credit, order, exposure, available, exceeds }) => {
    expect(creditExposure(credit)).toBe(exposure);
    expect(availableCredit(credit)).toBe(available);
    expect(exceedsCredit(credit, order)).toBe(exceeds);
  });

  it("writes the hold's numbers for staff, and recognises its comment", () => {
    const credit = use(140_000, 100_000, 20_000);
    expect(creditHoldDetail(credit, 30_050)).toBe("1200.00 + 300.50 > 1400.00");
    expect(creditHoldComment(credit, 30_050)).toBe("credit_limit: 1200.00 + 300.50 > 1400.00");
    expect(isCreditHoldComment(creditHoldComment(credit, 1))).toBe(true);
    expect(isCreditHoldComment("unknown_ship_to")).toBe(false);
    expect(isCreditHoldComment(null)).toBe(false);
  });
});

describe("credit hold mails", () => {
  const to = { id: 5, email: "sanne@demo.test", name: "Sanne" };
  const facts = { orderNumber: "K100200", orderLink: "https://shop.test/account/orders/K100200" };
  it.each([
    ["nl", null, "Eerst factuur F2026-00012 betalen", "Bestelling K100200 is geannuleerd", "Uw bestelling K100200 ging boven de kredietlimiet van uw bedrijf. We hebben haar beoordeeld en geannuleerd: ze wordt niet geleverd.", "order_cancelled"],
    ["en", "PO-10", null, "Order K100200 has been canceled", "Your order K100200 (your reference PO-10) went beyond your company's credit limit. We reviewed and canceled it: it will not be delivered.", "order_cancelled"],
  ] as const)("%s, cancelled", (locale, poNumber, comment, subject, lead, kind) => {
    const mail = creditHoldCancelledMail({ ...to, locale }, { ...facts, poNumber, comment });
    const lines = mail.bodyText.split("\n");
    expect(mail).toMatchObject({ toEmail: to.email, userId: 5, kind, subject });
    expect(lines).toContain(lead);
    expect(lines.some((line) => /^(Toelichting|Comment): /.test(line))).toBe(comment !== null);
    if (comment) expect(mail.bodyText).toContain(comment);
    expect(lines.at(-1)).toMatch(/https:\/\/shop\.test\/account\/orders\/K100200$/);
  });

  it("an approval that ends in a credit hold says so instead of 'being processed'", () => {
    const base = { orderNumber: "K100042", poNumber: null, companyName: "Demo", subtotal: () => "€ 10,00", link: "https://x.test/o", deciderName: "Pieter", comment: null, decision: "approved" as const };
    const held = approvalDecidedMail({ id: 4, email: "b@x.test", name: "Sanne", locale: "nl" }, { ...base, creditHold: true });
    expect(held.bodyText).toContain("boven de kredietlimiet van uw bedrijf");
    expect(held.bodyText).not.toContain("wordt nu verwerkt");
    const plain = approvalDecidedMail({ id: 4, email: "b@x.test", name: "Sanne", locale: "en" }, base);
    expect(plain.bodyText).toContain("The order is now being processed.");
    expect(plain.bodyText).not.toContain("credit limit");
  });

  it("a standing order's run that is held says so", () => {
    const run = {
      listName: "Kantoor",
      runOn: "2026-11-30",
      outcome: "placed" as const,
      orderNumber: "K100123",
      subtotal: () => "€ 10,00",
      skipped: [],
      nextRunOn: "2026-12-07",
      pausedReason: null,
      listLink: "https://x.test/l",
      orderLink: "https://x.test/o",
    };
    const to = { id: 1, email: "a@x.test", name: "A", locale: "en" as const };
    expect(standingOrderRunMail(to, { ...run, creditHold: true }).bodyText).toContain("goes beyond your company's credit limit");
    expect(standingOrderRunMail(to, run).bodyText).not.toContain("credit limit");
  });
});
