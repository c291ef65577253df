CREATE TABLE "attribute_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"filterable" boolean DEFAULT false NOT NULL,
	"value_labels_en" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribute_definitions_key_length" CHECK (char_length("attribute_definitions"."key") between 1 and 40)
);
