import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companies, users } from "./companies";

export const ACCOUNT_REQUEST_STATUSES = ["pending", "approved", "rejected"] as const;
export type AccountRequestStatus = (typeof ACCOUNT_REQUEST_STATUSES)[number];

/**
 * "Account aanvragen": a prospective customer (or a colleague of an existing one) asks for an
 * account on the public registration page; staff approve it into a new customer or an existing one
 * (the person is then invited to choose a password, the workspace's own flow) or reject it with a
 * reason. ANCHORS.md §1.3 "Employee invite / self-registration approval". One open request per
 * e-mail address: asking again updates it.
 */
export const accountRequests = pgTable(
  "account_requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    status: text("status", { enum: ACCOUNT_REQUEST_STATUSES }).notNull().default("pending"),
    companyName: text("company_name").notNull(),
    kvkNumber: text("kvk_number"),
    vatId: text("vat_id"),
    countryCode: text("country_code").notNull().default("NL"),
    street: text("street").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    contactName: text("contact_name").notNull(),
    /** Stored lower-cased, as users' e-mail addresses. */
    email: text("email").notNull(),
    phone: text("phone"),
    message: text("message"),
    locale: text("locale", { enum: ["nl", "en"] }).notNull().default("nl"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: integer("decided_by").references(() => users.id),
    rejectionReason: text("rejection_reason"),
    /** Approved: the customer the person now belongs to, and their (invited) user. */
    companyId: integer("company_id").references(() => companies.id),
    userId: integer("user_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("account_requests_pending_email_unique").on(t.email).where(sql`${t.status} = 'pending'`),
    index("account_requests_status_created_idx").on(t.status, t.createdAt),
    check("account_requests_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("account_requests_decided", sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
    check("account_requests_approved_links", sql`(${t.status} = 'approved') = (${t.userId} is not null and ${t.companyId} is not null)`),
    check("account_requests_rejected_reason", sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`),
  ],
);

export type AccountRequest = typeof accountRequests.$inferSelect;

/** The roles a person may get by joining automatically: never company admin (that stays a person's decision). */
export const AUTO_JOIN_ROLES = ["buyer", "approver"] as const;

/**
 * Auto-join, switched on by a customer's company admin per e-mail domain its users already have: an
 * account request from an address at the domain makes the person a user of the company at once, with
 * this role and order limit, invited with the set-password link to that address — only its owner gets
 * in (lib/account/auto-join.ts). A domain two customers claim joins nobody automatically.
 */
export const companyJoinDomains = pgTable(
  "company_join_domains",
  {
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    role: text("role", { enum: AUTO_JOIN_ROLES }).notNull().default("buyer"),
    orderLimitMinor: integer("order_limit_minor"),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.domain] }),
    index("company_join_domains_domain_idx").on(t.domain),
    check("company_join_domains_domain_lowercase", sql`${t.domain} = lower(${t.domain})`),
    check("company_join_domains_order_limit", sql`${t.orderLimitMinor} >= 0`),
  ],
);

export type CompanyJoinDomain = typeof companyJoinDomains.$inferSelect;
