import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./companies";
import { orderEvents, orders } from "./orders";

/**
 * Orders into the supplier's own systems (ERP-SIDE.md §0, §5): HTTP endpoints that receive every
 * order and every step of its history as a signed Standard Webhooks call. The deliveries are an
 * outbox filled by a trigger on order_events (custom migration 0018), so every order event is
 * queued in the transaction that writes it, whichever code path wrote it.
 */
export const WEBHOOK_DELIVERY_MODES = ["push", "pull"] as const;
export type WebhookDeliveryMode = (typeof WEBHOOK_DELIVERY_MODES)[number];

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  /**
   * push: we POST each event to `url`. pull: the supplier's system fetches the queued events with an
   * API key and acknowledges them (for ERPs behind a firewall; exactly-once by event id) — no URL.
   */
  delivery: text("delivery", { enum: WEBHOOK_DELIVERY_MODES }).notNull().default("push"),
  url: text("url"),
  /** The signing secret (`whsec_…`), AES-256-GCM under the credentials key (lib/crypto/secret-box). */
  secretEncrypted: text("secret_encrypted").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  /** Why it was switched off, as a code the UI translates: "switched_off" (by `disabledBy`) or "gone" (the receiver answered 410). */
  disabledReason: text("disabled_reason", { enum: ["switched_off", "gone"] }),
  disabledBy: integer("disabled_by").references(() => users.id, { onDelete: "set null" }),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("webhook_endpoints_url_for_push", sql`(${t.delivery} = 'push') = (${t.url} is not null)`)],
);

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The `webhook-id`: the receiver's idempotency key, the same on every retry. */
    eventId: text("event_id").notNull(),
    /** order.created | order.status_changed | webhook.test */
    eventType: text("event_type").notNull(),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "cascade" }),
    orderEventId: integer("order_event_id").references(() => orderEvents.id, { onDelete: "cascade" }),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** The JSON sent, fixed at the first attempt so every retry carries the same body. */
    body: text("body"),
    lastHttpStatus: integer("last_http_status"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_unique").on(t.endpointId, t.eventId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    // A pull endpoint's queue, oldest first (its deliveries wait at next_attempt_at 'infinity', out of the push worker's way).
    index("webhook_deliveries_pending_idx").on(t.endpointId, t.id).where(sql`${t.status} = 'pending'`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
