import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { companyPriceLists, priceLists, users } from "@/db/schema";
import { database } from "./database";

/** What "My account" reads and writes about the signed-in user and their company. */

export interface AccountPriceList {
  name: string;
  code: string;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  priority: number;
}

/** The price lists assigned to a company, in the order they win (lowest priority number first). */
export async function listCompanyPriceLists(companyId: number): Promise<AccountPriceList[]> {
  const db = await database();
  return db
    .select({
      name: priceLists.name,
      code: priceLists.code,
      currency: priceLists.currency,
      validFrom: priceLists.validFrom,
      validTo: priceLists.validTo,
      priority: companyPriceLists.priority,
    })
    .from(companyPriceLists)
    .innerJoin(priceLists, eq(priceLists.id, companyPriceLists.priceListId))
    .where(eq(companyPriceLists.companyId, companyId))
    .orderBy(asc(companyPriceLists.priority), asc(priceLists.name));
}

export interface Recipient {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
}

/** Active approvers and company admins of a company, except one user (who never approves their own order). */
export async function listCompanyApprovers(companyId: number, exceptUserId: number | null): Promise<Recipient[]> {
  const db = await database();
  return db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(
      and(
        eq(users.companyId, companyId),
        eq(users.active, true),
        inArray(users.role, ["approver", "company_admin"]),
        exceptUserId === null ? undefined : ne(users.id, exceptUserId),
      ),
    )
    .orderBy(asc(users.name));
}

export async function getRecipient(userId: number): Promise<Recipient | null> {
  const db = await database();
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)));
  return row ?? null;
}

export async function updateOwnProfile(userId: number, changes: { name: string; locale: "nl" | "en" }): Promise<void> {
  const db = await database();
  await db.update(users).set(changes).where(eq(users.id, userId));
}

export async function getPasswordHash(userId: number): Promise<string | null> {
  const db = await database();
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(and(eq(users.id, userId), eq(users.active, true)));
  return row?.hash ?? null;
}

/** Replaces the password hash only if it is still the one the caller verified (no lost update). */
export async function replacePasswordHash(userId: number, expectedHash: string, newHash: string): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(users)
    .set({ passwordHash: newHash })
    .where(and(eq(users.id, userId), eq(users.passwordHash, expectedHash)))
    .returning({ id: users.id });
  return updated.length > 0;
}
