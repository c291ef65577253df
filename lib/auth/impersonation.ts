import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { getActiveViewAsSession } from "@/lib/data/impersonation";
import { getActiveUserById } from "@/lib/data/users";
import type { SessionUser } from "./guards";

/**
 * "View shop as customer": a staff member browses the shop as one customer user. It is a separate
 * mechanism next to the sign-in: a random token in its own cookie (the database keeps its SHA-256),
 * bound to the staff member who started it, at most 60 minutes, ended by the exit button. It only
 * applies while that staff member is signed in and may still see the customer.
 */
export const VIEW_AS_COOKIE = "koppel_view_as";

/** Who is really behind an impersonated session user. */
export interface ImpersonatedBy {
  id: number;
  name: string;
  sessionId: number;
  expiresAt: Date;
}

export function newViewAsToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashViewAsToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export async function setViewAsCookie(token: string, expiresAt: Date): Promise<void> {
  (await cookies()).set(VIEW_AS_COOKIE, token, { httpOnly: true, secure: true, sameSite: "lax", path: "/", expires: expiresAt });
}

export async function clearViewAsCookie(): Promise<void> {
  (await cookies()).set(VIEW_AS_COOKIE, "", { httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 0 });
}

export async function readViewAsTokenHash(): Promise<string | null> {
  const token = (await cookies()).get(VIEW_AS_COOKIE)?.value;
  return token && token.length <= 100 ? hashViewAsToken(token) : null;
}

/**
 * The customer user a signed-in staff member is viewing the shop as, or null (no cookie, expired,
 * ended, someone else's token, customer no longer theirs, target user or company deactivated).
 */
export async function resolveViewAs(staff: SessionUser, now: Date): Promise<SessionUser | null> {
  if (staff.role !== "admin" && staff.role !== "account_manager") return null;
  const tokenHash = await readViewAsTokenHash();
  if (!tokenHash) return null;
  const session = await getActiveViewAsSession(tokenHash, { id: staff.id, role: staff.role }, now);
  if (!session) return null;
  const target = await getActiveUserById(session.targetUserId);
  if (!target || target.companyId !== session.companyId) return null;
  const { passwordHash: _hash, ...rest } = target;
  return {
    ...rest,
    punchout: null,
    impersonatedBy: { id: staff.id, name: staff.name, sessionId: session.id, expiresAt: session.expiresAt },
  };
}
