CREATE TABLE "cost_center_users" (
	"cost_center_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "cost_center_users_cost_center_id_user_id_pk" PRIMARY KEY("cost_center_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "default_cost_center_id" integer;--> statement-breakpoint
ALTER TABLE "cost_center_users" ADD CONSTRAINT "cost_center_users_cost_center_id_cost_centers_id_fk" FOREIGN KEY ("cost_center_id") REFERENCES "public"."cost_centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_center_users" ADD CONSTRAINT "cost_center_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cost_center_users_user_idx" ON "cost_center_users" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_default_cost_center_id_cost_centers_id_fk" FOREIGN KEY ("default_cost_center_id") REFERENCES "public"."cost_centers"("id") ON DELETE set null ON UPDATE no action;