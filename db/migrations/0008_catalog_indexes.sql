-- Custom migration (drizzle's index builder has no INCLUDE). Measured in BENCHMARKS.md (issue 8).
-- Category pages: an ordered index scan per category gives the first offset+limit products by name
-- (lib/data/catalog.ts mergedCategoryItems and the single-category query) instead of sorting every
-- product of a top-level category; brand, active and stock make the brand facets (and with them the
-- total) index-only scans.
CREATE INDEX IF NOT EXISTS "products_category_name_idx" ON "products" USING btree ("category_id", "name_nl", "id") INCLUDE ("brand", "active", "stock");
