import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { companies, users } from "./companies";

/**
 * Two-step verification (RFC 6238 TOTP, SHA-1, 6 digits, 30 s) of a user who signs in with a
 * password. One row per user: while `confirmedAt` is null the secret is pending (shown to the user
 * to scan, never accepted at sign-in); it becomes the factor once the user typed a valid code.
 * The secret is sealed with the credentials key (lib/crypto/secret-box.ts), never stored in clear.
 */
export const userTwoFactor = pgTable(
  "user_two_factor",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    secretSealed: text("secret_sealed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null: pending (enrolment not confirmed). */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /**
     * The newest 30-second time step a code was accepted for (unix time / 30). A code of this step or
     * an earlier one is refused, so a code works once; compared and set in one UPDATE.
     */
    lastUsedStep: integer("last_used_step"),
  },
  (t) => [check("user_two_factor_step_only_when_confirmed", sql`${t.lastUsedStep} is null or ${t.confirmedAt} is not null`)],
);

/** One-time recovery codes of a confirmed factor: only their SHA-256 (the codes carry 80 random bits). */
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("user_recovery_codes_user_idx").on(t.userId)],
);

export const ACCOUNT_SECURITY_EVENT_KINDS = [
  "two_step_enabled",
  "two_step_disabled",
  /** Turned off for the user by staff or the company's admin (lost phone and recovery codes). */
  "two_step_reset",
  "recovery_codes_renewed",
  "recovery_code_used",
  /**
   * The customer requires two-step verification of all its users, or no longer does (its company
   * admin or staff, lib/data/company-security.ts): logged as an event of whoever changed it, with the company.
   */
  "company_two_step_required",
  "company_two_step_not_required",
  /**
   * Who may do what: invitations, role and address changes, deactivation — of staff by an admin
   * (lib/admin/staff.ts), of a customer's users by staff or their company admin. detail says what changed.
   */
  "invited",
  "role_changed",
  "email_changed",
  "deactivated",
  "reactivated",
  "customers_handed_over",
  /** A staff member's API key revoked (by them or an admin, lib/admin/api-keys.ts); detail.apiKey names it. */
  "api_key_revoked",
] as const;
export type AccountSecurityEventKind = (typeof ACCOUNT_SECURITY_EVENT_KINDS)[number];

export interface SecurityEventDetail {
  from?: string;
  to?: string;
  /** customers_handed_over: how many customers, and to whom (name copied like the actor's). */
  customers?: number;
  toName?: string;
  /** api_key_revoked: the key's name and prefix, e.g. "ERP (kop_a1b2c3…)". */
  apiKey?: string;
}

/**
 * The audit of a user's sign-in security: who changed what and when. The price audit log keeps price
 * changes only (price list, product, old → new), so these have a log of their own, written in the
 * transaction of the change. Names are copied so the row stays readable after the actor is gone.
 */
export const accountSecurityEvents = pgTable(
  "account_security_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The user's company at the time (null for staff users), so staff see only their customers' events. */
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ACCOUNT_SECURITY_EVENT_KINDS }).notNull(),
    /** Who did it: the user themself, a staff member, or the company's admin. */
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role").notNull(),
    /** recovery_code_used: how many unused codes are left. */
    recoveryCodesLeft: integer("recovery_codes_left"),
    /** What changed, for the kinds that need it: role_changed/email_changed from → to, customers_handed_over how many to whom. */
    detail: jsonb("detail").$type<SecurityEventDetail>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("account_security_events_company_idx").on(t.companyId, t.createdAt), index("account_security_events_created_idx").on(t.createdAt)],
);

export type UserTwoFactor = typeof userTwoFactor.$inferSelect;
export type AccountSecurityEvent = typeof accountSecurityEvents.$inferSelect;

/**
 * Sign-in security settings, one row (id 1): whether every staff member must use two-step
 * verification (lib/auth/guards.ts sends those without it to their profile to set it up first).
 */
export const securitySettings = pgTable(
  "security_settings",
  {
    id: integer("id").primaryKey().default(1),
    staffTwoStepRequired: boolean("staff_two_step_required").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedByUserId: integer("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("security_settings_single_row", sql`${t.id} = 1`)],
);
