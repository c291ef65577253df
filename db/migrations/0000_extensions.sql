-- pg_trgm powers the typo-tolerant search fallback (GIN trigram indexes in 0001).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
