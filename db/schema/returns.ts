import { relations, sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { companies, users } from "./companies";
import { orders } from "./orders";

/**
 * Returns (RMA, "retourmelding"): a buyer reports shipped goods they send back, staff approve it
 * with instructions (or reject it with a reason), and once the goods are in, staff record what
 * arrived and credit it: one credit note per invoice that billed it (lib/returns).
 *
 * requested → approved → completed; a request can be rejected by staff or withdrawn by the
 * customer (cancelled) until it is approved.
 */
export const RETURN_STATUSES = ["requested", "approved", "completed", "rejected", "cancelled"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_REASONS = ["damaged", "defective", "wrong_item", "wrong_quantity", "not_needed", "other"] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const returnNumberSequence = pgSequence("return_number_seq", { startWith: 5001 });

export const returnRequests = pgTable(
  "return_requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Shown to buyers and written on the parcel ("R5001"). */
    returnNumber: text("return_number")
      .notNull()
      .default(sql`('R' || nextval('return_number_seq'))`),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "restrict" }),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: RETURN_STATUSES }).notNull().default("requested"),
    buyerComment: text("buyer_comment"),
    /** Approval: where and how to send the goods; rejection: why. */
    staffComment: text("staff_comment"),
    /** Approved, rejected or cancelled: who and when. */
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    completedBy: integer("completed_by").references(() => users.id),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** What staff found when the goods came in (why less is credited than was reported, say). */
    completionNote: text("completion_note"),
    /** The credit notes issued on completion (numbers; the documents themselves are in invoices). */
    creditNoteNumbers: jsonb("credit_note_numbers").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("return_requests_number_unique").on(t.returnNumber),
    index("return_requests_company_created_idx").on(t.companyId, t.createdAt),
    index("return_requests_order_idx").on(t.orderId),
    // Staff's count of returns to handle: only the few open rows.
    index("return_requests_open_idx").on(t.companyId, t.createdAt).where(sql`${t.status} in ('requested', 'approved')`),
  ],
);

export const returnRequestLines = pgTable(
  "return_request_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    returnRequestId: integer("return_request_id")
      .notNull()
      .references(() => returnRequests.id, { onDelete: "cascade" }),
    /** The order line returned (order_lines.line_number); sku, name and unit copied for the record. */
    orderLineNumber: integer("order_line_number").notNull(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    quantity: integer("quantity").notNull(),
    reason: text("reason", { enum: RETURN_REASONS }).notNull(),
    /** Set on completion: how many arrived in a state that is credited (0: none). */
    receivedQuantity: integer("received_quantity"),
  },
  (t) => [
    uniqueIndex("return_request_lines_line_unique").on(t.returnRequestId, t.orderLineNumber),
    check("return_request_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("return_request_lines_received_range", sql`${t.receivedQuantity} is null or (${t.receivedQuantity} >= 0 and ${t.receivedQuantity} <= ${t.quantity})`),
  ],
);

export const returnRequestsRelations = relations(returnRequests, ({ many, one }) => ({
  lines: many(returnRequestLines),
  order: one(orders, { fields: [returnRequests.orderId], references: [orders.id] }),
}));
export const returnRequestLinesRelations = relations(returnRequestLines, ({ one }) => ({
  returnRequest: one(returnRequests, { fields: [returnRequestLines.returnRequestId], references: [returnRequests.id] }),
}));

export type ReturnRequest = typeof returnRequests.$inferSelect;
export type ReturnRequestLine = typeof returnRequestLines.$inferSelect;
