CREATE TABLE "account_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"status" text DEFAULT 'pending' NOT NULL,
	"company_name" text NOT NULL,
	"kvk_number" text,
	"vat_id" text,
	"country_code" text DEFAULT 'NL' NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"contact_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"message" text,
	"locale" text DEFAULT 'nl' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"rejection_reason" text,
	"company_id" integer,
	"user_id" integer,
	CONSTRAINT "account_requests_email_lowercase" CHECK ("account_requests"."email" = lower("account_requests"."email")),
	CONSTRAINT "account_requests_decided" CHECK (("account_requests"."status" = 'pending') = ("account_requests"."decided_at" is null)),
	CONSTRAINT "account_requests_approved_links" CHECK (("account_requests"."status" = 'approved') = ("account_requests"."user_id" is not null and "account_requests"."company_id" is not null)),
	CONSTRAINT "account_requests_rejected_reason" CHECK ("account_requests"."status" <> 'rejected' or "account_requests"."rejection_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "account_requests" ADD CONSTRAINT "account_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_requests" ADD CONSTRAINT "account_requests_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_requests" ADD CONSTRAINT "account_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_requests_pending_email_unique" ON "account_requests" USING btree ("email") WHERE "account_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "account_requests_status_created_idx" ON "account_requests" USING btree ("status","created_at");