import "server-only";
import type { SessionUser } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { twoStepOverview } from "./two-step";

/** What the profile's two-step section shows (components/account/two-step-section.tsx). */
export interface TwoStepView {
  state: "off" | "pending" | "on";
  /** Why the user cannot change it here: no password sign-in, viewing the shop as a customer, or a punchout session. */
  unavailable: "no_password" | "viewing_as" | "punchout" | null;
  /** When it was turned on, formatted. */
  since: string | null;
  recoveryCodesLeft: number;
  enrolment: { secret: string; qrSvgDataUri: string } | null;
  email: string;
}

/** The two-step section of the signed-in user's own profile (buyers and staff). */
export async function twoStepView(user: SessionUser): Promise<TwoStepView> {
  const overview = await twoStepOverview(user);
  return {
    state: overview.state,
    // The procurement system signed a punchout session in, not a password: its own reason, not view-as's.
    unavailable: user.impersonatedBy ? "viewing_as" : user.punchout ? "punchout" : overview.hasPassword ? null : "no_password",
    since: overview.since ? dateTimeText(overview.since, user.locale) : null,
    recoveryCodesLeft: overview.recoveryCodesLeft,
    enrolment: overview.enrolment ? { secret: overview.enrolment.secret, qrSvgDataUri: overview.enrolment.qrSvgDataUri } : null,
    email: user.email,
  };
}
