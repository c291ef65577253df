import "server-only";
import { z } from "zod";
import { getCurrentUser, getStaffUser, isBuyer, type BuyerUser, type StaffUser } from "@/lib/auth/guards";
import type { CartBadgeReading } from "@/lib/cart/cart-badge";
import { readCartBadge } from "@/lib/cart/cart-service";
import { isAppError } from "@/lib/errors";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";
import { formDataToObject, TWO_STEP_REQUIRED_STATE, unauthenticatedState } from "./safe-action";

/**
 * Like buyerAction, for actions that answer with a result to show (a per-line report, search
 * suggestions): the user is checked inside the action, input is zod-parsed, AppErrors become state.
 */
export type ReportState<R> =
  | { status: "idle" }
  | { status: "ok"; report: R; cart?: CartBadgeReading }
  | { status: "error"; code: string; message: string; details?: Record<string, string | number>; fieldErrors?: Record<string, string[]> };

/**
 * `answersCart`: the action changes the cart, and its answer carries the badge's new reading
 * (components/shop/cart-badge.tsx) instead of the action revalidating the page.
 */
export function buyerReportAction<S extends z.ZodType, R>(
  schema: S,
  handler: (input: z.infer<S>, user: BuyerUser) => Promise<R>,
  { answersCart = false }: { answersCart?: boolean } = {},
) {
  return async (_previous: ReportState<R>, formData: FormData): Promise<ReportState<R>> => {
    const user = await getCurrentUser();
    if (!isBuyer(user)) return unauthenticatedState(user);
    // Like buyerAction: refused while the company requires two-step verification and theirs is not on.
    if (buyerMustSetUpTwoStep(user)) return TWO_STEP_REQUIRED_STATE;
    return parseAndReport(schema, formData, async (input) => {
      const report = await handler(input, user);
      return answersCart ? { status: "ok", report, cart: await readCartBadge(user) } : { status: "ok", report };
    });
  };
}

/** The same for /admin: staff only; everybody else gets "not_found", like the admin pages' 404 (staffAction). */
export function staffReportAction<S extends z.ZodType, R>(schema: S, handler: (input: z.infer<S>, staff: StaffUser) => Promise<R>) {
  return async (_previous: ReportState<R>, formData: FormData): Promise<ReportState<R>> => {
    const staff = await getStaffUser();
    if (!staff) return { status: "error", code: "not_found", message: "not_found" };
    return parseAndReport(schema, formData, async (input) => ({ status: "ok", report: await handler(input, staff) }));
  };
}

async function parseAndReport<S extends z.ZodType, R>(
  schema: S,
  formData: FormData,
  run: (input: z.infer<S>) => Promise<ReportState<R>>,
): Promise<ReportState<R>> {
  const parsed = schema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return { status: "error", code: "invalid_input", message: "invalid_input", fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  }
  try {
    return await run(parsed.data);
  } catch (error) {
    if (isAppError(error)) {
      return { status: "error", code: error.code, message: error.message, details: error.details as Record<string, string | number> | undefined };
    }
    throw error;
  }
}

/** A form value that may be one string or several (checkbox groups) → number[]. */
export const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(z.array(z.string().regex(/^[1-9]\d{0,8}$/).transform(Number)).max(1000));
