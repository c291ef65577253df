CREATE TABLE "company_join_domains" (
	"company_id" integer NOT NULL,
	"domain" text NOT NULL,
	"role" text DEFAULT 'buyer' NOT NULL,
	"order_limit_minor" integer,
	"created_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_join_domains_company_id_domain_pk" PRIMARY KEY("company_id","domain"),
	CONSTRAINT "company_join_domains_domain_lowercase" CHECK ("company_join_domains"."domain" = lower("company_join_domains"."domain")),
	CONSTRAINT "company_join_domains_order_limit" CHECK ("company_join_domains"."order_limit_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "company_join_domains" ADD CONSTRAINT "company_join_domains_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_join_domains" ADD CONSTRAINT "company_join_domains_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_join_domains_domain_idx" ON "company_join_domains" USING btree ("domain");