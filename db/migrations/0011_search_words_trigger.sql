-- Custom migration (drizzle has no triggers). Keeps search_words (0010) holding every word of every
-- product name, for the typo fallback of the search (lib/data/catalog.ts searchMatchQuery): lower
-- case, split on anything but letters and digits, 3+ characters, not only digits. Words are only
-- added, never removed (see db/schema/catalog.ts searchWords).
CREATE OR REPLACE FUNCTION "products_search_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_words" ("word")
  SELECT DISTINCT "w" FROM regexp_split_to_table(lower(NEW."name_nl" || ' ' || NEW."name_en"), '[^[:alnum:]]+') AS "w"
  WHERE length("w") >= 3 AND "w" !~ '^[0-9]+$'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "products_search_words" AFTER INSERT OR UPDATE OF "name_nl", "name_en" ON "products"
  FOR EACH ROW EXECUTE FUNCTION "products_search_words"();
--> statement-breakpoint
INSERT INTO "search_words" ("word")
SELECT DISTINCT "w" FROM "products", regexp_split_to_table(lower("name_nl" || ' ' || "name_en"), '[^[:alnum:]]+') AS "w"
WHERE length("w") >= 3 AND "w" !~ '^[0-9]+$'
ON CONFLICT DO NOTHING;
