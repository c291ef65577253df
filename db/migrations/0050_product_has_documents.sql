ALTER TABLE "products" ADD COLUMN "has_documents" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "products" SET "has_documents" = true WHERE "id" IN (SELECT "product_id" FROM "product_documents");
