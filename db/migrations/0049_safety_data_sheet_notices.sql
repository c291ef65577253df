CREATE TABLE "product_document_notices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "product_document_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"product_id" integer NOT NULL,
	"document_key" text NOT NULL,
	"document_title" text NOT NULL,
	"company_id" integer NOT NULL,
	"user_id" integer,
	"email" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by_user_id" integer
);
--> statement-breakpoint
ALTER TABLE "product_document_notices" ADD CONSTRAINT "product_document_notices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_document_notices" ADD CONSTRAINT "product_document_notices_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_document_notices" ADD CONSTRAINT "product_document_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_document_notices" ADD CONSTRAINT "product_document_notices_sent_by_user_id_users_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_document_notices_product_idx" ON "product_document_notices" USING btree ("product_id","document_key","sent_at");--> statement-breakpoint
CREATE INDEX "order_lines_product_idx" ON "order_lines" USING btree ("product_id");