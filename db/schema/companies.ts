import { relations, sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { costCenters } from "./cost-centers";

/** Customer companies (and, with `isSupplier`, our own company for invoicing master data). */
export const companies = pgTable(
  "companies",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    /** Dutch Chamber of Commerce number (8 digits) or foreign registration number. */
    kvkNumber: text("kvk_number"),
    vatId: text("vat_id"),
    /** Peppol participant id, scheme (ISO 6523 ICD, e.g. 0106 KvK, 0190 OIN, 9944 NL VAT) and value. */
    peppolScheme: text("peppol_scheme"),
    peppolId: text("peppol_id"),
    countryCode: text("country_code").notNull().default("NL"),
    paymentTermsDays: integer("payment_terms_days").notNull().default(30),
    deliveryTerms: text("delivery_terms"),
    /** Customer's bank account (direct debit mandates, refunds of credit notes). */
    iban: text("iban"),
    /** Where PDF invoices are e-mailed when the "email" channel is on. */
    invoiceEmail: text("invoice_email"),
    /** Invoice delivery channels (db/schema/invoices.ts INVOICE_CHANNELS); several may apply. */
    invoiceChannels: jsonb("invoice_channels").$type<("peppol" | "nlcius" | "cxml" | "email")[]>().notNull().default([]),
    /** Issue an invoice automatically for the shipped lines when a shipment is recorded. */
    invoiceOnShipment: boolean("invoice_on_shipment").notNull().default(false),
    /** db/schema/invoices.ts VAT_TREATMENTS; `exempt` needs a reason (BR-E-10). */
    vatTreatment: text("vat_treatment", { enum: ["auto", "domestic", "reverse_charge", "intra_community", "export", "exempt"] })
      .notNull()
      .default("auto"),
    vatExemptionReason: text("vat_exemption_reason"),
    /**
     * The language of the documents we send the customer — invoices and credit notes (PDF, the
     * texts in the UBL and cXML), their e-mails to the invoice address — set by staff. Not any
     * user's shop language: an invoice is read by the customer's accounts payable, not by the buyer
     * who happened to order. Each issued invoice keeps the language it was issued in (invoices.locale).
     */
    documentLocale: text("document_locale", { enum: ["nl", "en"] }).notNull().default("nl"),
    /** With active cost centres: every web order names one (otherwise choosing one is optional). */
    costCenterRequired: boolean("cost_center_required").notNull().default(false),
    /**
     * Every web order (checkout, standing orders) carries the customer's purchase-order number: many
     * public-sector customers pay no invoice without one. Set by the company admin or its account
     * manager. Punchout orders carry the procurement system's own order id and are not affected.
     */
    poNumberRequired: boolean("po_number_required").notNull().default(false),
    /**
     * How much the customer may owe us on account (incl. VAT, like the receivables in the ERP it is
     * usually synced from): unpaid invoices plus orders not yet invoiced. Null: no limit. An order
     * beyond it is held for review (lib/orders/credit.ts), never refused.
     */
    creditLimitMinor: integer("credit_limit_minor"),
    /**
     * Delivery charge on web orders (lib/pricing/delivery-charge.ts): `default` follows the supplier
     * profile, `free` never charges, `custom` uses the two amounts below (excl. VAT, minor units; no
     * threshold: always charged).
     */
    deliveryChargeMode: text("delivery_charge_mode", { enum: ["default", "free", "custom"] }).notNull().default("default"),
    deliveryChargeMinor: integer("delivery_charge_minor"),
    freeDeliveryFromMinor: integer("free_delivery_from_minor"),
    /**
     * Every user of this customer who signs in with a password must use two-step verification
     * (lib/two-step/); set by the customer's company admin or account manager. Users without it
     * reach only their profile until it is on (lib/auth/guards.ts). Punchout sessions are not
     * password sign-ins and are not affected.
     */
    twoStepRequired: boolean("two_step_required").notNull().default(false),
    /**
     * What the customer's users may see and order (lib/catalog/assortment.ts): `all` the whole active
     * catalogue; `contract` only the products their price lists price today — what a procurement
     * department that allows contract items only expects of a punchout catalogue.
     */
    assortment: text("assortment", { enum: ["all", "contract"] }).notNull().default("all"),
    /**
     * The customer's own number in the supplier's ERP (debtor / customer number), set by staff or by
     * the ERP through the admin API, so the ERP matches orders and invoices to its debtor without
     * keeping our ids. Unique when set.
     */
    erpCustomerNumber: text("erp_customer_number"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("companies_erp_customer_number_unique").on(t.erpCustomerNumber),
    check("companies_credit_limit_not_negative", sql`${t.creditLimitMinor} >= 0`),
    check("companies_assortment_known", sql`${t.assortment} in ('all', 'contract')`),
    check("companies_document_locale_known", sql`${t.documentLocale} in ('nl', 'en')`),
    check(
      "companies_delivery_charge_custom",
      sql`(${t.deliveryChargeMode} = 'custom') = (${t.deliveryChargeMinor} is not null) and coalesce(${t.deliveryChargeMinor}, 0) >= 0 and coalesce(${t.freeDeliveryFromMinor}, 0) >= 0 and (${t.freeDeliveryFromMinor} is null or ${t.deliveryChargeMode} = 'custom')`,
    ),
  ],
);

export const addresses = pgTable(
  "addresses",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["ship_to", "bill_to"] }).notNull(),
    label: text("label").notNull(),
    /** Addressee line (company or department). */
    name: text("name").notNull(),
    attention: text("attention"),
    street: text("street").notNull(),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    countryCode: text("country_code").notNull().default("NL"),
    isDefault: boolean("is_default").notNull().default(false),
    /** Buyer-side address id (cXML addressID) so incoming orders can be matched. */
    externalId: text("external_id"),
  },
  (t) => [
    index("addresses_company_idx").on(t.companyId),
    check("addresses_country_code_format", sql`${t.countryCode} ~ '^[A-Z]{2}$'`),
  ],
);

