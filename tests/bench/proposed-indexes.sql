-- Index proposals measured by the benchmark (BENCH_EXTRA_SQL=tests/bench/proposed-indexes.sql npm run bench)
-- before they go into a drizzle migration. The harness creates them for the run and drops them after it.

-- Category pages: an ordered scan per category for the page (lib/data/catalog.ts mergedCategoryItems and
-- the single-category query), and index-only scans for the brand facets and the total.
create index if not exists products_category_name_idx on products (category_id, name_nl, id) include (brand, active, stock);
