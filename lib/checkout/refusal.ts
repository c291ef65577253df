import type { ActionState } from "@/lib/actions/safe-action";

/**
 * Which checkout field a refusal of placeOrderAction is about, and what the message above the button
 * says. The form has no browser validation (noValidate): every field is checked by the server, which
 * names the field either through the schema (fieldErrors) or through lib's AppError (details.field).
 */

/** The fields a refusal can name, in the form's order: the first refused one gets the keyboard. */
export const CHECKOUT_FIELDS = ["shipToAddressId", "poNumber", "costCenter", "requestedDeliveryDate"] as const;

/** The refusal at `field` (a message key), or undefined when that field is not refused. */
export function refusalAt(state: ActionState, field: string): string | undefined {
  if (state.status !== "error") return undefined;
  return state.fieldErrors?.[field]?.[0] ?? (state.details?.field === field ? state.message : undefined);
}

/** The first refused field in the form's order, if any. */
export function firstRefusedField(state: ActionState): (typeof CHECKOUT_FIELDS)[number] | undefined {
  return CHECKOUT_FIELDS.find((field) => refusalAt(state, field) !== undefined);
}

/**
 * The key in checkout.errors for the message above the button. The schema's refusal of the delivery
 * address (none chosen: the radios have no default) says what that field needs, not the general
 * "check the highlighted fields".
 */
export function checkoutMessage(state: ActionState): string | null {
  if (state.status !== "error") return null;
  if (state.message === "invalid_input" && state.fieldErrors?.shipToAddressId?.length) return "unknown_address";
  return state.message;
}
