import "server-only";
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountSecurityEvents, companies, userRecoveryCodes, userTwoFactor, users, type AccountSecurityEventKind, type SecurityEventDetail, type UserTwoFactor } from "@/db/schema";
import { database } from "./database";
import { managedBy } from "./customers";
import { queueMailIn } from "./mail-outbox";
import { recordSecurityEventIn, type SecurityEventInput } from "./security-events";

/**
 * Two-step verification: the user's TOTP factor (pending until confirmed), their hashed recovery
 * codes, and the account security log. Every change that the user should hear about writes its
 * log row and queues its mail in the same transaction as the change.
 */

export type TwoStepFactor = UserTwoFactor;

/** A message for the outbox, queued with the change. */
export interface QueuedMail {
  toEmail: string;
  toName: string;
  kind: string;
  subject: string;
  bodyText: string;
  userId: number;
}

export type { SecurityActor, SecurityEventInput } from "./security-events";

async function queue(tx: Db, mail: QueuedMail, now: Date): Promise<void> {
  await queueMailIn(tx, [mail], now);
}

export async function getTwoStepFactor(userId: number): Promise<TwoStepFactor | null> {
  const db = await database();
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  return row ?? null;
}

/**
 * Stores a new pending secret (replacing an earlier pending one). Never replaces a confirmed
 * factor: false when the user has one.
 */
export async function savePendingFactor(userId: number, secretSealed: string, now: Date): Promise<boolean> {
  const db = await database();
  const rows = await db
    .insert(userTwoFactor)
    .values({ userId, secretSealed, createdAt: now })
    .onConflictDoUpdate({ target: userTwoFactor.userId, set: { secretSealed, createdAt: now }, setWhere: isNull(userTwoFactor.confirmedAt) })
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

export async function deletePendingFactor(userId: number): Promise<void> {
  const db = await database();
  await db.delete(userTwoFactor).where(and(eq(userTwoFactor.userId, userId), isNull(userTwoFactor.confirmedAt)));
}

/**
 * Turns the pending secret the user just proved into their factor, with the step of that code
 * used up, a fresh set of recovery codes, the log row and the notice. False when the pending secret
 * changed meanwhile (enrolment started again elsewhere) or was confirmed already.
 */
export async function confirmFactor(
  userId: number,
  input: { secretSealed: string; step: number; codeHashes: string[]; event: SecurityEventInput; mail: QueuedMail },
  now: Date,
): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const confirmed = await tx
      .update(userTwoFactor)
      .set({ confirmedAt: now, lastUsedStep: input.step })
      .where(and(eq(userTwoFactor.userId, userId), isNull(userTwoFactor.confirmedAt), eq(userTwoFactor.secretSealed, input.secretSealed)))
      .returning({ userId: userTwoFactor.userId });
    if (confirmed.length === 0) return false;
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
    await tx.insert(userRecoveryCodes).values(input.codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
    await recordSecurityEventIn(tx, input.event, now);
    await queue(tx, input.mail, now);
    return true;
  });
}

/**
 * Uses up a time step of a confirmed factor: one UPDATE that succeeds only while the step is newer
 * than the last one used, so of two sign-ins with the same code exactly one gets true.
 */
export async function consumeTotpStep(userId: number, step: number): Promise<boolean> {
  const db = await database();
  const rows = await db
    .update(userTwoFactor)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(userTwoFactor.userId, userId),
        isNotNull(userTwoFactor.confirmedAt),
        or(isNull(userTwoFactor.lastUsedStep), lt(userTwoFactor.lastUsedStep, step)),
      ),
    )
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

export async function listUnusedRecoveryCodes(userId: number): Promise<{ id: number; codeHash: string }[]> {
  const db = await database();
  return db
    .select({ id: userRecoveryCodes.id, codeHash: userRecoveryCodes.codeHash })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
}

