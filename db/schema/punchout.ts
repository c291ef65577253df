import { relations, sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { companies, users } from "./companies";
import { quoteLines } from "./quotes";

export const PUNCHOUT_PROTOCOLS = ["oci", "cxml"] as const;
export type PunchoutProtocol = (typeof PUNCHOUT_PROTOCOLS)[number];

/**
 * A customer's procurement system connection. Credentials are stored hashed (scrypt); the
 * protocol-specific mapping lives in `settings`, validated by lib/punchout/<protocol>/connection-settings.
 */
export const punchoutConnections = pgTable(
  "punchout_connections",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    protocol: text("protocol", { enum: PUNCHOUT_PROTOCOLS }).notNull(),
    name: text("name").notNull(),
    presetId: text("preset_id").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    environment: text("environment", { enum: ["test", "production"] }).notNull().default("production"),
    /** OCI USERNAME (matched case-insensitively, stored lower-case). */
    username: text("username"),
    /** scrypt hash of the OCI PASSWORD or the cXML SharedSecret; the plain value is shown once. */
    secretHash: text("secret_hash").notNull(),
    /** cXML: From credentials [{domain, identity}], our To identity, expected Sender identity. */
    cxmlFrom: jsonb("cxml_from").$type<{ domain: string; identity: string }[]>().notNull().default([]),
    cxmlTo: jsonb("cxml_to").$type<{ domain: string; identity: string } | null>(),
    cxmlSender: jsonb("cxml_sender").$type<{ domain: string; identity: string }[]>().notNull().default([]),
    /** Origins (scheme://host[:port], `*` as port for any) the return URL / BrowserFormPost may point at. */
    allowedReturnOrigins: jsonb("allowed_return_origins").$type<string[]>().notNull().default([]),
    /** The shop user punchout sessions run as, unless the settings map a user from the request. */
    technicalUserId: integer("technical_user_id").references(() => users.id),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("punchout_connections_oci_username_unique").on(t.username).where(sql`${t.protocol} = 'oci'`),
    index("punchout_connections_company_idx").on(t.companyId),
    // cXML authentication looks connections up by the Identity of a From credential (exact match, any
    // domain): `jsonb_path_query_array(cxml_from, '$[*].identity') ?| $ids` in lib/data.
    index("punchout_connections_cxml_from_identities_idx").using("gin", sql`jsonb_path_query_array(${t.cxmlFrom}, '$[*].identity')`),
    check("punchout_connections_username_lowercase", sql`${t.username} is null or ${t.username} = lower(${t.username})`),
    check("punchout_connections_oci_has_username", sql`${t.protocol} <> 'oci' or ${t.username} is not null`),
  ],
);

export const PUNCHOUT_SESSION_STATUSES = ["pending", "active", "transferred", "cancelled", "expired"] as const;

/** One punchout visit: from the buyer system's entry/setup to the cart transfer. */
export const punchoutSessions = pgTable(
  "punchout_sessions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    connectionId: integer("connection_id")
      .notNull()
      .references(() => punchoutConnections.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    protocol: text("protocol", { enum: PUNCHOUT_PROTOCOLS }).notNull(),
    status: text("status", { enum: PUNCHOUT_SESSION_STATUSES }).notNull(),
    /** sha256 of the browser session token (the cookie holds the token itself). */
    sessionTokenHash: text("session_token_hash"),
    /** sha256 of the single-use StartPage token (cXML), and when it expires. */
    startTokenHash: text("start_token_hash"),
    startTokenExpiresAt: timestamp("start_token_expires_at", { withTimezone: true }),
    /** Where the cart goes back: OCI HOOK_URL without query / cXML BrowserFormPost URL. */
    returnUrl: text("return_url").notNull(),
    /** OCI: HOOK_URL query parameters, echoed as hidden fields in order. */
    returnParameters: jsonb("return_parameters").$type<[string, string][]>().notNull().default([]),
    target: text("target"),
    charset: text("charset").notNull().default("utf-8"),
    protocolVersion: text("protocol_version"),
    /** cXML: BuyerCookie echoed exactly, operation, payloadID of the setup request. */
    buyerCookie: text("buyer_cookie"),
    operation: text("operation", { enum: ["create", "edit", "inspect"] }).notNull().default("create"),
    requestPayloadId: text("request_payload_id"),
    /** Everything else the buyer system sent that later steps may need (extrinsics, ShipTo, SelectedItem…). */
    context: jsonb("context").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("punchout_sessions_session_token_unique").on(t.sessionTokenHash),
    uniqueIndex("punchout_sessions_start_token_unique").on(t.startTokenHash),
    // A replayed setup request (same payloadID on the same connection) must not open a second session.
    uniqueIndex("punchout_sessions_request_payload_unique").on(t.connectionId, t.requestPayloadId),
    index("punchout_sessions_company_idx").on(t.companyId, t.createdAt),
  ],
);

