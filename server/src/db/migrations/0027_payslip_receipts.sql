CREATE TABLE "payslip_receipts" (
	"paysheet_line_id" bigint PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payslip_receipts" ADD CONSTRAINT "payslip_receipts_paysheet_line_id_paysheet_lines_id_fk" FOREIGN KEY ("paysheet_line_id") REFERENCES "public"."paysheet_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payslip_receipts" ADD CONSTRAINT "payslip_receipts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;