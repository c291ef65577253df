ALTER TABLE "companies" ADD COLUMN "erp_customer_number" text;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_erp_customer_number_unique" ON "companies" USING btree ("erp_customer_number");