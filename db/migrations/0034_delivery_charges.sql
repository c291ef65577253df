ALTER TABLE "companies" ADD COLUMN "delivery_charge_mode" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "delivery_charge_minor" integer;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "free_delivery_from_minor" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivery_charge_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "delivery_charge_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "supplier_profile" ADD COLUMN "delivery_charge_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "supplier_profile" ADD COLUMN "free_delivery_from_minor" integer;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_delivery_charge_custom" CHECK (("companies"."delivery_charge_mode" = 'custom') = ("companies"."delivery_charge_minor" is not null) and coalesce("companies"."delivery_charge_minor", 0) >= 0 and coalesce("companies"."free_delivery_from_minor", 0) >= 0 and ("companies"."free_delivery_from_minor" is null or "companies"."delivery_charge_mode" = 'custom'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_charge_in_subtotal" CHECK ("orders"."delivery_charge_minor" >= 0 and "orders"."delivery_charge_minor" <= "orders"."subtotal_minor");--> statement-breakpoint
ALTER TABLE "supplier_profile" ADD CONSTRAINT "supplier_profile_delivery_charge" CHECK ("supplier_profile"."delivery_charge_minor" >= 0 and coalesce("supplier_profile"."free_delivery_from_minor", 0) >= 0);