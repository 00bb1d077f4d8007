CREATE UNIQUE INDEX "paysheet_lines_line_sheet_worker_uq" ON "paysheet_lines" USING btree ("id","paysheet_id","worker_id");
--> statement-breakpoint
ALTER TABLE "payment_lines" DROP CONSTRAINT "payment_lines_paysheet_id_paysheets_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_lines" DROP CONSTRAINT "payment_lines_paysheet_line_id_paysheet_lines_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_lines" DROP CONSTRAINT "payment_lines_worker_id_workers_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_lines" ADD CONSTRAINT "payment_lines_sheet_line_fk" FOREIGN KEY ("paysheet_line_id","paysheet_id","worker_id") REFERENCES "public"."paysheet_lines"("id","paysheet_id","worker_id") ON DELETE no action ON UPDATE no action;
