CREATE TABLE "paysheet_deductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paysheet_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"code" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "paysheet_lines" ADD COLUMN "deductions_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "paysheets" ADD COLUMN "deductions_fen" bigint;--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD CONSTRAINT "paysheet_deductions_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD CONSTRAINT "paysheet_deductions_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paysheet_deductions_sheet_idx" ON "paysheet_deductions" USING btree ("paysheet_id","worker_id");