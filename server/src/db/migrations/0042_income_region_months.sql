CREATE TABLE "income_region_months" (
	"node" text NOT NULL,
	"month" integer NOT NULL,
	"prev" integer NOT NULL,
	"female" boolean NOT NULL,
	"disabled" boolean NOT NULL,
	"turns60" integer NOT NULL,
	"workers" integer DEFAULT 0 NOT NULL,
	"earned_fen" bigint DEFAULT 0 NOT NULL,
	"baseline_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "income_region_months_node_month_prev_female_disabled_turns60_pk" PRIMARY KEY("node","month","prev","female","disabled","turns60")
);
--> statement-breakpoint
ALTER TABLE "income_worker_months" ADD COLUMN "low_any" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "income_workers" ADD COLUMN "female" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "income_workers" ADD COLUMN "disabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "income_workers" ADD COLUMN "turns60_month" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "income_worker_months_low_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month") WHERE low_any;--> statement-breakpoint
CREATE INDEX "income_worker_months_negative_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month") WHERE earned_fen < 0;--> statement-breakpoint
CREATE INDEX "income_workers_low_idx" ON "income_workers" USING btree ("region_code" text_pattern_ops) WHERE low_periods <> '{}'::datemultirange;