import type { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";

/**
 * A refused cart-line change in words (the "cart" messages): lineErrors first — a line's quantity is
 * set, not added to ("Voeg er minstens 12 toe" would be wrong) — then the shared errors, else a general one.
 */
export function cartLineErrorText(t: ReturnType<typeof useTranslations<"cart">>, state: Extract<ActionState, { status: "error" }>): string {
  if (t.has(`lineErrors.${state.message}`)) return t(`lineErrors.${state.message}`, state.details ?? {});
  if (t.has(`errors.${state.message}`)) return t(`errors.${state.message}`, state.details ?? {});
  return t("errors.invalid_input");
}
