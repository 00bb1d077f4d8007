ALTER TABLE "payment_lines" DROP CONSTRAINT "payment_lines_batch_id_payment_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_lines" DROP CONSTRAINT "payment_lines_account_id_worker_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "payment_lines" DROP CONSTRAINT "payment_lines_sheet_line_fk";
--> statement-breakpoint
DROP INDEX "paysheet_lines_line_sheet_worker_uq";