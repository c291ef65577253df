import "server-only";
import { and, asc, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { accountSecurityEvents, companies, userTwoFactor, users } from "@/db/schema";
import { database } from "./database";
import { queueMailIn } from "./mail-outbox";
import type { QueuedMail, SecurityActor } from "./two-step";

/**
 * A customer requiring two-step verification of all its users (companies.two_step_required). The
 * guards read the setting with the user on every request (lib/data/users.ts), the staff's user list
 * with the customer; this is the change, made from either user list (the company admin's, staff's).
 */

/** Whom turning the requirement on concerns: who signs in with a password and has no two-step verification (a pending setup is none). */
export interface UserWithoutTwoStep {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
}

export interface CompanyTwoStepChange {
  required: boolean;
  actor: SecurityActor;
  /** The notice for each user who still has to set it up, queued with the change (only when it goes on). */
  mail: (user: UserWithoutTwoStep) => QueuedMail;
}

/**
 * Sets the requirement and, when it goes on, queues the notice for every active user of the company
 * who has a password and no two-step verification — in the same transaction, so the mails go out
 * exactly when the change is stored. Logged in the account security log (as an event of the actor,
 * with the company). Saving what is already set changes nothing and mails nobody. Returns whom it
 * mailed, or null when nothing changed (or there is no such company).
 */
export async function setCompanyTwoStepRequired(companyId: number, change: CompanyTwoStepChange, now: Date): Promise<UserWithoutTwoStep[] | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(companies)
      .set({ twoStepRequired: change.required })
      .where(and(eq(companies.id, companyId), ne(companies.twoStepRequired, change.required)))
      .returning({ id: companies.id });
    if (changed.length === 0) return null;
    await tx.insert(accountSecurityEvents).values({
      userId: change.actor.userId,
      companyId,
      kind: change.required ? "company_two_step_required" : "company_two_step_not_required",
      actorUserId: change.actor.userId,
      actorName: change.actor.name,
      actorRole: change.actor.role,
      createdAt: now,
    });
    if (!change.required) return [];
    const concerned = await tx
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
      .from(users)
      .leftJoin(userTwoFactor, and(eq(userTwoFactor.userId, users.id), isNotNull(userTwoFactor.confirmedAt)))
      .where(and(eq(users.companyId, companyId), eq(users.active, true), isNotNull(users.passwordHash), isNull(userTwoFactor.userId)))
      .orderBy(asc(users.id));
    await queueMailIn(tx, concerned.map(change.mail), now);
    return concerned;
  });
}
