ALTER TABLE "order_events" ADD COLUMN "kind" text DEFAULT 'status' NOT NULL;--> statement-breakpoint
-- The order_events trigger of 0020, now telling a change of the order's lines (order.changed) from
-- a status change; the first event of an order stays order.created.
CREATE OR REPLACE FUNCTION "order_events_webhooks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "webhook_deliveries" ("endpoint_id", "event_id", "event_type", "order_id", "order_event_id", "next_attempt_at")
  SELECT e."id",
         'evt_' || replace(gen_random_uuid()::text, '-', ''),
         CASE WHEN NEW."kind" = 'changed' THEN 'order.changed'
              WHEN EXISTS (SELECT 1 FROM "order_events" x WHERE x."order_id" = NEW."order_id" AND x."id" < NEW."id")
              THEN 'order.status_changed' ELSE 'order.created' END,
         NEW."order_id",
         NEW."id",
         CASE WHEN e."delivery" = 'pull' THEN 'infinity'::timestamptz ELSE now() END
  FROM "webhook_endpoints" e
  WHERE e."enabled";
  RETURN NULL;
END
$$;
