CREATE TABLE "income_worker_months" (
	"worker_id" uuid NOT NULL,
	"month" integer NOT NULL,
	"region_code" text NOT NULL,
	"earned_fen" bigint DEFAULT 0 NOT NULL,
	"low_line_fen" bigint DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"days" integer DEFAULT 0 NOT NULL,
	"baseline_fen" bigint DEFAULT 0 NOT NULL,
	"gain_fen" bigint GENERATED ALWAYS AS (earned_fen - baseline_fen) STORED NOT NULL,
	CONSTRAINT "income_worker_months_worker_id_month_pk" PRIMARY KEY("worker_id","month")
);
--> statement-breakpoint
CREATE TABLE "income_workers" (
	"worker_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"baseline_fen" bigint DEFAULT 0 NOT NULL,
	"low_periods" datemultirange DEFAULT '{}'::datemultirange NOT NULL,
	"first_active_month" integer
);
--> statement-breakpoint
ALTER TABLE "income_workers" ADD CONSTRAINT "income_workers_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "income_worker_months_region_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "income_worker_months_month_idx" ON "income_worker_months" USING btree ("month","region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "income_workers_region_idx" ON "income_workers" USING btree ("region_code" text_pattern_ops);