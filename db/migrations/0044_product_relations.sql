CREATE TABLE "product_relations" (
	"product_id" integer NOT NULL,
	"kind" text NOT NULL,
	"related_product_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "product_relations_product_id_kind_related_product_id_pk" PRIMARY KEY("product_id","kind","related_product_id"),
	CONSTRAINT "product_relations_kind_known" CHECK ("product_relations"."kind" in ('accessory', 'alternative', 'successor')),
	CONSTRAINT "product_relations_not_itself" CHECK ("product_relations"."product_id" <> "product_relations"."related_product_id"),
	CONSTRAINT "product_relations_position_non_negative" CHECK ("product_relations"."position" >= 0)
);
--> statement-breakpoint
ALTER TABLE "product_relations" ADD CONSTRAINT "product_relations_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_relations" ADD CONSTRAINT "product_relations_related_product_id_products_id_fk" FOREIGN KEY ("related_product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_relations_one_successor" ON "product_relations" USING btree ("product_id") WHERE "product_relations"."kind" = 'successor';--> statement-breakpoint
CREATE INDEX "product_relations_related_idx" ON "product_relations" USING btree ("related_product_id");