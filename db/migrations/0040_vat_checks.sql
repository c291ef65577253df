CREATE TABLE "vat_checks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vat_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"vat_id" text NOT NULL,
	"outcome" text NOT NULL,
	"registered_name" text,
	"registered_address" text,
	"consultation_number" text,
	"error_code" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_by_user_id" integer,
	"checked_by_name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vat_checks" ADD CONSTRAINT "vat_checks_checked_by_user_id_users_id_fk" FOREIGN KEY ("checked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vat_checks_vat_id_idx" ON "vat_checks" USING btree ("vat_id","checked_at");