/**
 * The home page's "Get started" panel for a new customer user: the first steps that are theirs to
 * take, each ticked when the data says it is done. Pure: lib/data/get-started.ts gathers the facts.
 *
 * - A company admin sets up the company: delivery addresses, colleagues (both theirs only to add),
 *   two-step verification, and sees where their contract prices are.
 * - A buyer or approver: two-step verification and the contract prices.
 * The contract-prices step is a pointer, not a task (nothing to tick): it is offered only when the
 * company has a price list of its own and there is a category to show it in, and it never keeps the
 * panel up on its own. The panel goes once the user put it away, once every task is done, and for an
 * account older than NEW_ACCOUNT_DAYS (a long-standing user needs no "get started").
 */

export const NEW_ACCOUNT_DAYS = 30;

export type GetStartedKey = "addresses" | "colleagues" | "twoStep" | "contractPrices";

export interface GetStartedFacts {
  role: string;
  /**
   * Not the user's own sign-in: a punchout session (the procurement system's shopper) or staff
   * viewing the shop as the customer. Neither is the new user getting started.
   */
  notOwnSession: boolean;
  accountCreatedAt: Date;
  dismissedAt: Date | null;
  shipToAddresses: number;
  /** Other active users of the company. */
  colleagues: number;
  twoStepOn: boolean;
  hasContractPrices: boolean;
  /** The first category of the customer's assortment, for the contract-prices link. */
  firstCategorySlug: string | null;
}

export interface GetStartedItem {
  key: GetStartedKey;
  href: string;
  /** null: a pointer, nothing to tick. */
  done: boolean | null;
}

/** Whether the account may still see the panel at all: not put away, and new. */
export function getStartedStillOpen(account: { accountCreatedAt: Date; dismissedAt: Date | null }, now: Date): boolean {
  return account.dismissedAt === null && now.getTime() - account.accountCreatedAt.getTime() <= NEW_ACCOUNT_DAYS * 24 * 3600 * 1000;
}

export function getStartedItems(facts: GetStartedFacts, now: Date): GetStartedItem[] {
  if (facts.notOwnSession || !getStartedStillOpen(facts, now)) return [];
  const admin = facts.role === "company_admin";
  if (!admin && facts.role !== "buyer" && facts.role !== "approver") return [];
  const items: GetStartedItem[] = [];
  if (admin) {
    items.push({ key: "addresses", href: "/account/addresses", done: facts.shipToAddresses > 0 });
    items.push({ key: "colleagues", href: "/account/users", done: facts.colleagues > 0 });
  }
  items.push({ key: "twoStep", href: "/account/profile#two-step-title", done: facts.twoStepOn });
  if (facts.hasContractPrices && facts.firstCategorySlug) {
    items.push({ key: "contractPrices", href: `/catalog/${encodeURIComponent(facts.firstCategorySlug)}`, done: null });
  }
  // Every task done: nothing left to get started with.
  return items.some((item) => item.done === false) ? items : [];
}
