/**
 * The sign-in form's steps. First the e-mail address and password; when those are right and the
 * user has two-step verification on, the form asks for the code and sends all three again (the
 * server checks the password again, then the code). Pure.
 */

export type LoginStep = "password" | "code";
export type LoginError = "invalid" | "throttled" | "code_invalid";

export interface LoginState {
  step: LoginStep;
  error: LoginError | null;
}

/** Why a sign-in did not complete (lib/auth/shop-sign-in.ts, through Auth.js's CredentialsSignin codes). */
export type SignInRefusal = "invalid" | "throttled" | "two_step_required" | "two_step_invalid";

export const initialLoginState: LoginState = { step: "password", error: null };

export function nextLoginState(previous: LoginState, refusal: SignInRefusal): LoginState {
  switch (refusal) {
    // The right password: ask for the code (an empty code in the code step is a wrong one).
    case "two_step_required":
      return { step: "code", error: previous.step === "code" ? "code_invalid" : null };
    case "two_step_invalid":
      return { step: "code", error: "code_invalid" };
    // Blocked: say so where the user is; the block says nothing about the password.
    case "throttled":
      return { step: previous.step, error: "throttled" };
    // The password no longer fits (changed meanwhile): start again.
    case "invalid":
      return { step: "password", error: "invalid" };
  }
}
