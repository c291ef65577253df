import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./companies";

export const VAT_CHECK_OUTCOMES = ["valid", "invalid", "unavailable"] as const;
export type VatCheckOutcome = (typeof VAT_CHECK_OUTCOMES)[number];

/**
 * Checks of VAT ids at the European Commission's VIES (lib/vies/), kept as the evidence an intra-
 * community supply at 0 % needs: when we checked, what VIES answered and its consultation number.
 * Keyed by the VAT id itself, so a customer's (or an account request's) current id finds its checks,
 * and a changed id has none until it is checked. `unavailable`: VIES or the member state's service
 * did not answer (not a verdict on the number).
 */
export const vatChecks = pgTable(
  "vat_checks",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Normalized, with its country prefix (EL for Greece, XI for Northern Ireland). */
    vatId: text("vat_id").notNull(),
    outcome: text("outcome", { enum: VAT_CHECK_OUTCOMES }).notNull(),
    /** What VIES holds for the number (some member states do not disclose it: null). */
    registeredName: text("registered_name"),
    registeredAddress: text("registered_address"),
    /** VIES's requestIdentifier: the proof of this check (only given when we say who asks). */
    consultationNumber: text("consultation_number"),
    /** unavailable: VIES's error code (MS_UNAVAILABLE, TIMEOUT, …) or our own (network, http_503). */
    errorCode: text("error_code"),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
    checkedByUserId: integer("checked_by_user_id").references(() => users.id, { onDelete: "set null" }),
    checkedByName: text("checked_by_name").notNull(),
  },
  (t) => [index("vat_checks_vat_id_idx").on(t.vatId, t.checkedAt)],
);

export type VatCheck = typeof vatChecks.$inferSelect;
export type NewVatCheck = typeof vatChecks.$inferInsert;
