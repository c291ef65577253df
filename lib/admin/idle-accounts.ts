import { z } from "zod";

/**
 * Access review: which accounts have not been used for a while (NIS2 / ISO 27001 ask for it; an unused
 * account with a password is a way in nobody watches). An account counts as idle when it is active,
 * has a password (an open invitation has its own status) and its last full sign-in — or, without one
 * recorded, its creation — lies `days` or more back. Sign-ins are recorded since migration 0041: an
 * account used only before that shows as idle until its next sign-in.
 */

export const IDLE_DAY_CHOICES = [30, 90, 180, 365] as const;
export type IdleDays = (typeof IDLE_DAY_CHOICES)[number];

/** `?idle=90` → 90; anything else → null (no filter). */
export const idleDaysParam = z.coerce
  .number()
  .refine((value): value is IdleDays => (IDLE_DAY_CHOICES as readonly number[]).includes(value))
  .optional()
  .catch(undefined);

const DAY_MS = 86_400_000;

export function isIdle(account: { active: boolean; hasPassword: boolean; lastSignInAt?: Date | null; createdAt: Date }, days: number, now: Date): boolean {
  if (!account.active || !account.hasPassword) return false;
  const lastUse = account.lastSignInAt ?? account.createdAt;
  return now.getTime() - lastUse.getTime() >= days * DAY_MS;
}

type Account = Parameters<typeof isIdle>[0];

/** The filter's choices for a list at `basePath`: everybody, then each IDLE_DAY_CHOICES, with how many accounts each shows. */
export function idleFilterChoices(basePath: string, accounts: readonly Account[], current: IdleDays | undefined, now: Date): { href: string; days: IdleDays | null; count: number; current: boolean }[] {
  return [
    { href: basePath, days: null, count: accounts.length, current: current === undefined },
    ...IDLE_DAY_CHOICES.map((days) => ({ href: `${basePath}?idle=${days}`, days, count: accounts.filter((account) => isIdle(account, days, now)).length, current: current === days })),
  ];
}

/**
 * Why "deactivate all idle accounts shown" left an account of the list as it was: the acting user
 * themself, already inactive, signed in (or otherwise no longer idle) since the list was shown, the
 * last active admin (staff only), or not on this list at all (another customer's user, a customer's
 * user on the staff list, an unknown id: never named back).
 */
export const IDLE_SKIP_REASONS = ["yourself", "inactive", "signed_in", "last_admin", "not_listed"] as const;
export type IdleSkipReason = (typeof IDLE_SKIP_REASONS)[number];

export interface IdleCandidate extends Account {
  id: number;
  name: string;
  role: string;
}

export interface IdleDeactivationPlan {
  /** In id order. */
  deactivate: number[];
  /** In id order; `name` null for the ids that are not on the list. */
  skipped: { id: number; name: string | null; reason: IdleSkipReason }[];
}

/**
 * Which of the ids an access-review page showed are deactivated, decided again on the accounts as
 * they are now (the caller holds their row locks): `accounts` are the ones among `shownIds` that
 * belong to the list reviewed. With `activeAdminIds` (the staff list: the active admins now) an
 * admin goes only while another active admin stays, as with a single deactivation.
 */
export function planIdleDeactivation(
  shownIds: readonly number[],
  accounts: readonly IdleCandidate[],
  review: { days: number; now: Date; actorId: number; activeAdminIds?: readonly number[] },
): IdleDeactivationPlan {
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const remainingAdmins = new Set(review.activeAdminIds ?? []);
  const plan: IdleDeactivationPlan = { deactivate: [], skipped: [] };
  for (const id of [...new Set(shownIds)].sort((a, b) => a - b)) {
    const account = byId.get(id);
    const reason: IdleSkipReason | null = !account
      ? "not_listed"
      : id === review.actorId
        ? "yourself"
        : !account.active
          ? "inactive"
          : !isIdle(account, review.days, review.now)
            ? "signed_in"
            : review.activeAdminIds && account.role === "admin" && remainingAdmins.has(id) && remainingAdmins.size <= 1
              ? "last_admin"
              : null;
    if (reason) {
      plan.skipped.push({ id, name: account?.name ?? null, reason });
    } else {
      plan.deactivate.push(id);
      remainingAdmins.delete(id);
    }
  }
  return plan;
}
