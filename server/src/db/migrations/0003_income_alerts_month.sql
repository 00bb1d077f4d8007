DROP INDEX "income_alerts_order_idx";--> statement-breakpoint
CREATE INDEX "income_alerts_month_idx" ON "income_alerts" USING btree ("kind","from_month","region_code","name","worker_id","to_month");