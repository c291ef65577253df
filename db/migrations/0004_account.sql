CREATE TABLE "favorite_list_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "favorite_list_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"list_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"default_quantity" integer NOT NULL,
	"note" text,
	"position" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favorite_list_lines_quantity_positive" CHECK ("favorite_list_lines"."default_quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "favorite_lists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "favorite_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"company_id" integer NOT NULL,
	"owner_user_id" integer NOT NULL,
	"name" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favorite_lists_name_not_blank" CHECK (length(trim("favorite_lists"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "favorite_list_lines" ADD CONSTRAINT "favorite_list_lines_list_id_favorite_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."favorite_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorite_list_lines" ADD CONSTRAINT "favorite_list_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorite_lists" ADD CONSTRAINT "favorite_lists_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorite_lists" ADD CONSTRAINT "favorite_lists_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "favorite_list_lines_list_product_unique" ON "favorite_list_lines" USING btree ("list_id","product_id");--> statement-breakpoint
CREATE INDEX "favorite_list_lines_list_position_idx" ON "favorite_list_lines" USING btree ("list_id","position");--> statement-breakpoint
CREATE INDEX "favorite_lists_company_idx" ON "favorite_lists" USING btree ("company_id","shared");--> statement-breakpoint
CREATE INDEX "favorite_lists_owner_idx" ON "favorite_lists" USING btree ("owner_user_id");