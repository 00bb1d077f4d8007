CREATE TABLE "staff_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"detail" jsonb,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "staff_notices_dedupe_uq" ON "staff_notices" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "staff_notices_region_idx" ON "staff_notices" USING btree ("region_code" text_pattern_ops,"created_at");