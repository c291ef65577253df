import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { COMPANY_ROLES, STAFF_ROLES, type UserRole } from "@/db/schema/companies";
import { getActiveUserById, type UserRecord } from "@/lib/data/users";
import { auth } from "./index";

export type SessionUser = Omit<UserRecord, "passwordHash">;
export type BuyerUser = SessionUser & { companyId: number; companyName: string };

/**
 * The signed-in user, re-read from the database on every request so deactivation and role
 * changes take effect at once (the JWT only carries the id). Null when not signed in.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const user = await getActiveUserById(id);
  if (!user) return null;
  const { passwordHash: _hash, ...rest } = user;
  return rest;
});

export function isBuyer(user: SessionUser | null): user is BuyerUser {
  return !!user && (COMPANY_ROLES as readonly UserRole[]).includes(user.role) && user.companyId !== null;
}

export function isStaff(user: SessionUser | null): boolean {
  return !!user && (STAFF_ROLES as readonly UserRole[]).includes(user.role);
}

/** For pages: redirect to sign-in (and back) when nobody is signed in. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For pages that only a customer's user can use (cart, checkout, orders). */
export async function requireBuyer(returnTo: string): Promise<BuyerUser> {
  const user = await requireUser(returnTo);
  if (!isBuyer(user)) notFound();
  return user;
}
