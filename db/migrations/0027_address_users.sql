CREATE TABLE "address_users" (
	"address_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "address_users_address_id_user_id_pk" PRIMARY KEY("address_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "default_ship_to_address_id" integer;--> statement-breakpoint
ALTER TABLE "address_users" ADD CONSTRAINT "address_users_address_id_addresses_id_fk" FOREIGN KEY ("address_id") REFERENCES "public"."addresses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_users" ADD CONSTRAINT "address_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "address_users_user_idx" ON "address_users" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_default_ship_to_address_id_addresses_id_fk" FOREIGN KEY ("default_ship_to_address_id") REFERENCES "public"."addresses"("id") ON DELETE set null ON UPDATE no action;