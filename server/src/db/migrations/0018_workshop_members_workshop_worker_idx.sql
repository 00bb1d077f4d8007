DROP INDEX "wm_workshop_idx";--> statement-breakpoint
CREATE INDEX "wm_workshop_idx" ON "workshop_members" USING btree ("workshop_id","worker_id");