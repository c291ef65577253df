import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { COMPANY_ROLES, STAFF_ROLES, type UserRole } from "@/db/schema/companies";
import { getActiveUserById, type UserRecord } from "@/lib/data/users";
import { isStaffTwoStepRequired } from "@/lib/data/security-settings";
import { getBrowserPunchoutSession, getEndedBrowserPunchoutSession } from "@/lib/punchout/browser-session";
import { effectiveAssortment } from "@/lib/catalog/assortment";
import { BUYER_TWO_STEP_SETUP_PATH, buyerMustSetUpTwoStep } from "@/lib/two-step/required";
import { resolveViewAs, type ImpersonatedBy } from "./impersonation";
import { readSession } from "./index";
import { sessionMatchesCredential } from "./session-binding";

/** Set while the user shops inside a procurement system's punchout session. */
export interface PunchoutContext {
  sessionId: number;
  connectionName: string;
  presetId: string;
  protocol: "oci" | "cxml";
  operation: "create" | "edit" | "inspect";
  /** An account manager's connection test: the cart goes back to /admin, not to a buyer. */
  connectionTest?: boolean;
  /**
   * The session runs as the connection's technical user: an account the procurement system's users
   * share, with no profile of its own and a mailbox nobody reads (no mail is promised to it).
   */
  technicalUser?: boolean;
}

export type SessionUser = Omit<UserRecord, "passwordHash"> & {
  punchout: PunchoutContext | null;
  /** Set while a staff member views the shop as this customer user ("view as"). */
  impersonatedBy: ImpersonatedBy | null;
};
export type BuyerUser = SessionUser & { companyId: number; companyName: string };

/**
 * The signed-in user, re-read from the database on every request so deactivation, role and
 * password changes take effect at once (the JWT carries the id and a fingerprint of the password
 * it was signed in with). Null when not signed in.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // A punchout session is a separate, new session: it wins over a normal sign-in in the same browser.
  const punchout = await getBrowserPunchoutSession(new Date());
  if (punchout) {
    const user = await getActiveUserById(punchout.userId);
    if (user && user.companyId === punchout.companyId) {
      const { passwordHash: _hash, ...rest } = user;
      return {
        ...rest,
        // A connection may limit its sessions to the customer's contract assortment (lib/catalog/assortment.ts).
        companyAssortment: effectiveAssortment(rest.companyAssortment, punchout.connectionAssortment),
        punchout: {
          sessionId: punchout.id,
          connectionName: punchout.connectionName,
          presetId: punchout.presetId,
          protocol: punchout.protocol,
          operation: punchout.operation,
          connectionTest: punchout.connectionTest,
          technicalUser: punchout.technicalUser,
        },
        impersonatedBy: null,
      };
    }
  }
  const user = await getSignedInUser();
  // A staff member with an open "view as" session sees the shop as that customer user.
  return (user && isStaff(user) && (await resolveViewAs(user, new Date()))) || user;
});

/** Who signed in (the JWT's user, re-read), never the customer a staff member is viewing the shop as. */
const getSignedInUser = cache(async (): Promise<SessionUser | null> => {
  const session = await readSession();
  const id = Number(session?.userId);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const user = await getActiveUserById(id);
  // A session signed in with an earlier password, or before two-step verification was turned on or
  // off, is over (lib/auth/session-binding.ts).
  if (!user || !sessionMatchesCredential(session?.credential, user.passwordHash, user.twoStepSince ?? null)) return null;
  const { passwordHash: _hash, ...rest } = user;
  return { ...rest, punchout: null, impersonatedBy: null };
});

export function isBuyer(user: SessionUser | null): user is BuyerUser {
  return !!user && (COMPANY_ROLES as readonly UserRole[]).includes(user.role) && user.companyId !== null;
}

export function isStaff(user: SessionUser | null): boolean {
  return !!user && (STAFF_ROLES as readonly UserRole[]).includes(user.role);
}

/** Says that this browser's punchout session is over, and to start again from the procurement system. */
export const PUNCHOUT_ENDED_PATH = "/punchout/ended";

