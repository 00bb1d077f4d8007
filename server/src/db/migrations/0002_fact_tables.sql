CREATE TABLE "collective_incomes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"collective_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"income_date" date NOT NULL,
	"source_workshop_id" uuid,
	"source_enterprise_id" uuid,
	"note" text,
	"booked_by" uuid,
	"booked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"delivered_on" date NOT NULL,
	"quantity" integer NOT NULL,
	"accepted_qty" integer,
	"rejected_qty" integer,
	"accepted_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"session_date" date NOT NULL,
	"platform" text NOT NULL,
	"host" text,
	"orders_count" integer DEFAULT 0 NOT NULL,
	"sales_fen" bigint NOT NULL,
	"products" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tourism_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"record_date" date NOT NULL,
	"visitors" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"work_date" date NOT NULL,
	"good_qty" integer NOT NULL,
	"rejected_qty" integer DEFAULT 0 NOT NULL,
	"rate_centifen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"low_income" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"reversal_of" bigint,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "collective_incomes" ADD CONSTRAINT "collective_incomes_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective_incomes" ADD CONSTRAINT "collective_incomes_source_workshop_id_workshops_id_fk" FOREIGN KEY ("source_workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_sessions" ADD CONSTRAINT "sales_sessions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tourism_records" ADD CONSTRAINT "tourism_records_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_records" ADD CONSTRAINT "work_records_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_records" ADD CONSTRAINT "work_records_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collective_incomes_region_idx" ON "collective_incomes" USING btree ("region_code" text_pattern_ops,"income_date");--> statement-breakpoint
CREATE INDEX "deliveries_workshop_idx" ON "deliveries" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "deliveries_region_idx" ON "deliveries" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "sales_sessions_region_idx" ON "sales_sessions" USING btree ("region_code" text_pattern_ops,"session_date");--> statement-breakpoint
CREATE INDEX "tourism_records_region_idx" ON "tourism_records" USING btree ("region_code" text_pattern_ops,"record_date");--> statement-breakpoint
CREATE INDEX "work_records_workshop_date_idx" ON "work_records" USING btree ("workshop_id","work_date");--> statement-breakpoint
CREATE INDEX "work_records_worker_date_idx" ON "work_records" USING btree ("worker_id","work_date");--> statement-breakpoint
CREATE INDEX "work_records_region_date_idx" ON "work_records" USING btree ("region_code" text_pattern_ops,"work_date");