import { describe, expect, it } from "vitest";
import { getStartedItems, NEW_ACCOUNT_DAYS, type GetStartedFacts } from "@/lib/account/get-started";

const NOW = new Date("2026-12-01T10:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600 * 1000);
const facts = (over: Partial<GetStartedFacts> = {}): GetStartedFacts => ({
  role: "company_admin",
  notOwnSession: false,
  accountCreatedAt: daysAgo(1),
  dismissedAt: null,
  shipToAddresses: 0,
  colleagues: 0,
  twoStepOn: false,
  hasContractPrices: true,
  firstCategorySlug: "kantoor",
  ...over,
});
const summary = (over: Partial<GetStartedFacts> = {}) => getStartedItems(facts(over), NOW).map((item) => [item.key, item.done]);

describe("Get started panel: which steps, which done", () => {
  it("a new company admin: addresses, colleagues, two-step and the contract prices, each ticked from the data", () => {
    expect(summary()).toEqual([
      ["addresses", false],
      ["colleagues", false],
      ["twoStep", false],
      ["contractPrices", null],
    ]);
    expect(summary({ shipToAddresses: 2, twoStepOn: true })).toEqual([
      ["addresses", true],
      ["colleagues", false],
      ["twoStep", true],
      ["contractPrices", null],
    ]);
    expect(getStartedItems(facts(), NOW).map((item) => item.href)).toEqual(["/account/addresses", "/account/users", "/account/profile#two-step-title", "/catalog/kantoor"]);
  });

  it("a buyer or approver: two-step and contract prices only (addresses and colleagues are the company admin's)", () => {
    expect(summary({ role: "buyer" })).toEqual([
      ["twoStep", false],
      ["contractPrices", null],
    ]);
    expect(summary({ role: "approver", shipToAddresses: 0 })).toEqual([
      ["twoStep", false],
      ["contractPrices", null],
    ]);
  });

  it("no contract-prices step without a price list of the company's own or without a category to show", () => {
    expect(summary({ hasContractPrices: false }).map(([key]) => key)).toEqual(["addresses", "colleagues", "twoStep"]);
    expect(summary({ firstCategorySlug: null }).map(([key]) => key)).toEqual(["addresses", "colleagues", "twoStep"]);
  });

  it("gone once every task is done: the contract-prices pointer keeps nothing up", () => {
    expect(summary({ shipToAddresses: 1, colleagues: 1, twoStepOn: true })).toEqual([]);
    expect(summary({ role: "buyer", twoStepOn: true })).toEqual([]);
  });

  it("gone once dismissed, for staff, in a punchout session or while staff view the shop as the customer, and for a long-standing account", () => {
    expect(summary({ dismissedAt: daysAgo(0) })).toEqual([]);
    expect(summary({ role: "account_manager" })).toEqual([]);
    expect(summary({ role: "admin" })).toEqual([]);
    expect(summary({ notOwnSession: true })).toEqual([]);
    expect(summary({ accountCreatedAt: daysAgo(NEW_ACCOUNT_DAYS + 1) })).toEqual([]);
    expect(summary({ accountCreatedAt: daysAgo(NEW_ACCOUNT_DAYS - 1) })).not.toEqual([]);
  });
});
