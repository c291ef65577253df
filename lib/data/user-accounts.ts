import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailOutbox, userTokens, users, type UserTokenPurpose } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { database } from "./database";
import { recordSecurityEventIn, type SecurityActor } from "./security-events";
import type { NewCustomerUser } from "./customers";

/**
 * Invitations and password resets for customer users: a single-use token (only its SHA-256 is
 * stored) and the e-mail carrying the link, queued in the same transaction. Staff never see or set
 * a password.
 */

export interface OutgoingMail {
  toEmail: string;
  toName: string;
  kind: string;
  subject: string;
  bodyText: string;
}

export interface IssuedToken {
  tokenHash: string;
  expiresAt: Date;
  mail: OutgoingMail;
}

/** Inside the caller's transaction: the new link replaces earlier ones, its mail is queued with it. */
export async function issueUserTokenIn(tx: Db, userId: number, purpose: UserTokenPurpose, createdBy: number | null, token: IssuedToken, now: Date): Promise<void> {
  // A new link replaces every earlier open link of the same purpose.
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
  await tx.insert(userTokens).values({ userId, purpose, tokenHash: token.tokenHash, createdByUserId: createdBy, createdAt: now, expiresAt: token.expiresAt });
  await tx.insert(mailOutbox).values({ ...token.mail, userId, createdAt: now });
}

/** Creates a customer user without a password and queues the invitation, atomically. */
export async function createInvitedUser(
  companyId: number,
  user: NewCustomerUser,
  invitedBy: SecurityActor,
  invitation: (userId: number) => IssuedToken,
  now: Date,
): Promise<{ id: number }> {
  const [created] = await createInvitedUsers(companyId, [{ user, invitation }], invitedBy, now);
  return created!;
}

/**
 * Several invited users with their set-password tokens (and mails) in one transaction: all or
 * none (an address taken meanwhile fails the unique index and nothing is written). Each invitation
 * is in the account security log, with the role it gives.
 */
export async function createInvitedUsers(
  companyId: number,
  invites: { user: NewCustomerUser; invitation: (userId: number) => IssuedToken }[],
  invitedBy: SecurityActor,
  now: Date,
): Promise<{ id: number }[]> {
  const db = await database();
  return db.transaction(async (tx) => {
    const createdIds: { id: number }[] = [];
    for (const { user, invitation } of invites) {
      const [created] = await tx
        .insert(users)
        .values({ ...user, email: user.email.toLowerCase(), companyId, passwordHash: null, createdAt: now })
        .returning({ id: users.id });
      if (!created) throw new Error("user insert returned nothing");
      await issueUserTokenIn(tx, created.id, "invite", invitedBy.userId, invitation(created.id), now);
      await recordSecurityEventIn(tx, { userId: created.id, companyId, kind: "invited", detail: { to: user.role }, actor: invitedBy }, now);
      createdIds.push(created);
    }
    return createdIds;
  });
}

export async function issueUserToken(userId: number, purpose: UserTokenPurpose, createdBy: number | null, token: IssuedToken, now: Date): Promise<void> {
  const db = await database();
  await db.transaction((tx) => issueUserTokenIn(tx, userId, purpose, createdBy, token, now));
}

export interface TokenHolder {
  tokenId: number;
  userId: number;
  purpose: UserTokenPurpose;
  name: string;
  email: string;
  locale: "nl" | "en";
}

/** The open, unexpired token's user (active users only), or null. */
export async function findUsableToken(tokenHash: string, now: Date): Promise<TokenHolder | null> {
  const db = await database();
  const [row] = await db
    .select({ tokenId: userTokens.id, userId: users.id, purpose: userTokens.purpose, name: users.name, email: users.email, locale: users.locale })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, tokenHash), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now), eq(users.active, true)));
  return row ?? null;
}

/** Any token, used or not, with what its page needs to say why it no longer works (lib/admin/set-password.ts). */
export interface TokenRecord {
  purpose: UserTokenPurpose;
  expiresAt: Date;
  usedAt: Date | null;
  userId: number;
  name: string;
  email: string;
  locale: "nl" | "en";
  companyId: number | null;
  userActive: boolean;
  hasPassword: boolean;
}

export async function findTokenRecord(tokenHash: string): Promise<TokenRecord | null> {
  const db = await database();
  const [row] = await db
    .select({
      purpose: userTokens.purpose,
      expiresAt: userTokens.expiresAt,
      usedAt: userTokens.usedAt,
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      companyId: users.companyId,
      userActive: users.active,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(eq(userTokens.tokenHash, tokenHash));
  return row ?? null;
}

/** Whether the user was ever sent an invitation (a punchout connection's technical user never was). */
export async function wasInvited(userId: number): Promise<boolean> {
  const db = await database();
  const [row] = await db
    .select({ id: userTokens.id })
    .from(userTokens)
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, "invite")))
    .limit(1);
  return row !== undefined;
}

/** Sets the password and uses up the token, atomically; only the first redemption succeeds. */
export async function redeemTokenWithPassword(tokenHash: string, passwordHash: string, now: Date): Promise<{ email: string; locale: "nl" | "en" }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [token] = await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.tokenHash, tokenHash), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
      .returning({ userId: userTokens.userId });
    if (!token) throw new AppError("not_found", "token_invalid");
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, token.userId), eq(users.active, true)))
      .returning({ email: users.email, locale: users.locale });
    if (!user) throw new AppError("not_found", "token_invalid");
    // Any other open link for this user is void now.
    await tx.update(userTokens).set({ usedAt: now }).where(and(eq(userTokens.userId, token.userId), isNull(userTokens.usedAt)));
    return user;
  });
}
