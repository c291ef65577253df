DROP INDEX "products_gtin_idx";--> statement-breakpoint
CREATE INDEX "products_sku_upper_idx" ON "products" USING btree (upper("sku") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "products_gtin_idx" ON "products" USING btree ("gtin" text_pattern_ops);