-- Every stored document is the first (and current) version of its own document: its key names the series.
ALTER TABLE "product_documents" ADD COLUMN "series_key" text;--> statement-breakpoint
UPDATE "product_documents" SET "series_key" = "key";--> statement-breakpoint
ALTER TABLE "product_documents" ALTER COLUMN "series_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "product_documents" ADD COLUMN "version" text;--> statement-breakpoint
ALTER TABLE "product_documents" ADD COLUMN "revised_on" date;--> statement-breakpoint
ALTER TABLE "product_documents" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "product_documents_current_unique" ON "product_documents" USING btree ("product_id","series_key") WHERE "product_documents"."superseded_at" is null;
