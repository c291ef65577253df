import "server-only";
import QRCode from "qrcode";
import { verifyPassword } from "@/lib/auth/password";
import { accountThrottleKeys } from "@/lib/auth/shop-sign-in";
import { getPasswordHash } from "@/lib/data/account";
import { clearLoginFailures, recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import {
  confirmFactor,
  countUnusedRecoveryCodes,
  deletePendingFactor,
  getTwoStepFactor,
  removeFactor,
  replaceRecoveryCodes,
  savePendingFactor,
  type SecurityActor,
} from "@/lib/data/two-step";
import { AppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { twoStepMail } from "@/lib/mail/two-step-mails";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import { checkSecondFactor, openSecret, sealSecret, type SecondFactorUser } from "./second-factor";
import { groupedSecret, matchTotpCode, newTotpSecret, otpauthUri } from "./totp";

/**
 * Two-step verification on the user's own profile (buyers under My account, staff under /admin):
 * enrolment (a pending secret shown as QR code, turned on with the password and a valid code, then
 * ten recovery codes shown once), new recovery codes and turning it off (password and a code or
 * recovery code). Wrong passwords and wrong codes count against the sign-in throttle of the
 * address (five in 15 minutes), so neither can be guessed here without limit.
 */

export type TwoStepSelf = SecondFactorUser & {
  /** Staff viewing the shop as a customer never change that customer's sign-in. */
  impersonatedBy?: unknown;
  /** A punchout session was not signed in with a password. */
  punchout?: unknown;
};

export interface TwoStepOverview {
  state: "off" | "pending" | "on";
  /** Only users who sign in with a password can have a second step. */
  hasPassword: boolean;
  since: Date | null;
  recoveryCodesLeft: number;
  /** While pending: what the user scans or types into their app. */
  enrolment: { secret: string; uri: string; qrSvgDataUri: string } | null;
}

function assertSelf(user: TwoStepSelf): void {
  if (user.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
  if (user.punchout) throw new AppError("forbidden", "two_step_not_in_punchout");
}

const self = (user: TwoStepSelf): SecurityActor => ({ userId: user.id, name: user.name, role: "self" });

export async function twoStepOverview(user: TwoStepSelf): Promise<TwoStepOverview> {
  const [hash, factor] = await Promise.all([getPasswordHash(user.id), getTwoStepFactor(user.id)]);
  if (factor?.confirmedAt) {
    return { state: "on", hasPassword: hash !== null, since: factor.confirmedAt, recoveryCodesLeft: await countUnusedRecoveryCodes(user.id), enrolment: null };
  }
  if (!factor || hash === null || user.impersonatedBy || user.punchout) return { state: "off", hasPassword: hash !== null, since: null, recoveryCodesLeft: 0, enrolment: null };
  const secret = openSecret(factor.secretSealed);
  const uri = otpauthUri(secret, user.email);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    state: "pending",
    hasPassword: true,
    since: null,
    recoveryCodesLeft: 0,
    enrolment: { secret: groupedSecret(secret), uri, qrSvgDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` },
  };
}

/** A new pending secret (replacing an earlier pending one); nothing changes at sign-in yet. */
export async function startEnrolment(user: TwoStepSelf, now: Date): Promise<void> {
  assertSelf(user);
  if ((await getPasswordHash(user.id)) === null) throw new AppError("conflict", "no_password_login");
  if (!(await savePendingFactor(user.id, sealSecret(newTotpSecret()), now))) throw new AppError("conflict", "two_step_already_on");
}

export async function cancelEnrolment(user: TwoStepSelf): Promise<void> {
  assertSelf(user);
  await deletePendingFactor(user.id);
}

/**
 * The password check of every change here: refused while the address is blocked, a wrong password
 * counts as a failed sign-in. Returns what to clear once the whole change succeeded.
 */
async function checkPassword(user: TwoStepSelf, password: string, now: Date): Promise<{ accountKey: string; hadFailures: boolean }> {
  const [accountKey] = accountThrottleKeys("shop", user.email, null) as [string];
  const throttle = await throttleStatus([accountKey], now);
  if (throttle.blocked) throw new AppError("invalid_input", "two_step_attempts_throttled");
  const stored = await getPasswordHash(user.id);
  if (!stored) throw new AppError("conflict", "no_password_login");
  if (!(await verifyPassword(password, stored))) {
    await recordLoginFailure([accountKey], now);
    throw new AppError("invalid_input", "current_password_wrong", { field: "password" });
  }
  return { accountKey, hadFailures: throttle.withFailures.has(accountKey) };
}

async function wrongCode(accountKey: string, now: Date): Promise<never> {
  await recordLoginFailure([accountKey], now);
  throw new AppError("invalid_input", "two_step_code_wrong", { field: "code" });
}

/**
 * Turns the pending secret on, with the password and a current code from the app. Returns the ten
 * recovery codes, which exist in clear only in this answer.
 */
export async function confirmEnrolment(user: TwoStepSelf, input: { password: string; code: string }, now: Date): Promise<string[]> {
  assertSelf(user);
  const { accountKey, hadFailures } = await checkPassword(user, input.password, now);
  const factor = await getTwoStepFactor(user.id);
  if (!factor) throw new AppError("conflict", "two_step_no_enrolment");
  if (factor.confirmedAt) throw new AppError("conflict", "two_step_already_on");
  const match = matchTotpCode(openSecret(factor.secretSealed), input.code, now.getTime(), null);
  if (!match.ok) return wrongCode(accountKey, now);
  const codes = generateRecoveryCodes();
  const confirmed = await confirmFactor(
    user.id,
    {
      secretSealed: factor.secretSealed,
      step: match.step,
      codeHashes: codes.map((code) => hashRecoveryCode(code)!),
      event: { userId: user.id, companyId: user.companyId, kind: "two_step_enabled", actor: self(user) },
      mail: twoStepMail("two_step_enabled", user, { when: dateTimeText(now, user.locale) }),
    },
    now,
  );
  // Enrolment was started again (another tab) between reading and confirming: that secret is what the app must hold.
  if (!confirmed) throw new AppError("conflict", "two_step_enrolment_changed");
  if (hadFailures) await clearLoginFailures([accountKey]);
  await deliverQueuedMail();
  return codes;
}

/** Password and a code from the app or a recovery code, for the changes of a factor that is on. */
async function checkBothSteps(user: TwoStepSelf, input: { password: string; code: string }, now: Date): Promise<void> {
  const { accountKey, hadFailures } = await checkPassword(user, input.password, now);
  const factor = await getTwoStepFactor(user.id);
  if (!factor?.confirmedAt) throw new AppError("conflict", "two_step_not_on");
  if (!(await checkSecondFactor(user, factor, input.code, now, "manage")).ok) return wrongCode(accountKey, now);
  if (hadFailures) await clearLoginFailures([accountKey]);
}

/** Ten new recovery codes; the earlier ones stop working. Returned in clear only here. */
export async function renewRecoveryCodes(user: TwoStepSelf, input: { password: string; code: string }, now: Date): Promise<string[]> {
  assertSelf(user);
  await checkBothSteps(user, input, now);
  const codes = generateRecoveryCodes();
  const replaced = await replaceRecoveryCodes(
    user.id,
    codes.map((code) => hashRecoveryCode(code)!),
    { userId: user.id, companyId: user.companyId, kind: "recovery_codes_renewed", actor: self(user) },
    now,
  );
  if (!replaced) throw new AppError("conflict", "two_step_not_on");
  return codes;
}

export async function disableTwoStep(user: TwoStepSelf, input: { password: string; code: string }, now: Date): Promise<void> {
  assertSelf(user);
  await checkBothSteps(user, input, now);
  await turnOff(user, self(user), now);
}

/**
 * Turns a user's two-step verification off, logged with who did it, and mails the user (naming
 * whoever else did it). Their sessions end with it (lib/auth/session-binding.ts).
 */
export async function turnOff(user: SecondFactorUser, actor: SecurityActor, now: Date): Promise<void> {
  const byOther = actor.userId !== user.id;
  const removed = await removeFactor(
    user.id,
    { userId: user.id, companyId: user.companyId, kind: byOther ? "two_step_reset" : "two_step_disabled", actor },
    twoStepMail("two_step_disabled", user, { when: dateTimeText(now, user.locale), byName: byOther ? actor.name : null }),
    now,
  );
  if (!removed) throw new AppError("conflict", "two_step_not_on");
  await deliverQueuedMail();
}
