import "server-only";
import { and, count, eq, isNotNull, isNull, ne, not } from "drizzle-orm";
import { addresses, companyPriceLists, users, userTwoFactor } from "@/db/schema";
import { isTechnicalUser } from "./customers";
import { database } from "./database";

/**
 * The facts behind the home page's "Get started" panel (lib/account/get-started.ts decides what
 * it shows): the user's own account, their company's delivery addresses, colleagues and price lists.
 */
export interface GetStartedData {
  accountCreatedAt: Date;
  dismissedAt: Date | null;
  shipToAddresses: number;
  colleagues: number;
  twoStepOn: boolean;
  hasContractPrices: boolean;
}

/**
 * For a customer user (their own company only); null when the user is not of that company or not active.
 * `stillOpen` sees the account first: when it says the panel is closed for good (put away, an old
 * account) the company's counts are not read — the home page asks on every view.
 */
export async function getStartedData(
  userId: number,
  companyId: number,
  stillOpen: (account: { accountCreatedAt: Date; dismissedAt: Date | null }) => boolean = () => true,
): Promise<GetStartedData | null> {
  const db = await database();
  const [user] = await db
    .select({ accountCreatedAt: users.createdAt, dismissedAt: users.getStartedDismissedAt })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.companyId, companyId), eq(users.active, true)));
  if (!user) return null;
  if (!stillOpen(user)) return { ...user, shipToAddresses: 0, colleagues: 0, twoStepOn: false, hasContractPrices: false };
  const [[shipTo], [colleagues], [factor], [priceList]] = await Promise.all([
    db.select({ n: count() }).from(addresses).where(and(eq(addresses.companyId, companyId), eq(addresses.kind, "ship_to"))),
    // Colleagues who sign in themselves: a punchout connection's technical user is no colleague.
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.companyId, companyId), ne(users.id, userId), eq(users.active, true), not(isTechnicalUser))),
    db.select({ userId: userTwoFactor.userId }).from(userTwoFactor).where(and(eq(userTwoFactor.userId, userId), isNotNull(userTwoFactor.confirmedAt))),
    db.select({ id: companyPriceLists.priceListId }).from(companyPriceLists).where(eq(companyPriceLists.companyId, companyId)).limit(1),
  ]);
  return {
    ...user,
    shipToAddresses: shipTo?.n ?? 0,
    colleagues: colleagues?.n ?? 0,
    twoStepOn: factor !== undefined,
    hasContractPrices: priceList !== undefined,
  };
}

/** The user put the panel away; once is enough (a second press keeps the first time). */
export async function dismissGetStarted(userId: number, now: Date): Promise<void> {
  const db = await database();
  await db.update(users).set({ getStartedDismissedAt: now }).where(and(eq(users.id, userId), isNull(users.getStartedDismissedAt)));
}
