import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { favoriteLists } from "./account";
import { addresses, companies, users } from "./companies";
import { orders } from "./orders";

/**
 * Standing orders ("vaste bestelling"; ANCHORS.md idea 8, the replenishment orders no anchor
 * offers): a favorites list ordered every N weeks as it stands on the day, at that day's prices, by
 * the user who set it up — so their order limit and the company's approvals apply as at checkout.
 * One per list. A run that cannot order a line skips it and says so; nothing runs twice for a day
 * (unique run per date, and the run moves next_run_on in the order's transaction).
 */
export const standingOrders = pgTable(
  "standing_orders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    listId: integer("list_id")
      .notNull()
      .references(() => favoriteLists.id, { onDelete: "cascade" }),
    /** Who the orders are placed as (their order limit, their e-mail for the outcome). */
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    intervalWeeks: integer("interval_weeks").notNull(),
    /** The next day an order is placed (a calendar day in the Netherlands). */
    nextRunOn: date("next_run_on").notNull(),
    shipToAddressId: integer("ship_to_address_id").references(() => addresses.id, { onDelete: "set null" }),
    poNumber: text("po_number"),
    costCenter: text("cost_center"),
    note: text("note"),
    active: boolean("active").notNull().default(true),
    /** The run day the owner was last reminded of (two days ahead), so each run is announced once. */
    remindedFor: date("reminded_for"),
    /** Why it stopped by itself (owner deactivated, address removed…); null when paused by a user or running. */
    pausedReason: text("paused_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("standing_orders_list_unique").on(t.listId),
    index("standing_orders_due_idx").on(t.nextRunOn).where(sql`${t.active}`),
    index("standing_orders_company_idx").on(t.companyId),
    check("standing_orders_interval", sql`${t.intervalWeeks} between 1 and 52`),
  ],
);

export const STANDING_ORDER_RUN_OUTCOMES = ["placed", "awaiting_approval", "nothing_orderable", "paused"] as const;
export type StandingOrderRunOutcome = (typeof STANDING_ORDER_RUN_OUTCOMES)[number];

/** A line a run could not order, and why (the product is gone, its quantity rules changed…). */
export interface SkippedStandingOrderLine {
  sku: string;
  name: string;
  quantity: number;
  reason: "unavailable" | "not_in_assortment" | "quantity_rule";
}

export const standingOrderRuns = pgTable(
  "standing_order_runs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    standingOrderId: integer("standing_order_id")
      .notNull()
      .references(() => standingOrders.id, { onDelete: "cascade" }),
    /** The scheduled day this run is for. */
    runOn: date("run_on").notNull(),
    outcome: text("outcome", { enum: STANDING_ORDER_RUN_OUTCOMES }).notNull(),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "set null" }),
    skippedLines: jsonb("skipped_lines").$type<SkippedStandingOrderLine[]>().notNull().default([]),
    /** For "paused": why. */
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("standing_order_runs_day_unique").on(t.standingOrderId, t.runOn)],
);

export type StandingOrder = typeof standingOrders.$inferSelect;
export type StandingOrderRun = typeof standingOrderRuns.$inferSelect;
