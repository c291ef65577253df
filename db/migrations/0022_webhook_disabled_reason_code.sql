ALTER TABLE "webhook_endpoints" ADD COLUMN "disabled_by" integer;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_disabled_by_users_id_fk" FOREIGN KEY ("disabled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The reasons were stored as English sentences; from now on codes the UI translates.
UPDATE "webhook_endpoints" SET "disabled_reason" = 'gone' WHERE "disabled_reason" LIKE '410%';--> statement-breakpoint
UPDATE "webhook_endpoints" SET "disabled_reason" = 'switched_off' WHERE "disabled_reason" IS NOT NULL AND "disabled_reason" <> 'gone';
