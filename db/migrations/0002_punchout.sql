CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "protocol_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "protocol_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"connection_id" integer,
	"company_id" integer,
	"session_id" integer,
	"protocol" text NOT NULL,
	"direction" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"duration_ms" integer,
	"remote_address" text,
	"content_type" text,
	"payload" text NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "punchout_connections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "punchout_connections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"company_id" integer NOT NULL,
	"protocol" text NOT NULL,
	"name" text NOT NULL,
	"preset_id" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"environment" text DEFAULT 'production' NOT NULL,
	"username" text,
	"secret_hash" text NOT NULL,
	"cxml_from" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cxml_to" jsonb,
	"cxml_sender" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allowed_return_origins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"technical_user_id" integer,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "punchout_connections_username_lowercase" CHECK ("punchout_connections"."username" is null or "punchout_connections"."username" = lower("punchout_connections"."username")),
	CONSTRAINT "punchout_connections_oci_has_username" CHECK ("punchout_connections"."protocol" <> 'oci' or "punchout_connections"."username" is not null)
);
--> statement-breakpoint
CREATE TABLE "punchout_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "punchout_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"connection_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"protocol" text NOT NULL,
	"status" text NOT NULL,
	"session_token_hash" text,
	"start_token_hash" text,
	"start_token_expires_at" timestamp with time zone,
	"return_url" text NOT NULL,
	"return_parameters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target" text,
	"charset" text DEFAULT 'utf-8' NOT NULL,
	"protocol_version" text,
	"buyer_cookie" text,
	"operation" text DEFAULT 'create' NOT NULL,
	"request_payload_id" text,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "punchout_transfer_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "punchout_transfer_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"transfer_id" integer NOT NULL,
	"reference" text NOT NULL,
	"line_number" integer NOT NULL,
	"product_id" integer NOT NULL,
	"sku" text NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"unit_price_minor" integer NOT NULL,
	"price_basis_quantity" integer DEFAULT 1 NOT NULL,
	"vat_rate_basis_points" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "punchout_transfers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "punchout_transfers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"currency" text NOT NULL,
	"total_minor" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "protocol_messages" ADD CONSTRAINT "protocol_messages_connection_id_punchout_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."punchout_connections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_messages" ADD CONSTRAINT "protocol_messages_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protocol_messages" ADD CONSTRAINT "protocol_messages_session_id_punchout_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."punchout_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_connections" ADD CONSTRAINT "punchout_connections_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_connections" ADD CONSTRAINT "punchout_connections_technical_user_id_users_id_fk" FOREIGN KEY ("technical_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_sessions" ADD CONSTRAINT "punchout_sessions_connection_id_punchout_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."punchout_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_sessions" ADD CONSTRAINT "punchout_sessions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_sessions" ADD CONSTRAINT "punchout_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_transfer_lines" ADD CONSTRAINT "punchout_transfer_lines_transfer_id_punchout_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."punchout_transfers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_transfer_lines" ADD CONSTRAINT "punchout_transfer_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_transfers" ADD CONSTRAINT "punchout_transfers_session_id_punchout_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."punchout_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "punchout_transfers" ADD CONSTRAINT "punchout_transfers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "protocol_messages_created_idx" ON "protocol_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "protocol_messages_connection_idx" ON "protocol_messages" USING btree ("connection_id","created_at");--> statement-breakpoint
CREATE INDEX "protocol_messages_company_idx" ON "protocol_messages" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "punchout_connections_oci_username_unique" ON "punchout_connections" USING btree ("username") WHERE "punchout_connections"."protocol" = 'oci';--> statement-breakpoint
CREATE INDEX "punchout_connections_company_idx" ON "punchout_connections" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "punchout_sessions_session_token_unique" ON "punchout_sessions" USING btree ("session_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "punchout_sessions_start_token_unique" ON "punchout_sessions" USING btree ("start_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "punchout_sessions_request_payload_unique" ON "punchout_sessions" USING btree ("connection_id","request_payload_id");--> statement-breakpoint
CREATE INDEX "punchout_sessions_company_idx" ON "punchout_sessions" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "punchout_transfer_lines_reference_unique" ON "punchout_transfer_lines" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "punchout_transfers_session_idx" ON "punchout_transfers" USING btree ("session_id");--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_punchout_session_id_punchout_sessions_id_fk" FOREIGN KEY ("punchout_session_id") REFERENCES "public"."punchout_sessions"("id") ON DELETE cascade ON UPDATE no action;