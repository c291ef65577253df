import { describe, expect, it } from "vitest";
import { approvalReasons } from "@/lib/orders/approval-rule";
import { budgetPeriodLabel, budgetPeriodOf, exceedsBudget, remainingBudget, type BudgetUse } from "@/lib/orders/budget";
import { approvalRequestedMail } from "@/lib/mail/order-approval-mails";
import { mayUse } from "@/lib/orders/allowed-users";

describe("budget periods", () => {
  it.each([
    ["month", "2026-11-28", "2026-11-01", "2026-12-01"],
    ["month", "2026-12-31", "2026-12-01", "2027-01-01"],
    ["month", "2028-02-29", "2028-02-01", "2028-03-01"],
    ["month", "2026-01-01", "2026-01-01", "2026-02-01"],
    ["quarter", "2026-01-01", "2026-01-01", "2026-04-01"],
    ["quarter", "2026-03-31", "2026-01-01", "2026-04-01"],
    ["quarter", "2026-04-01", "2026-04-01", "2026-07-01"],
    ["quarter", "2026-08-15", "2026-07-01", "2026-10-01"],
    ["quarter", "2026-11-28", "2026-10-01", "2027-01-01"],
    ["quarter", "2026-12-31", "2026-10-01", "2027-01-01"],
    ["year", "2026-11-28", "2026-01-01", "2027-01-01"],
    ["year", "2026-01-01", "2026-01-01", "2027-01-01"],
  ] as const)("%s of %s is [%s, %s)", (period, day, from, to) => {
    expect(budgetPeriodOf(period, day)).toEqual({ from, to });
  });

  it.each([
    ["month", "2026-11-28", "nl", "november 2026"],
    ["month", "2026-03-02", "en", "March 2026"],
    ["quarter", "2026-11-28", "nl", "Q4 2026"],
    ["quarter", "2026-02-01", "en", "Q1 2026"],
    ["year", "2027-06-30", "en", "2027"],
  ] as const)("%s of %s reads in %s as %j", (budgetPeriod, day, locale, label) => {
    expect(budgetPeriodLabel({ budgetPeriod, bounds: budgetPeriodOf(budgetPeriod, day) }, locale)).toBe(label);
  });
});

const use = (budgetMinor: number, committedMinor: number): BudgetUse => ({
  budgetMinor,
  committedMinor,
  budgetPeriod: "quarter",
  bounds: budgetPeriodOf("quarter", "2026-11-28"),
});

describe("what is left of a budget", () => {
  it.each([
    [100_000, 0, 100_000, false, 100_000],
    [100_000, 40_000, 60_000, false, 60_000],
    [100_000, 40_000, 60_001, true, 60_000],
    [100_000, 100_000, 1, true, 0],
    [100_000, 130_000, 1, true, -30_000],
  ])("budget %i, committed %i, order %i: exceeds %s, left %i", (budget, committed, order, exceeds, left) => {
    expect(exceedsBudget(use(budget, committed), order)).toBe(exceeds);
    expect(remainingBudget(use(budget, committed))).toBe(left);
  });
});

describe("approval reasons", () => {
  it.each([
    ["no limit, no budget", null, 1_000_000, null, []],
    ["within the limit", 250_000, 250_000, null, []],
    ["above the limit", 250_000, 250_001, null, ["order_limit"]],
    ["within the budget", null, 60_000, use(100_000, 40_000), []],
    ["beyond the budget (no limit)", null, 60_001, use(100_000, 40_000), ["budget"]],
    ["both", 50_000, 60_001, use(100_000, 40_000), ["order_limit", "budget"]],
    ["within both", 250_000, 10_000, use(100_000, 40_000), []],
  ] as const)("%s", (_, orderLimitMinor, subtotalMinor, budget, reasons) => {
    expect(approvalReasons({ orderLimitMinor, subtotalMinor, budget })).toEqual(reasons);
  });
});

describe("approval request mail", () => {
  const approver = { id: 3, email: "a@x.test", name: "Pieter", locale: "nl" as const };
  const base = {
    orderNumber: "K100042",
    poNumber: null,
    companyName: "Demo B.V.",
    buyerName: "Sanne",
    subtotal: (l: "nl" | "en") => (l === "nl" ? "€ 600,00" : "€600.00"),
    link: "https://shop.test/account/orders/K100042",
  };
  const budget = { costCenter: "4100", period: (l: "nl" | "en") => (l === "nl" ? "Q4 2026" : "Q4 2026"), budget: () => "€ 7.500,00", remaining: () => "€ 400,00" };

  it("names the budget it goes beyond, and not an order limit it is within", () => {
    const mail = approvalRequestedMail(approver, { ...base, limit: null, budget });
    expect(mail.bodyText).toContain("Kostenplaats 4100: van het budget van € 7.500,00 voor Q4 2026 is nog € 400,00 over; deze bestelling van € 600,00 excl. btw gaat erboven.");
    expect(mail.bodyText).not.toContain("bestellimiet");
  });

  it("names both when both apply, in the approver's language", () => {
    const mail = approvalRequestedMail({ ...approver, locale: "en" }, { ...base, limit: () => "€500.00", budget });
    expect(mail.subject).toBe("Approval requested: order K100042");
    expect(mail.bodyText).toContain("Its amount of €600.00 excl. VAT is above the order limit of €500.00.");
    expect(mail.bodyText).toContain("Cost center 4100: of its budget of € 7.500,00 for Q4 2026, € 400,00 is left");
  });
});

describe("who may use a cost centre", () => {
  it.each([
    ["open to everybody", { id: 1, role: "buyer" }, [], true],
    ["named", { id: 1, role: "buyer" }, [1, 2], true],
    ["not named", { id: 3, role: "buyer" }, [1, 2], false],
    ["an approver not named", { id: 3, role: "approver" }, [1], false],
    ["a company admin, named or not", { id: 3, role: "company_admin" }, [1], true],
  ] as const)("%s", (_, user, userIds, may) => {
    expect(mayUse(user, { userIds })).toBe(may);
  });
});
