import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
// Relative, not "@/": drizzle-kit loads the schema without the app's path aliases.
import { BUDGET_PERIODS } from "../../lib/orders/budget";
import { companies, users } from "./companies";

/**
 * A customer's cost centres ("kostenplaatsen"), kept by its company admin (ANCHORS.md §1.6 and
 * pain point 4: budgets per period that are enforced, and that send an order for approval instead of
 * blocking it). Once a company has active cost centres, web orders name one of them; with a budget,
 * an order that would take the period's committed amount above it waits for an approver
 * (lib/orders/approval-rule.ts). Never deleted once used: orders keep the link.
 */
export const costCenters = pgTable(
  "cost_centers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    /** What orders carry (cXML/UBL AccountingCost, 35 characters in procurement systems). */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** Budget excl. VAT per period in minor units; null = no budget, only the order limit applies. */
    budgetMinor: integer("budget_minor"),
    budgetPeriod: text("budget_period", { enum: BUDGET_PERIODS }).notNull().default("month"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cost_centers_company_code_unique").on(t.companyId, sql`lower(${t.code})`),
    check("cost_centers_code_length", sql`char_length(${t.code}) between 1 and 35`),
    check("cost_centers_budget_positive", sql`${t.budgetMinor} is null or ${t.budgetMinor} > 0`),
  ],
);

export type CostCenter = typeof costCenters.$inferSelect;

/**
 * Who may order on a cost centre, when not everybody: a cost centre without rows here is open to the
 * whole company; with rows, to those users (and the company admins, who keep them).
 */
export const costCenterUsers = pgTable(
  "cost_center_users",
  {
    costCenterId: integer("cost_center_id")
      .notNull()
      .references(() => costCenters.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.costCenterId, t.userId] }), index("cost_center_users_user_idx").on(t.userId)],
);
