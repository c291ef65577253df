import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