/** The immutable snapshot of a transferred cart; incoming purchase orders are matched against its lines. */
export const punchoutTransfers = pgTable(
  "punchout_transfers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => punchoutSessions.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    currency: text("currency").notNull(),
    totalMinor: integer("total_minor").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("punchout_transfers_session_idx").on(t.sessionId)],
);

export const punchoutTransferLines = pgTable(
  "punchout_transfer_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    transferId: integer("transfer_id")
      .notNull()
      .references(() => punchoutTransfers.id, { onDelete: "cascade" }),
    /** Opaque reference sent as SupplierPartAuxiliaryID; unique across all transfers. */
    reference: text("reference").notNull(),
    lineNumber: integer("line_number").notNull(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    sku: text("sku").notNull(),
    description: text("description").notNull(),
    quantity: integer("quantity").notNull(),
    unit: text("unit").notNull(),
    unitPriceMinor: integer("unit_price_minor").notNull(),
    priceBasisQuantity: integer("price_basis_quantity").notNull().default(1),
    vatRateBasisPoints: integer("vat_rate_basis_points").notNull(),
    /** The quote line whose price the line carried: the purchase order is reconciled against the quote. */
    quoteLineId: integer("quote_line_id").references((): AnyPgColumn => quoteLines.id),
  },
  (t) => [uniqueIndex("punchout_transfer_lines_reference_unique").on(t.reference)],
);

/**
 * Every protocol message in and out (OCI entries and transfers, cXML documents), secrets redacted,
 * with enough to replay an inbound one.
 */
export const protocolMessages = pgTable(
  "protocol_messages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    connectionId: integer("connection_id").references(() => punchoutConnections.id, { onDelete: "set null" }),
    companyId: integer("company_id").references(() => companies.id, { onDelete: "set null" }),
    sessionId: integer("session_id").references(() => punchoutSessions.id, { onDelete: "set null" }),
    protocol: text("protocol", { enum: PUNCHOUT_PROTOCOLS }).notNull(),
    direction: text("direction", { enum: ["inbound", "outbound"] }).notNull(),
    /** e.g. oci.entry, oci.transfer, cxml.PunchOutSetupRequest, cxml.PunchOutOrderMessage. */
    type: text("type").notNull(),
    status: text("status", { enum: ["ok", "rejected", "error"] }).notNull(),
    httpStatus: integer("http_status"),
    durationMs: integer("duration_ms"),
    remoteAddress: text("remote_address"),
    contentType: text("content_type"),
    /** Raw payload with passwords and shared secrets replaced by "***". */
    payload: text("payload").notNull(),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("protocol_messages_created_idx").on(t.createdAt),
    index("protocol_messages_connection_idx").on(t.connectionId, t.createdAt),
    index("protocol_messages_company_idx").on(t.companyId, t.createdAt),
  ],
);

/** Failed logins per key (punchout username or sender, shop e-mail address, client IP) in the current window, for throttling. */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

export const punchoutConnectionsRelations = relations(punchoutConnections, ({ one, many }) => ({
  company: one(companies, { fields: [punchoutConnections.companyId], references: [companies.id] }),
  technicalUser: one(users, { fields: [punchoutConnections.technicalUserId], references: [users.id] }),
  sessions: many(punchoutSessions),
}));
export const punchoutSessionsRelations = relations(punchoutSessions, ({ one, many }) => ({
  connection: one(punchoutConnections, { fields: [punchoutSessions.connectionId], references: [punchoutConnections.id] }),
  transfers: many(punchoutTransfers),
}));
export const punchoutTransfersRelations = relations(punchoutTransfers, ({ one, many }) => ({
  session: one(punchoutSessions, { fields: [punchoutTransfers.sessionId], references: [punchoutSessions.id] }),
  lines: many(punchoutTransferLines),
}));
export const punchoutTransferLinesRelations = relations(punchoutTransferLines, ({ one }) => ({
  transfer: one(punchoutTransfers, { fields: [punchoutTransferLines.transferId], references: [punchoutTransfers.id] }),
}));

export type PunchoutConnection = typeof punchoutConnections.$inferSelect;
export type NewPunchoutConnection = typeof punchoutConnections.$inferInsert;
export type PunchoutSession = typeof punchoutSessions.$inferSelect;
export type NewPunchoutSession = typeof punchoutSessions.$inferInsert;
export type ProtocolMessage = typeof protocolMessages.$inferSelect;
export type NewProtocolMessage = typeof protocolMessages.$inferInsert;
