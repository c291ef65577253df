import { z } from "zod";

/** The customer's number in the supplier's ERP, as typed in the customer form or sent to the API. Pure. */
export const ERP_CUSTOMER_NUMBER_MAX = 50;

/** Trimmed; empty is "none". */
export const erpCustomerNumberField = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : value),
  z
    .string()
    .trim()
    .max(ERP_CUSTOMER_NUMBER_MAX, "erp_customer_number_too_long")
    .regex(/^[^\p{Cc}]+$/u, "no_control_characters")
    .nullable(),
);
