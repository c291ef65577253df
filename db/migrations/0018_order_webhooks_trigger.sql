-- Custom migration (drizzle has no triggers). Every order event (the first one: the order was
-- created; any later one: its status changed) is queued for every enabled webhook endpoint in the
-- same transaction that writes it (db/schema/webhooks.ts), whichever code path writes it: checkout,
-- approval, cXML intake (one statement), review, confirmation, shipment, cancellation.
CREATE OR REPLACE FUNCTION "order_events_webhooks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "webhook_deliveries" ("endpoint_id", "event_id", "event_type", "order_id", "order_event_id")
  SELECT e."id",
         'evt_' || replace(gen_random_uuid()::text, '-', ''),
         CASE WHEN EXISTS (SELECT 1 FROM "order_events" x WHERE x."order_id" = NEW."order_id" AND x."id" < NEW."id")
              THEN 'order.status_changed' ELSE 'order.created' END,
         NEW."order_id",
         NEW."id"
  FROM "webhook_endpoints" e
  WHERE e."enabled";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "order_events_webhooks" AFTER INSERT ON "order_events"
  FOR EACH ROW EXECUTE FUNCTION "order_events_webhooks"();
