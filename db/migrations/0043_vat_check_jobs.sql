CREATE TABLE "vat_check_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vat_check_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"company_id" integer,
	"account_request_id" integer,
	"trigger" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"queued_at" timestamp with time zone NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "vat_check_jobs_one_subject" CHECK (("vat_check_jobs"."company_id" is null) <> ("vat_check_jobs"."account_request_id" is null))
);
--> statement-breakpoint
ALTER TABLE "vat_checks" ALTER COLUMN "checked_by_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "vat_checks" ADD COLUMN "source" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "vat_check_jobs" ADD CONSTRAINT "vat_check_jobs_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_check_jobs" ADD CONSTRAINT "vat_check_jobs_account_request_id_account_requests_id_fk" FOREIGN KEY ("account_request_id") REFERENCES "public"."account_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "vat_check_jobs_company_idx" ON "vat_check_jobs" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vat_check_jobs_account_request_idx" ON "vat_check_jobs" USING btree ("account_request_id");--> statement-breakpoint
CREATE INDEX "vat_check_jobs_due_idx" ON "vat_check_jobs" USING btree ("due_at");--> statement-breakpoint
ALTER TABLE "vat_checks" ADD CONSTRAINT "vat_checks_staff_named" CHECK (("vat_checks"."source" = 'staff') = ("vat_checks"."checked_by_name" is not null));