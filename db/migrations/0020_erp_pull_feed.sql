ALTER TABLE "webhook_endpoints" ALTER COLUMN "url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "erp_reference" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "erp_reference_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "delivery" text DEFAULT 'push' NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("endpoint_id","id") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_url_for_push" CHECK (("webhook_endpoints"."delivery" = 'push') = ("webhook_endpoints"."url" is not null));--> statement-breakpoint
-- The order_events trigger of 0018, now aware of pull endpoints: their deliveries wait at
-- next_attempt_at 'infinity' — fetched through the API, never claimed by the push worker, whose
-- due index (next_attempt_at, pending) they thus never crowd.
CREATE OR REPLACE FUNCTION "order_events_webhooks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "webhook_deliveries" ("endpoint_id", "event_id", "event_type", "order_id", "order_event_id", "next_attempt_at")
  SELECT e."id",
         'evt_' || replace(gen_random_uuid()::text, '-', ''),
         CASE WHEN EXISTS (SELECT 1 FROM "order_events" x WHERE x."order_id" = NEW."order_id" AND x."id" < NEW."id")
              THEN 'order.status_changed' ELSE 'order.created' END,
         NEW."order_id",
         NEW."id",
         CASE WHEN e."delivery" = 'pull' THEN 'infinity'::timestamptz ELSE now() END
  FROM "webhook_endpoints" e
  WHERE e."enabled";
  RETURN NULL;
END
$$;
