CREATE TABLE "cockpit_enterprise_links" (
	"node" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"parent" text NOT NULL,
	"first_month" integer NOT NULL,
	CONSTRAINT "cockpit_enterprise_links_node_enterprise_id_pk" PRIMARY KEY("node","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "cockpit_sums" (
	"node" text NOT NULL,
	"month" integer NOT NULL,
	"parent" text NOT NULL,
	"level" smallint NOT NULL,
	"wages_fen" bigint DEFAULT 0 NOT NULL,
	"good_qty" bigint DEFAULT 0 NOT NULL,
	"delivered_qty" bigint DEFAULT 0 NOT NULL,
	"collective_income_fen" bigint DEFAULT 0 NOT NULL,
	"sales_fen" bigint DEFAULT 0 NOT NULL,
	"sales_orders" bigint DEFAULT 0 NOT NULL,
	"tourism_visitors" bigint DEFAULT 0 NOT NULL,
	"tourism_revenue_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "cockpit_sums_node_month_pk" PRIMARY KEY("node","month")
);
--> statement-breakpoint
CREATE TABLE "cockpit_worker_counts" (
	"node" text NOT NULL,
	"kind" smallint NOT NULL,
	"month" integer NOT NULL,
	"prev" integer NOT NULL,
	"parent" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cockpit_worker_counts_node_kind_month_prev_pk" PRIMARY KEY("node","kind","month","prev")
);
--> statement-breakpoint
CREATE TABLE "cockpit_worker_months" (
	"worker_id" uuid NOT NULL,
	"month" integer NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"low_income_fen" bigint DEFAULT 0 NOT NULL,
	"disabled_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "cockpit_worker_months_worker_id_month_workshop_id_pk" PRIMARY KEY("worker_id","month","workshop_id")
);
--> statement-breakpoint
CREATE TABLE "cockpit_workshop_deltas" (
	"node" text NOT NULL,
	"type" text NOT NULL,
	"month" integer NOT NULL,
	"parent" text NOT NULL,
	"delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cockpit_workshop_deltas_node_type_month_pk" PRIMARY KEY("node","type","month")
);
--> statement-breakpoint
CREATE TABLE "cockpit_workshop_spans" (
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"type" text NOT NULL,
	"start_month" integer NOT NULL,
	"end_month" integer
);
--> statement-breakpoint
CREATE TABLE "paysheet_adjustments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"paysheet_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"work_record_id" bigint NOT NULL,
	"original_record_id" bigint,
	"work_month" text NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paysheet_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"paysheet_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"worker_name" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"record_count" integer NOT NULL,
	"good_qty" integer NOT NULL,
	"rejected_qty" integer NOT NULL,
	"gross_fen" bigint NOT NULL,
	"adjustments_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"paid_on" date,
	"pay_method" text,
	"pay_reference" text
);
--> statement-breakpoint
CREATE TABLE "paysheet_payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"paysheet_id" uuid NOT NULL,
	"line_id" bigint,
	"paid_on" date NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"amount_fen" bigint NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paysheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"worker_count" integer,
	"good_qty" bigint,
	"rejected_qty" bigint,
	"gross_fen" bigint,
	"adjustments_fen" bigint,
	"total_fen" bigint,
	"chain_seq" integer,
	"prev_paysheet_id" uuid,
	"prev_hash" text,
	"hash" text,
	"locked_at" timestamp with time zone,
	"locked_by" uuid,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT '件' NOT NULL,
	"worker_rate_centifen" bigint NOT NULL,
	"workshop_rate_centifen" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"source" text NOT NULL,
	"plan_id" uuid,
	"status" text NOT NULL,
	"distance_km" double precision,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"workshop_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"allocation_id" uuid,
	"claimed_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dispute_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject" text NOT NULL,
	"order_id" uuid,
	"delivery_id" uuid,
	"payment_id" uuid,
	"workshop_id" uuid,
	"enterprise_id" uuid,
	"worker_id" uuid,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"mediator_user_id" uuid,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "order_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"by_user_id" uuid,
	"by_username" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"product" text NOT NULL,
	"description" text,
	"photos" text[] DEFAULT '{}' NOT NULL,
	"quantity" integer NOT NULL,
	"unit" text DEFAULT '件' NOT NULL,
	"workshop_rate_centifen" bigint NOT NULL,
	"worker_rate_centifen" bigint NOT NULL,
	"start_on" date NOT NULL,
	"due_on" date NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"pickup_address" text,
	"pickup_lng" double precision NOT NULL,
	"pickup_lat" double precision NOT NULL,
	"logistics" text DEFAULT 'enterprise_delivers' NOT NULL,
	"min_batch" integer DEFAULT 1 NOT NULL,
	"max_batch" integer NOT NULL,
	"quality_standard" text,
	"payment_term_days" integer DEFAULT 30 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_ids" uuid[] NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"options" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "allocation_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "reject_reasons" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "amount_fen" bigint;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "allocation_id" uuid;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "product_id" uuid;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "product" text;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "work_minutes" integer;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "correction_of" bigint;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "pay_month" text;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "work_records" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "paysheet_adjustments" ADD CONSTRAINT "paysheet_adjustments_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_lines" ADD CONSTRAINT "paysheet_lines_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_lines" ADD CONSTRAINT "paysheet_lines_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_payments" ADD CONSTRAINT "paysheet_payments_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheets" ADD CONSTRAINT "paysheets_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_products" ADD CONSTRAINT "workshop_products_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_notes" ADD CONSTRAINT "dispute_notes_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_mediator_user_id_users_id_fk" FOREIGN KEY ("mediator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_status_history" ADD CONSTRAINT "order_status_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cockpit_enterprise_links_parent_idx" ON "cockpit_enterprise_links" USING btree ("parent");--> statement-breakpoint
CREATE INDEX "cockpit_enterprise_links_ent_idx" ON "cockpit_enterprise_links" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "cockpit_sums_parent_idx" ON "cockpit_sums" USING btree ("parent","month");--> statement-breakpoint
CREATE INDEX "cockpit_worker_counts_parent_idx" ON "cockpit_worker_counts" USING btree ("parent","month");--> statement-breakpoint
CREATE INDEX "cockpit_workshop_deltas_parent_idx" ON "cockpit_workshop_deltas" USING btree ("parent","month");--> statement-breakpoint
CREATE INDEX "cockpit_workshop_spans_ws_idx" ON "cockpit_workshop_spans" USING btree ("workshop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paysheet_adjustments_record_uq" ON "paysheet_adjustments" USING btree ("work_record_id");--> statement-breakpoint
CREATE INDEX "paysheet_adjustments_sheet_idx" ON "paysheet_adjustments" USING btree ("paysheet_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paysheet_lines_sheet_worker_uq" ON "paysheet_lines" USING btree ("paysheet_id","worker_id");--> statement-breakpoint
CREATE INDEX "paysheet_lines_worker_idx" ON "paysheet_lines" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "paysheet_payments_sheet_idx" ON "paysheet_payments" USING btree ("paysheet_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paysheets_workshop_month_uq" ON "paysheets" USING btree ("workshop_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "paysheets_workshop_chain_uq" ON "paysheets" USING btree ("workshop_id","chain_seq");--> statement-breakpoint
CREATE INDEX "paysheets_region_month_idx" ON "paysheets" USING btree ("region_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "workshop_products_workshop_idx" ON "workshop_products" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "allocations_order_idx" ON "allocations" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "allocations_workshop_idx" ON "allocations" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "allocations_region_idx" ON "allocations" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "claims_order_idx" ON "claims" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "dispute_notes_dispute_idx" ON "dispute_notes" USING btree ("dispute_id","at");--> statement-breakpoint
CREATE INDEX "disputes_region_idx" ON "disputes" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "disputes_order_idx" ON "disputes" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "osh_order_idx" ON "order_status_history" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "orders_region_idx" ON "orders" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_enterprise_idx" ON "orders" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "payments" USING btree ("order_id","workshop_id");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "work_records_workshop_pay_month_idx" ON "work_records" USING btree ("workshop_id","pay_month");--> statement-breakpoint
CREATE UNIQUE INDEX "work_records_reversal_of_uq" ON "work_records" USING btree ("reversal_of") WHERE reversal_of is not null;