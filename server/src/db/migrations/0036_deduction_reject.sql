ALTER TABLE "paysheet_deductions" ADD COLUMN "rejected_by" uuid;--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD COLUMN "rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD COLUMN "reject_reason" text;