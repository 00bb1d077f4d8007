ALTER TABLE "audit_log" ADD COLUMN "subject_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_subjects_idx" ON "audit_log" USING gin ("subject_ids");