import "server-only";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { consumeRecoveryCode, consumeTotpStep, listUnusedRecoveryCodes, type TwoStepFactor } from "@/lib/data/two-step";
import { dateTimeText } from "@/lib/format";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { twoStepMail } from "@/lib/mail/two-step-mails";
import { matchRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";
import { matchTotpCode, normaliseTotpCode } from "./totp";

/**
 * Checking the second step of a user who has two-step verification on: a code from their app
 * (within ±1 step, each step once) or one of their recovery codes (each once). A pending secret is
 * never a factor: callers pass only a confirmed one.
 */

/** Sealed with the credentials key, like our outbound cXML secrets (README "Purchase orders"). */
export const sealSecret = (secretBase32: string): string => encryptSecret(secretBase32, credentialsKey());
export const openSecret = (sealed: string): string => decryptSecret(sealed, credentialsKey());

export interface SecondFactorUser {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
  companyId: number | null;
  role: string;
}

export type SecondFactorCheck = { ok: true; method: "totp" } | { ok: true; method: "recovery"; codesLeft: number } | { ok: false };

/**
 * Verifies and uses up the code. `sign_in`: a recovery code used to sign in is logged and the user
 * mailed how many are left. (Managing the factor with a recovery code — new codes, turning it off —
 * has its own log row and mail.)
 */
export async function checkSecondFactor(user: SecondFactorUser, factor: TwoStepFactor, input: string, now: Date, purpose: "sign_in" | "manage"): Promise<SecondFactorCheck> {
  if (factor.confirmedAt === null) return { ok: false };
  if (normaliseTotpCode(input)) {
    const match = matchTotpCode(openSecret(factor.secretSealed), input, now.getTime(), factor.lastUsedStep);
    // The step is stored only if still newer than the stored one: a parallel use of the same code loses.
    return match.ok && (await consumeTotpStep(user.id, match.step)) ? { ok: true, method: "totp" } : { ok: false };
  }
  if (!normaliseRecoveryCode(input)) return { ok: false };
  const code = matchRecoveryCode(await listUnusedRecoveryCodes(user.id), input);
  if (!code) return { ok: false };
  const notice =
    purpose === "sign_in"
      ? {
          event: { userId: user.id, companyId: user.companyId, kind: "recovery_code_used" as const, actor: { userId: user.id, name: user.name, role: "self" } },
          mail: (codesLeft: number) => twoStepMail("recovery_code_used", user, { when: dateTimeText(now, user.locale), codesLeft }),
        }
      : null;
  const codesLeft = await consumeRecoveryCode(user.id, code.id, now, notice);
  if (notice && codesLeft !== null) await deliverQueuedMail();
  return codesLeft === null ? { ok: false } : { ok: true, method: "recovery", codesLeft };
}
