DROP INDEX "products_sku_trgm_idx";--> statement-breakpoint
CREATE INDEX "products_sku_key_trgm_idx" ON "products" USING gin (regexp_replace(upper("sku"), '[^A-Z0-9]', '', 'g') gin_trgm_ops);