CREATE TABLE "customer_article_numbers" (
	"company_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"article_number" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" integer,
	CONSTRAINT "customer_article_numbers_length" CHECK (length("customer_article_numbers"."article_number") between 1 and 40 and "customer_article_numbers"."article_number" = trim("customer_article_numbers"."article_number"))
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "customer_article_number" text;--> statement-breakpoint
ALTER TABLE "customer_article_numbers" ADD CONSTRAINT "customer_article_numbers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_article_numbers" ADD CONSTRAINT "customer_article_numbers_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_article_numbers" ADD CONSTRAINT "customer_article_numbers_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_article_numbers_company_product_unique" ON "customer_article_numbers" USING btree ("company_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_article_numbers_company_number_unique" ON "customer_article_numbers" USING btree ("company_id",lower("article_number"));