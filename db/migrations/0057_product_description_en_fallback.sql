-- An English description that is a copy of the Dutch one (the admin form and the product API used to copy it when left empty) becomes empty: the shop shows the Dutch description then, and it follows later Dutch edits.
UPDATE "products" SET "description_en" = '', "updated_at" = now() WHERE "description_en" = "description_nl" AND "description_nl" <> '';
