CREATE TABLE "paysheet_approval_rules" (
	"region_code" text PRIMARY KEY NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "paysheets" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "paysheets" ADD COLUMN "submitted_by" uuid;--> statement-breakpoint
ALTER TABLE "paysheets" ADD COLUMN "approved_by" uuid;