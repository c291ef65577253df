import "server-only";
import { z } from "zod";
import { getCurrentUser, isBuyer, type BuyerUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";

/** What every form action returns to `useActionState`: never secrets, never raw input echoed back. */
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message?: string; data?: Record<string, string | number> }
  | {
      status: "error";
      code: string;
      message: string;
      fieldErrors?: Record<string, string[]>;
      details?: Record<string, string | number>;
    };

export const idleState: ActionState = { status: "idle" };

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
    if (!isBuyer(user)) return { status: "error", code: "unauthenticated", message: "unauthenticated" };
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return {
        status: "error",
        code: "invalid_input",
        message: "invalid_input",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      };
    }
    try {
      return (await handler(parsed.data, user)) ?? { status: "ok" };
    } catch (error) {
      if (isAppError(error)) {
        return {
          status: "error",
          code: error.code,
          message: error.message,
          details: error.details as Record<string, string | number> | undefined,
        };
      }
      throw error;
    }
  };
}