/**
 * Who may have orders delivered to a ship-to address, when not everybody (ANCHORS.md §1.3, "multiple
 * ship-to addresses, restricted per role/location"): an address without rows here is open to the
 * whole company; with rows, to those users (and the company admins, who keep the addresses).
 */
export const addressUsers = pgTable(
  "address_users",
  {
    addressId: integer("address_id")
      .notNull()
      .references(() => addresses.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references((): AnyPgColumn => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.addressId, t.userId] }), index("address_users_user_idx").on(t.userId)],
);

export const USER_ROLES = ["buyer", "approver", "company_admin", "account_manager", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const COMPANY_ROLES = ["buyer", "approver", "company_admin"] as const satisfies readonly UserRole[];
export const STAFF_ROLES = ["account_manager", "admin"] as const satisfies readonly UserRole[];

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** scrypt hash (`scrypt$N$r$p$salt$hash`); null for technical punchout users without a password login. */
    passwordHash: text("password_hash"),
    role: text("role", { enum: USER_ROLES }).notNull(),
    /** Buyers belong to exactly one company; staff (account managers, admins) to none. */
    companyId: integer("company_id").references(() => companies.id, { onDelete: "restrict" }),
    locale: text("locale", { enum: ["nl", "en"] }).notNull().default("nl"),
    /** Per-user order limit excl. VAT in minor units; null = no limit. */
    orderLimitMinor: integer("order_limit_minor"),
    /** The cost centre the checkout chooses for them (cost-centers.ts); set by their company admin. */
    defaultCostCenterId: integer("default_cost_center_id").references((): AnyPgColumn => costCenters.id, { onDelete: "set null" }),
    /** The delivery address the checkout chooses for them (instead of the company's default); set by their company admin. */
    defaultShipToAddressId: integer("default_ship_to_address_id").references((): AnyPgColumn => addresses.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The last full sign-in with a password (lib/auth/shop-sign-in.ts): staff see who no longer uses their account. */
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** When the user put away the home page's "Get started" panel (lib/account/get-started.ts); null: not (yet). */
    getStartedDismissedAt: timestamp("get_started_dismissed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_company_idx").on(t.companyId),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check(
      "users_company_matches_role",
      sql`(${t.role} in ('account_manager','admin')) = (${t.companyId} is null)`,
    ),
  ],
);

export const companiesRelations = relations(companies, ({ many }) => ({
  addresses: many(addresses),
  users: many(users),
}));
export const addressesRelations = relations(addresses, ({ one }) => ({
  company: one(companies, { fields: [addresses.companyId], references: [companies.id] }),
}));
export const usersRelations = relations(users, ({ one }) => ({
  company: one(companies, { fields: [users.companyId], references: [companies.id] }),
}));

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
export type Address = typeof addresses.$inferSelect;
export type NewAddress = typeof addresses.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
