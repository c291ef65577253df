/**
 * A customer can require two-step verification of all its users (companies.two_step_required, set
 * by its company admin or account manager). Pure: decided from the user as the guards read it on
 * every request (lib/data/users.ts carries the company's setting), so no page pays a query for it.
 */

export interface TwoStepRequirementSubject {
  /** A customer's user (buyer, approver, company admin); staff have none (users_company_matches_role). */
  companyId: number | null;
  /** When the user's own two-step verification went on (null/absent: off or only pending). */
  twoStepSince?: Date | null;
  /** The user's company requires it (absent: a user put together elsewhere, treated as not required). */
  companyTwoStepRequired?: boolean;
  /** A punchout session: the procurement system signed the user in, not a password. */
  punchout: unknown;
  /** Staff viewing the shop as this user: their own sign-in is not the customer's business. */
  impersonatedBy: unknown;
}

/** Where a buyer who must set it up is sent, and the only shop page open to them until it is on. */
export const BUYER_TWO_STEP_SETUP_PATH = "/account/profile?twoStep=required";

/**
 * A customer's user signed in with a password whose company requires two-step verification and
 * whose own is not on (yet, or again after staff or their company admin reset it): they reach
 * only their profile until it is. Punchout sessions and staff viewing the shop as the user are
 * not password sign-ins of this user and go on as before; staff have their own requirement.
 */
export function buyerMustSetUpTwoStep(user: TwoStepRequirementSubject | null | undefined): boolean {
  if (!user?.companyTwoStepRequired) return false;
  if (user.companyId === null) return false;
  if (user.punchout || user.impersonatedBy) return false;
  return !user.twoStepSince;
}
