/** JSON body of a `FUNCTION=QUANTITYCHECK` reply (OCI 5.0 §6.7.2). */
export interface OciQuantityCheckResponse {
  AVAILABLE_QUANTITY: number;
  /** Delivery time in days, as a string. */
  LEADTIME: string;
}

/**
 * `{"AVAILABLE_QUANTITY": 10, "LEADTIME": "7"}` (OCI 5.0 §6.7.2). Negative stock reports 0, fractions
 * keep 3 decimals like OCI quantities, and a part day of lead time counts as a whole one.
 */
export function buildQuantityCheckResponse(input: {
  availableQuantity: number;
  leadTimeDays: number;
}): OciQuantityCheckResponse {
  const { availableQuantity, leadTimeDays } = input;
  if (!Number.isFinite(availableQuantity) || !Number.isFinite(leadTimeDays)) {
    throw new RangeError("available quantity and lead time must be finite numbers");
  }
  return {
    // Rounded down (never promise more than there is); 1e-6 absorbs float noise such as 2.3 * 1000.
    AVAILABLE_QUANTITY: Math.max(0, Math.floor(availableQuantity * 1000 + 1e-6) / 1000),
    LEADTIME: String(Math.max(0, Math.ceil(leadTimeDays))),
  };
}
