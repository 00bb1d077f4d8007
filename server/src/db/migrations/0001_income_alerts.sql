CREATE TABLE "income_alerts" (
	"worker_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_month" integer NOT NULL,
	"to_month" integer NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "income_alerts" ADD CONSTRAINT "income_alerts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "income_alerts_month_idx" ON "income_alerts" USING btree ("kind","from_month","region_code","name","worker_id","to_month");--> statement-breakpoint
CREATE INDEX "income_alerts_worker_idx" ON "income_alerts" USING btree ("worker_id");