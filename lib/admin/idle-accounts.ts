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
