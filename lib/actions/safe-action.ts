import "server-only";
import { z } from "zod";
import { getCurrentUser, getStaffUser, isBuyer, type BuyerUser, type SessionUser, type StaffUser } from "@/lib/auth/guards";
import type { CartBadgeReading } from "@/lib/cart/cart-badge";
import { isAppError } from "@/lib/errors";
import { getEndedBrowserPunchoutSession } from "@/lib/punchout/browser-session";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";

/** What every form action returns to `useActionState`: never secrets, never raw input echoed back. */
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message?: string; data?: Record<string, string | number>; cart?: CartBadgeReading }
  | {
      status: "error";
      code: string;
      message: string;
      fieldErrors?: Record<string, string[]>;
      details?: Record<string, string | number>;
    };

export const idleState: ActionState = { status: "idle" };

/**
 * Refusal of a buyer's action while their company requires two-step verification and theirs is not
 * on (lib/two-step/required.ts): only the profile's own two-step actions (selfAction), signing out
 * and the language switch stay open to them.
 */
export const TWO_STEP_REQUIRED_STATE = { status: "error", code: "forbidden", message: "two_step_required" } as const satisfies ActionState;

/**
 * Refusal of a buyer's action when nobody is signed in: "unauthenticated" (sign in again), or, when
 * nobody is because this browser's punchout session has ended, "punchout_ended" — that buyer has no
 * password to sign in with; the forms say to start again from the procurement system.
 */
export async function unauthenticatedState(user: SessionUser | null): Promise<Extract<ActionState, { status: "error" }>> {
  const ended = user === null && (await getEndedBrowserPunchoutSession(new Date())) !== null;
  return { status: "error", code: "unauthenticated", message: ended ? "punchout_ended" : "unauthenticated" };
}

/**
 * Wraps a buyer form action: resolves and checks the user in the action itself (never trusting
 * middleware or the page), parses FormData with a zod schema, and turns AppErrors into form state.
 * Unexpected errors are rethrown (they are bugs, and Next's redirects travel as errors too).
 */
export function buyerAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.infer<S>, user: BuyerUser) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const user = await getCurrentUser();
    if (!isBuyer(user)) return unauthenticatedState(user);
    if (buyerMustSetUpTwoStep(user)) return TWO_STEP_REQUIRED_STATE;
    return parseAndRun(schema, formData, (input) => handler(input, user));
  };
}

/**
 * Wraps an /admin form action the same way for staff (account managers and admins). Everybody
 * else – buyers of any role, anonymous visitors – gets "not_found", exactly like the admin pages'
 * 404, before any input is even parsed. Which customers a staff member may touch is checked by the
 * lib/admin function the handler calls.
 */
export function staffAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.infer<S>, staff: StaffUser) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const staff = await getStaffUser();
    if (!staff) return { status: "error", code: "not_found", message: "not_found" };
    return parseAndRun(schema, formData, (input) => handler(input, staff));
  };
}

/**
 * Wraps an action on the signed-in user's own account, buyers and staff alike (two-step
 * verification on /account/profile and /admin/profile). Whether a view-as or punchout session may
 * do it is the lib function's call (they may not change sign-in security).
 */
export function selfAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.infer<S>, user: SessionUser) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const user = await getCurrentUser();
    if (!user) return { status: "error", code: "unauthenticated", message: "unauthenticated" };
    return parseAndRun(schema, formData, (input) => handler(input, user));
  };
}

/**
 * Like Object.fromEntries, but a name that occurs more than once (checkbox groups) becomes an array.
 * React's own fields are left out: a form submitted before hydration is replayed afterwards with
 * `$ACTION_REF_1`, `$ACTION_1:0` …, which are not the form's fields (and would fail a schema that
 * checks every field, like the per-line forms of returns and quotes).
 */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const result: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const [key, value] of formData) {
    if (key.startsWith("$ACTION_")) continue;
    const existing = result[key];
    result[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

async function parseAndRun<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  run: (input: z.infer<S>) => Promise<ActionState | void>,
): Promise<ActionState> {
  const parsed = schema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return {
      status: "error",
      code: "invalid_input",
      message: "invalid_input",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    };
  }
  try {
    return (await run(parsed.data)) ?? { status: "ok" };
  } catch (error) {
    if (isAppError(error)) {
      // A check across fields in lib (e.g. one price per line) reports per field like the schema does.
      const { fieldErrors, ...details } = (error.details ?? {}) as Record<string, unknown>;
      return {
        status: "error",
        code: error.code,
        message: error.message,
        ...(fieldErrors ? { fieldErrors: fieldErrors as Record<string, string[]> } : {}),
        details: error.details ? (details as Record<string, string | number>) : undefined,
      };
    }
    throw error;
  }
}
