CREATE TABLE "cost_centers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cost_centers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"company_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"budget_minor" integer,
	"budget_period" text DEFAULT 'month' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_centers_code_length" CHECK (char_length("cost_centers"."code") between 1 and 35),
	CONSTRAINT "cost_centers_budget_positive" CHECK ("cost_centers"."budget_minor" is null or "cost_centers"."budget_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "cost_center_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cost_center_id" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "approval_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cost_centers" ADD CONSTRAINT "cost_centers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cost_centers_company_code_unique" ON "cost_centers" USING btree ("company_id",lower("code"));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_cost_center_id_cost_centers_id_fk" FOREIGN KEY ("cost_center_id") REFERENCES "public"."cost_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_cost_center_placed_idx" ON "orders" USING btree ("cost_center_id","placed_at") WHERE "orders"."cost_center_id" is not null;--> statement-breakpoint
-- Orders that waited for approval before budgets existed did so for the order limit.
UPDATE "orders" SET "approval_reasons" = '["order_limit"]'::jsonb
WHERE "id" IN (SELECT "order_id" FROM "order_events" WHERE "status" = 'awaiting_approval');