import { z } from "zod";

/**
 * `?after=<cursor>&limit=` of the API's id-cursor lists (customers, invoices): `after` the `cursor` of the
 * previous answer (left out: from the start), `limit` 1…max, 100 when left out.
 */
export const cursorPageFields = (max: number) => ({
  after: z
    .string()
    .regex(/^\d{1,10}$/, "cursor_invalid")
    .optional()
    .transform((v) => (v === undefined ? 0 : Number(v)))
    // The ids are PostgreSQL integers: a larger cursor is no cursor we gave out (and would fail the statement).
    .pipe(z.number().int().max(2_147_483_647, "cursor_invalid")),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "limit_invalid")
    .optional()
    .transform((v) => (v === undefined ? 100 : Number(v)))
    .pipe(z.number().int().min(1).max(max)),
});
