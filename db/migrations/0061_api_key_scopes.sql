CREATE TABLE "staff_api_key_calls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_api_key_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_api_keys" ADD COLUMN "scopes" text[];--> statement-breakpoint
ALTER TABLE "staff_api_key_calls" ADD CONSTRAINT "staff_api_key_calls_key_id_staff_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."staff_api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_api_key_calls_key_idx" ON "staff_api_key_calls" USING btree ("key_id","at");