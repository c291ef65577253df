"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { SignInNeedsSecondStep, SignInSecondStepWrong, SignInThrottled, signIn, signInSchema } from "@/lib/auth";
import { nextLoginState, type LoginState, type SignInRefusal } from "@/lib/auth/login-state";
import { afterSignInPath } from "@/lib/auth/return-path";
import { settleSignedInBrowser } from "@/lib/auth/signed-in-browser";

export type { LoginState } from "@/lib/auth/login-state";

/** Which refusal a failed signIn() was (authorize's CredentialsSignin subclasses); null for a real failure. */
function refusalOf(error: unknown): SignInRefusal | null {
  if (error instanceof SignInThrottled) return "throttled";
  if (error instanceof SignInNeedsSecondStep) return "two_step_required";
  if (error instanceof SignInSecondStepWrong) return "two_step_invalid";
  return error instanceof AuthError ? "invalid" : null;
}

export async function loginAction(previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password"), code: formData.get("code") ?? undefined });
  if (!parsed.success) return nextLoginState(previous, "invalid");
  const { email, password, code } = parsed.data;
  try {
    // No code (first step): no `code` field at all, so authorize sees none.
    await signIn("credentials", { email, password, ...(code ? { code } : {}), redirect: false });
  } catch (error) {
    // A failed authorize() surfaces as CredentialsSignin (or one of ours, with its own code);
    // anything else is a real failure.
    const refusal = refusalOf(error);
    if (refusal) return nextLoginState(previous, refusal);
    throw error;
  }
  const user = await settleSignedInBrowser(email);
  // Only a path on this site (lib/auth/return-path.ts): never an open redirect to a look-alike sign-in page.
  // Staff who asked for no page in particular go to the back office.
  redirect(afterSignInPath(formData.get("callbackUrl"), user?.role));
}
