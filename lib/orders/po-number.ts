import { AppError } from "@/lib/errors";

/**
 * The purchase-order number a web order carries, when its company requires one
 * (companies.po_number_required): the checkout and standing orders refuse an order without it.
 * Pure: the caller reads the company's setting.
 */

/** As orders keep it: trimmed, and blank (spaces only) is none. */
export const orderPoNumber = (value: string | null | undefined): string | null => value?.trim() || null;

/** The PO number the order carries, or the refusal (field errors name `poNumber`). */
export function requirePoNumber(required: boolean, value: string | null | undefined): string | null {
  const poNumber = orderPoNumber(value);
  if (required && poNumber === null) throw new AppError("invalid_input", "po_number_required", { field: "poNumber" });
  return poNumber;
}