/**
 * Where a page sends a request nobody is signed in for: to sign in (and back), or — when this
 * browser's punchout session has ended (transfer, cancel, expiry) and nothing else is signed in — to
 * the page that says so: that buyer has no password, the procurement system signed them in.
 */
export async function signInRedirectPath(returnTo: string): Promise<string> {
  if (await getEndedBrowserPunchoutSession(new Date())) return PUNCHOUT_ENDED_PATH;
  return `/login?callbackUrl=${encodeURIComponent(returnTo)}`;
}

/**
 * For pages: redirect to sign-in (and back) when nobody is signed in (an ended punchout session: to
 * PUNCHOUT_ENDED_PATH instead). A customer's user whose
 * company requires two-step verification and who has none is sent to their profile to set it up
 * (lib/two-step/required.ts); only the profile passes `{ twoStepSetup: true }`.
 */
export async function requireUser(returnTo: string, options: { twoStepSetup?: boolean } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(await signInRedirectPath(returnTo));
  if (!options.twoStepSetup && buyerMustSetUpTwoStep(user)) redirect(BUYER_TWO_STEP_SETUP_PATH);
  return user;
}

/**
 * For buyer-only route handlers (exports, downloads): the signed-in customer user, or null — the route
 * answers "not found". Like requireUser, a user whose company requires two-step verification they
 * have not set up is sent to set it up first.
 */
export async function buyerForRoute(): Promise<BuyerUser | null> {
  const user = await getCurrentUser();
  if (!isBuyer(user)) return null;
  if (buyerMustSetUpTwoStep(user)) redirect(BUYER_TWO_STEP_SETUP_PATH);
  return user;
}

export type StaffUser = SessionUser & { role: "account_manager" | "admin"; companyId: null };

/**
 * For every /admin page, action and route: staff only. Everybody else gets a 404, so the admin
 * area does not even reveal that it exists. Call it in each page/action/route, not only in a layout.
 */
export async function requireStaff(returnTo: string, options: { twoStepSetup?: boolean } = {}): Promise<StaffUser> {
  // Buyers get the 404 below, also those whose company requires two-step verification.
  const user = await requireUser(returnTo, { twoStepSetup: true });
  // While viewing the shop as a customer, the staff member keeps their own admin access.
  const staff = user.impersonatedBy ? await getSignedInUser() : user;
  if (!isStaff(staff)) notFound();
  // Required for staff and not set up yet: their profile first, where they set it up (and nothing else).
  if (!options.twoStepSetup && (await staffMustSetUpTwoStep(staff!))) redirect("/admin/profile?twoStep=required");
  return staff as StaffUser;
}

/**
 * Two-step verification is required for staff (security settings) and this staff member has none:
 * only their profile (`requireStaff(…, { twoStepSetup: true })`, its selfAction actions) stays open.
 * Only staff without it pay the settings read.
 */
export async function staffMustSetUpTwoStep(staff: Pick<SessionUser, "twoStepSince">): Promise<boolean> {
  return !staff.twoStepSince && (await isStaffTwoStepRequired());
}

/**
 * For server actions and API routes signed in by session: the staff user, or null (the action then
 * refuses) — also while two-step verification is required for staff and theirs is not on.
 */
export async function getStaffUser(): Promise<StaffUser | null> {
  const user = await getCurrentUser();
  const staff = user?.impersonatedBy ? await getSignedInUser() : user;
  if (!isStaff(staff) || (await staffMustSetUpTwoStep(staff!))) return null;
  return staff as StaffUser;
}

/**
 * For pages that only a customer's user can use (cart, checkout, orders). While their company
 * requires two-step verification and theirs is not on, every one of them redirects to the profile
 * (`requireBuyer("/account/profile", { twoStepSetup: true })`, the one page that stays open).
 */
export async function requireBuyer(returnTo: string, options: { twoStepSetup?: boolean } = {}): Promise<BuyerUser> {
  const user = await requireUser(returnTo, options);
  if (!isBuyer(user)) notFound();
  return user;
}
