import "server-only";
import type { Db } from "@/db/client";
import { accountSecurityEvents, type AccountSecurityEventKind, type SecurityEventDetail } from "@/db/schema";

/** Who did something to a user's sign-in or access: the user themself, staff, or their company's admin. */
export interface SecurityActor {
  userId: number;
  name: string;
  role: string;
}

export interface SecurityEventInput {
  userId: number;
  /** The user's company (null for staff), so account managers see their customers' events only. */
  companyId: number | null;
  kind: AccountSecurityEventKind;
  actor: SecurityActor;
  recoveryCodesLeft?: number;
  detail?: SecurityEventDetail;
}

/** Writes one account security event inside the caller's transaction (the change and its record together). */
export async function recordSecurityEventIn(tx: Pick<Db, "insert">, event: SecurityEventInput, now: Date): Promise<void> {
  await tx.insert(accountSecurityEvents).values({
    userId: event.userId,
    companyId: event.companyId,
    kind: event.kind,
    actorUserId: event.actor.userId,
    actorName: event.actor.name,
    actorRole: event.actor.role,
    recoveryCodesLeft: event.recoveryCodesLeft ?? null,
    detail: event.detail ?? null,
    createdAt: now,
  });
}
