import "server-only";
import type { SessionUser, StaffUser } from "@/lib/auth/guards";
import { clearViewAsCookie, hashViewAsToken, newViewAsToken, readViewAsTokenHash, setViewAsCookie } from "@/lib/auth/impersonation";
import { getCustomerUser } from "@/lib/data/customers";
import { endViewAsSession, recordViewAsEvent, startViewAsSession } from "@/lib/data/impersonation";
import { AppError } from "@/lib/errors";
import { getCustomerOrThrow } from "./access";

/** "View shop as customer" from the staff side: start, exit, and the page-view audit. */

export const VIEW_AS_DURATIONS = [15, 30, 60] as const;
/** The time box; view_as_sessions has the same limit as a check constraint. */
export const VIEW_AS_MAX_MINUTES = 60;

export async function startViewAs(
  staff: StaffUser,
  input: { userId: number; minutes: number; reason: string | null },
  now: Date,
): Promise<{ companyId: number }> {
  if (input.minutes < 1 || input.minutes > VIEW_AS_MAX_MINUTES) throw new AppError("invalid_input", "duration");
  const target = await getCustomerUser(input.userId);
  if (!target) throw new AppError("not_found", "user_not_found");
  const company = await getCustomerOrThrow(staff, target.companyId);
  if (!target.active || !company.active) throw new AppError("conflict", "user_inactive");
  const token = newViewAsToken();
  const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
  await startViewAsSession({
    tokenHash: hashViewAsToken(token),
    staffUserId: staff.id,
    targetUserId: target.id,
    companyId: company.id,
    reason: input.reason,
    now,
    expiresAt,
  });
  await setViewAsCookie(token, expiresAt);
  return { companyId: company.id };
}

/** Ends this browser's view-as session of the staff member; returns the customer it was for. */
export async function exitViewAs(staff: StaffUser, now: Date): Promise<{ companyId: number } | null> {
  const tokenHash = await readViewAsTokenHash();
  await clearViewAsCookie();
  return tokenHash ? endViewAsSession(tokenHash, staff.id, now) : null;
}

/** Records one page view made on behalf of a customer; a no-op for anyone not viewing as. */
export async function recordPageView(user: SessionUser | null, path: string, now: Date): Promise<boolean> {
  if (!user?.impersonatedBy || user.companyId === null) return false;
  await recordViewAsEvent({
    sessionId: user.impersonatedBy.sessionId,
    staffUserId: user.impersonatedBy.id,
    targetUserId: user.id,
    companyId: user.companyId,
    kind: "page_view",
    path,
    now,
  });
  return true;
}
