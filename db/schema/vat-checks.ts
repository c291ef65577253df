import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accountRequests } from "./account-requests";
import { companies, users } from "./companies";

export const VAT_CHECK_OUTCOMES = ["valid", "invalid", "unavailable"] as const;
export type VatCheckOutcome = (typeof VAT_CHECK_OUTCOMES)[number];

/**
 * Who asked VIES: a staff member pressing the button, Koppel by itself after a VAT id was saved
 * (a new customer, a changed id, an account request) or retrying after an outage, or the periodic
 * re-check of customers invoiced at 0 % (lib/admin/vat-auto-checks.ts).
 */
export const VAT_CHECK_SOURCES = ["staff", "automatic", "scheduled"] as const;
export type VatCheckSource = (typeof VAT_CHECK_SOURCES)[number];
export type VatCheckJobTrigger = Exclude<VatCheckSource, "staff">;

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
    source: text("source", { enum: VAT_CHECK_SOURCES }).notNull().default("staff"),
    /** The staff member (source "staff"); null for Koppel's own checks. */
    checkedByUserId: integer("checked_by_user_id").references(() => users.id, { onDelete: "set null" }),
    checkedByName: text("checked_by_name"),
  },
  (t) => [
    index("vat_checks_vat_id_idx").on(t.vatId, t.checkedAt),
    check("vat_checks_staff_named", sql`(${t.source} = 'staff') = (${t.checkedByName} is not null)`),
  ],
);

export type VatCheck = typeof vatChecks.$inferSelect;
export type NewVatCheck = typeof vatChecks.$inferInsert;

/**
 * The durable queue of checks Koppel makes by itself: one row per customer or account request whose
 * VAT id is to be checked, written in the same transaction as the save that calls for it (or by the
 * re-check planner), taken by the worker in lib/admin/vat-auto-checks.ts and deleted once VIES gave
 * a verdict. An outage leaves the row, due again later (`attempts`, `lastError`): nothing is lost on
 * a restart or a failed request. `generation` changes whenever the row is queued again (the VAT id
 * changed meanwhile), so a worker finishing an older check never removes the newer one.
 */
export const vatCheckJobs = pgTable(
  "vat_check_jobs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "cascade" }),
    accountRequestId: integer("account_request_id").references(() => accountRequests.id, { onDelete: "cascade" }),
    trigger: text("trigger", { enum: ["automatic", "scheduled"] }).notNull(),
    /** When the worker takes it next (a claim pushes it ahead by the lease). */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** Attempts that got no verdict (VIES or the member state unavailable). */
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull(),
    generation: integer("generation").notNull().default(1),
  },
  (t) => [
    uniqueIndex("vat_check_jobs_company_idx").on(t.companyId),
    uniqueIndex("vat_check_jobs_account_request_idx").on(t.accountRequestId),
    index("vat_check_jobs_due_idx").on(t.dueAt),
    check("vat_check_jobs_one_subject", sql`(${t.companyId} is null) <> (${t.accountRequestId} is null)`),
  ],
);

export type VatCheckJob = typeof vatCheckJobs.$inferSelect;