export async function countUnusedRecoveryCodes(userId: number): Promise<number> {
  const db = await database();
  const [row] = await db
    .select({ n: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/**
 * Uses up one recovery code (only if still unused: a code works once, also when two sign-ins
 * race) and, for a sign-in, logs it and queues the notice saying how many are left. The number
 * left, or null when the code was used meanwhile.
 */
export async function consumeRecoveryCode(
  userId: number,
  codeId: number,
  now: Date,
  notice: { event: Omit<SecurityEventInput, "recoveryCodesLeft">; mail: (codesLeft: number) => QueuedMail } | null,
): Promise<number | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const used = await tx
      .update(userRecoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(userRecoveryCodes.id, codeId), eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)))
      .returning({ id: userRecoveryCodes.id });
    if (used.length === 0) return null;
    const [left] = await tx
      .select({ n: count() })
      .from(userRecoveryCodes)
      .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
    const codesLeft = left?.n ?? 0;
    if (notice) {
      await recordSecurityEventIn(tx, { ...notice.event, recoveryCodesLeft: codesLeft }, now);
      await queue(tx, notice.mail(codesLeft), now);
    }
    return codesLeft;
  });
}

/** New recovery codes for a confirmed factor; every earlier code stops working. False without a factor. */
export async function replaceRecoveryCodes(userId: number, codeHashes: string[], event: SecurityEventInput, now: Date): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [factor] = await tx
      .select({ userId: userTwoFactor.userId })
      .from(userTwoFactor)
      .where(and(eq(userTwoFactor.userId, userId), isNotNull(userTwoFactor.confirmedAt)))
      .for("update");
    if (!factor) return false;
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
    await tx.insert(userRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
    await recordSecurityEventIn(tx, event, now);
    return true;
  });
}

/**
 * Turns two-step verification off: the factor (confirmed or pending) and the recovery codes go,
 * with the log row and the notice. False when it was not on (nothing is logged or mailed then).
 */
export async function removeFactor(userId: number, event: SecurityEventInput, mail: QueuedMail, now: Date): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(userTwoFactor)
      .where(and(eq(userTwoFactor.userId, userId), isNotNull(userTwoFactor.confirmedAt)))
      .returning({ userId: userTwoFactor.userId });
    if (removed.length === 0) return false;
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
    await recordSecurityEventIn(tx, event, now);
    await queue(tx, mail, now);
    return true;
  });
}

/** The users of a company who have two-step verification on (for the user lists). */
export async function listTwoStepUserIds(companyId: number): Promise<Set<number>> {
  const db = await database();
  const rows = await db
    .select({ userId: userTwoFactor.userId })
    .from(userTwoFactor)
    .innerJoin(users, eq(users.id, userTwoFactor.userId))
    .where(and(eq(users.companyId, companyId), isNotNull(userTwoFactor.confirmedAt)));
  return new Set(rows.map((row) => row.userId));
}

export interface SecurityEventRow {
  id: number;
  createdAt: Date;
  kind: AccountSecurityEventKind;
  userId: number;
  userName: string;
  userEmail: string;
  companyId: number | null;
  companyName: string | null;
  actorName: string;
  actorRole: string;
  recoveryCodesLeft: number | null;
  detail: SecurityEventDetail | null;
}

/**
 * The account security log as staff see it: account managers the events of their customers' users
 * (`managerId`), admins everything (null). Newest first.
 */
export async function listSecurityEvents(
  filter: { managerId: number | null; companyId?: number; userIds?: number[] },
  page: { offset: number; limit: number },
): Promise<{ items: SecurityEventRow[]; total: number }> {
  const db = await database();
  const where = and(
    filter.managerId === null ? undefined : managedBy(accountSecurityEvents.companyId, filter.managerId),
    filter.companyId === undefined ? undefined : eq(accountSecurityEvents.companyId, filter.companyId),
    filter.userIds === undefined ? undefined : inArray(accountSecurityEvents.userId, filter.userIds.length ? filter.userIds : [-1]),
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: accountSecurityEvents.id,
        createdAt: accountSecurityEvents.createdAt,
        kind: accountSecurityEvents.kind,
        userId: accountSecurityEvents.userId,
        userName: users.name,
        userEmail: users.email,
        companyId: accountSecurityEvents.companyId,
        companyName: companies.name,
        actorName: accountSecurityEvents.actorName,
        actorRole: accountSecurityEvents.actorRole,
        recoveryCodesLeft: accountSecurityEvents.recoveryCodesLeft,
        detail: accountSecurityEvents.detail,
      })
      .from(accountSecurityEvents)
      .innerJoin(users, eq(users.id, accountSecurityEvents.userId))
      .leftJoin(companies, eq(companies.id, accountSecurityEvents.companyId))
      .where(where)
      .orderBy(desc(accountSecurityEvents.createdAt), desc(accountSecurityEvents.id))
      .offset(page.offset)
      .limit(page.limit),
    db.select({ n: count() }).from(accountSecurityEvents).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
