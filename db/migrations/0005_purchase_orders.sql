CREATE TABLE "order_shipments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_shipments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"shipment_number" text NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"tracking_url" text,
	"lines" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbound_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"connection_id" integer NOT NULL,
	"order_id" integer,
	"kind" text NOT NULL,
	"payload_id" text NOT NULL,
	"url" text NOT NULL,
	"body_encrypted" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_http_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "purchase_order_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "purchase_order_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"connection_id" integer NOT NULL,
	"payload_id" text NOT NULL,
	"order_id" integer,
	"type" text NOT NULL,
	"buyer_order_id" text NOT NULL,
	"document_sha256" text NOT NULL,
	"raw_document" text NOT NULL,
	"response_xml" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "purchase_order_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"line_number" integer NOT NULL,
	"supplier_part_id" text NOT NULL,
	"supplier_part_auxiliary_id" text,
	"quantity" text NOT NULL,
	"unit_of_measure" text,
	"buyer_unit_price_minor" integer,
	"currency" text,
	"our_unit_price_minor" integer,
	"description" text,
	"requested_delivery_date" text,
	"product_id" integer,
	"transfer_line_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_order_settings" (
	"connection_id" integer PRIMARY KEY NOT NULL,
	"order_secret_hash" text,
	"price_tolerance_basis_points" integer DEFAULT 0 NOT NULL,
	"auto_confirm" boolean DEFAULT false NOT NULL,
	"order_response_url" text,
	"outbound_from" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outbound_shared_secret_encrypted" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_order_settings_tolerance" CHECK ("purchase_order_settings"."price_tolerance_basis_points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"order_id" integer PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"buyer_order_id" text NOT NULL,
	"order_date" text,
	"order_version" integer DEFAULT 1 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"payload_id" text NOT NULL,
	"document_sha256" text NOT NULL,
	"deployment_mode" text NOT NULL,
	"currency" text NOT NULL,
	"buyer_total_minor" integer NOT NULL,
	"header" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_shipments" ADD CONSTRAINT "order_shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_connection_id_punchout_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."punchout_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_documents" ADD CONSTRAINT "purchase_order_documents_connection_id_punchout_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."punchout_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_documents" ADD CONSTRAINT "purchase_order_documents_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_order_id_purchase_orders_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."purchase_orders"("order_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_transfer_line_id_punchout_transfer_lines_id_fk" FOREIGN KEY ("transfer_line_id") REFERENCES "public"."punchout_transfer_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_settings" ADD CONSTRAINT "purchase_order_settings_connection_id_punchout_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."punchout_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_connection_id_punchout_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."punchout_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_shipments_number_unique" ON "order_shipments" USING btree ("shipment_number");--> statement-breakpoint
CREATE INDEX "order_shipments_order_idx" ON "order_shipments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_messages_payload_unique" ON "outbound_messages" USING btree ("payload_id");--> statement-breakpoint
CREATE INDEX "outbound_messages_due_idx" ON "outbound_messages" USING btree ("next_attempt_at") WHERE "outbound_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbound_messages_order_idx" ON "outbound_messages" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_documents_payload_unique" ON "purchase_order_documents" USING btree ("connection_id","payload_id");--> statement-breakpoint
CREATE INDEX "purchase_order_documents_order_idx" ON "purchase_order_documents" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_order_lines_revision_line_unique" ON "purchase_order_lines" USING btree ("order_id","revision","line_number");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_connection_order_unique" ON "purchase_orders" USING btree ("connection_id","buyer_order_id");