CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"username" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"region_code" text,
	"ip" text,
	"detail" jsonb,
	"subject_ids" uuid[]
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"request_hash" text NOT NULL,
	"status" smallint NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"lng" double precision,
	"lat" double precision
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"region_code" text,
	"enterprise_id" uuid,
	"collective_id" uuid,
	"worker_id" uuid,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "change_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL,
	"user_id" uuid,
	"username" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"credit_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disability_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"given_on" date NOT NULL,
	"purpose" text NOT NULL,
	"purpose_note" text,
	"witness" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_on" date,
	"withdrawn_by" uuid
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"region_code" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_phone_enc" text,
	"industry" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" jsonb,
	"user_id" uuid,
	"file_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_low_income_periods" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone" text,
	"region_code" text NOT NULL,
	"household" text,
	"disability_grade" smallint,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"availability" jsonb,
	"baseline_monthly_income_fen" bigint DEFAULT 0 NOT NULL,
	"baseline_source" text,
	"id_number_enc" text,
	"id_number_bidx" text,
	"id_number_tail_bidx" text,
	"phone_enc" text,
	"phone_bidx" text,
	"phone_tail_bidx" text,
	"disability_grade_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_enterprises" (
	"workshop_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"since" date,
	CONSTRAINT "workshop_enterprises_workshop_id_enterprise_id_pk" PRIMARY KEY("workshop_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "workshop_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date
);
--> statement-breakpoint
CREATE TABLE "workshop_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"status" text NOT NULL,
	"effective_on" date NOT NULL,
	"note" text,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"region_code" text NOT NULL,
	"collective_id" uuid,
	"operator_user_id" uuid,
	"address" text,
	"lng" double precision,
	"lat" double precision,
	"floor_area_m_2" integer,
	"daily_capacity" integer DEFAULT 0 NOT NULL,
	"worker_places" integer DEFAULT 0 NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"opened_on" date,
	"photos" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
	"booked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"period" text
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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"order_id" uuid,
	"allocation_id" uuid,
	"reject_reasons" text,
	"amount_fen" bigint,
	"due_on" date,
	"note" text,
	"recorded_by" uuid
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
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"external_ref" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "tourism_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"record_date" date NOT NULL,
	"visitors" integer NOT NULL,
	"revenue_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	"recorded_by" uuid
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
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"allocation_id" uuid,
	"product_id" uuid,
	"product" text,
	"work_minutes" integer,
	"correction_of" bigint,
	"pay_month" text,
	"batch_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "demonstration_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"year" smallint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'nominated' NOT NULL,
	"nominated_by" uuid,
	"nominated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"phone_enc" text,
	"phone_bidx" text,
	"region_code" text NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"availability" text DEFAULT 'available' NOT NULL,
	"bio" text,
	"user_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_follow_ups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"note" text,
	"result" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "improvement_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"year" smallint NOT NULL,
	"reason" text NOT NULL,
	"plan" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closing_note" text
);
--> statement-breakpoint
CREATE TABLE "mountain_counties" (
	"region_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_criteria" (
	"region_code" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"weight" integer NOT NULL,
	"full_mark" double precision,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rating_criteria_region_code_key_pk" PRIMARY KEY("region_code","key")
);
--> statement-breakpoint
CREATE TABLE "rating_scores" (
	"rating_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"weight" integer NOT NULL,
	"raw_value" double precision,
	"score" double precision NOT NULL,
	"note" text,
	CONSTRAINT "rating_scores_rating_id_key_pk" PRIMARY KEY("rating_id","key")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"year" smallint NOT NULL,
	"figure" text NOT NULL,
	"value" bigint NOT NULL,
	"note" text,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tech_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"skill" text,
	"status" text DEFAULT 'open' NOT NULL,
	"posted_by" uuid,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expert_id" uuid,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"outcome" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_attendances" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"attended_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_enrolments" (
	"session_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"enrolled_by" uuid,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_enrolments_session_id_worker_id_pk" PRIMARY KEY("session_id","worker_id")
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"workshop_id" uuid,
	"topic" text NOT NULL,
	"skill" text NOT NULL,
	"trainer" text NOT NULL,
	"place" text NOT NULL,
	"session_date" date NOT NULL,
	"capacity" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_skills" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"acquired_on" date NOT NULL,
	"source" text NOT NULL,
	"session_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"year" smallint NOT NULL,
	"score" double precision NOT NULL,
	"stars" smallint NOT NULL,
	"note" text,
	"rated_by" uuid,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collective_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collective_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"household_no" text NOT NULL,
	"head_name" text NOT NULL,
	"shares" integer NOT NULL,
	"worker_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profit_sharing_lines" (
	"run_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"household_no" text NOT NULL,
	"head_name" text NOT NULL,
	"shares" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "profit_sharing_lines_run_id_member_id_pk" PRIMARY KEY("run_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "profit_sharing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"collective_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"period" text NOT NULL,
	"total_fen" bigint NOT NULL,
	"total_shares" bigint NOT NULL,
	"households" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "partner_application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"event_date" date NOT NULL,
	"note" text,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"collective_id" uuid,
	"proposal" text NOT NULL,
	"planned_jobs" integer,
	"planned_investment_fen" bigint,
	"stage" text DEFAULT 'applied' NOT NULL,
	"signed_on" date,
	"workshop_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"collective_id" uuid,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"area_m_2" integer,
	"annual_rent_fen" bigint,
	"labor_available" integer,
	"bundled_region_codes" text[] DEFAULT '{}' NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_phone_enc" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "paysheet_approval_rules" (
	"region_code" text PRIMARY KEY NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paysheet_deductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paysheet_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"code" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"rejected_by" uuid,
	"rejected_at" timestamp with time zone,
	"reject_reason" text
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
	"deductions_fen" bigint DEFAULT 0 NOT NULL,
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
	"deductions_fen" bigint,
	"total_fen" bigint,
	"chain_seq" integer,
	"prev_paysheet_id" uuid,
	"prev_hash" text,
	"hash" text,
	"locked_at" timestamp with time zone,
	"locked_by" uuid,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"approved_by" uuid,
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
CREATE TABLE "cockpit_enterprise_links" (
	"node" text NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"parent" text NOT NULL,
	"first_month" integer NOT NULL,
	CONSTRAINT "cockpit_enterprise_links_node_enterprise_id_pk" PRIMARY KEY("node","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "cockpit_pending_work" (
	"id" bigint PRIMARY KEY NOT NULL
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
	CONSTRAINT "cockpit_worker_months_worker_id_month_workshop_id_region_code_pk" PRIMARY KEY("worker_id","month","workshop_id","region_code")
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
	"low_any" boolean DEFAULT false NOT NULL,
	CONSTRAINT "income_worker_months_worker_id_month_pk" PRIMARY KEY("worker_id","month")
);
--> statement-breakpoint
CREATE TABLE "income_workers" (
	"worker_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"baseline_fen" bigint DEFAULT 0 NOT NULL,
	"low_periods" datemultirange DEFAULT '{}'::datemultirange NOT NULL,
	"first_active_month" integer,
	"female" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"turns60_month" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_returns" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"paid" integer NOT NULL,
	"failed" integer NOT NULL,
	"errors" jsonb NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_templates" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"spec" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "payment_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"region_code" text NOT NULL,
	"workshop_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"paysheet_id" uuid NOT NULL,
	"paysheet_line_id" bigint NOT NULL,
	"worker_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"method" text NOT NULL,
	"account_id" uuid,
	"reference" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"failure_reason" text,
	"settled_on" date,
	"signed_by" text,
	"settled_at" timestamp with time zone,
	"seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payslip_receipts" (
	"paysheet_line_id" bigint PRIMARY KEY NOT NULL,
	"worker_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"detail" jsonb,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" uuid
);
--> statement-breakpoint
CREATE TABLE "worker_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"bank" text NOT NULL,
	"account_type" text NOT NULL,
	"account_number" text,
	"account_number_enc" text,
	"account_number_bidx" text,
	"last4" text NOT NULL,
	"holder_name" text NOT NULL,
	"proxy_reason" text,
	"proxy_approved_by" uuid,
	"proxy_approved_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collectives" ADD CONSTRAINT "collectives_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disability_consents" ADD CONSTRAINT "disability_consents_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_low_income_periods" ADD CONSTRAINT "worker_low_income_periods_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_enterprises" ADD CONSTRAINT "workshop_enterprises_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_enterprises" ADD CONSTRAINT "workshop_enterprises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_members" ADD CONSTRAINT "workshop_members_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_members" ADD CONSTRAINT "workshop_members_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_status_history" ADD CONSTRAINT "workshop_status_history_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_operator_user_id_users_id_fk" FOREIGN KEY ("operator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective_incomes" ADD CONSTRAINT "collective_incomes_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective_incomes" ADD CONSTRAINT "collective_incomes_source_workshop_id_workshops_id_fk" FOREIGN KEY ("source_workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_sessions" ADD CONSTRAINT "sales_sessions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tourism_records" ADD CONSTRAINT "tourism_records_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_records" ADD CONSTRAINT "work_records_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_records" ADD CONSTRAINT "work_records_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_nominations" ADD CONSTRAINT "demonstration_nominations_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_nominations" ADD CONSTRAINT "demonstration_nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_nominations" ADD CONSTRAINT "demonstration_nominations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_follow_ups" ADD CONSTRAINT "improvement_follow_ups_plan_id_improvement_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."improvement_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_plans" ADD CONSTRAINT "improvement_plans_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_plans" ADD CONSTRAINT "improvement_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_scores" ADD CONSTRAINT "rating_scores_rating_id_workshop_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."workshop_ratings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_problems" ADD CONSTRAINT "tech_problems_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_problems" ADD CONSTRAINT "tech_problems_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "training_attendances_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "training_attendances_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ratings" ADD CONSTRAINT "workshop_ratings_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ratings" ADD CONSTRAINT "workshop_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective_members" ADD CONSTRAINT "collective_members_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective_members" ADD CONSTRAINT "collective_members_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_sharing_lines" ADD CONSTRAINT "profit_sharing_lines_run_id_profit_sharing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."profit_sharing_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_sharing_lines" ADD CONSTRAINT "profit_sharing_lines_member_id_collective_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."collective_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profit_sharing_runs" ADD CONSTRAINT "profit_sharing_runs_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_application_events" ADD CONSTRAINT "partner_application_events_application_id_partner_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."partner_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_opportunity_id_partner_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."partner_opportunities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_opportunities" ADD CONSTRAINT "partner_opportunities_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_opportunities" ADD CONSTRAINT "partner_opportunities_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
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
ALTER TABLE "paysheet_adjustments" ADD CONSTRAINT "paysheet_adjustments_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD CONSTRAINT "paysheet_deductions_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD CONSTRAINT "paysheet_deductions_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_lines" ADD CONSTRAINT "paysheet_lines_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_lines" ADD CONSTRAINT "paysheet_lines_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheet_payments" ADD CONSTRAINT "paysheet_payments_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paysheets" ADD CONSTRAINT "paysheets_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_products" ADD CONSTRAINT "workshop_products_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income_workers" ADD CONSTRAINT "income_workers_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_returns" ADD CONSTRAINT "bank_returns_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payslip_receipts" ADD CONSTRAINT "payslip_receipts_paysheet_line_id_paysheet_lines_id_fk" FOREIGN KEY ("paysheet_line_id") REFERENCES "public"."paysheet_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payslip_receipts" ADD CONSTRAINT "payslip_receipts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_accounts" ADD CONSTRAINT "worker_accounts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_subjects_idx" ON "audit_log" USING gin ("subject_ids");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_code_prefix_idx" ON "regions" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "change_history_entity_idx" ON "change_history" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "collectives_region_idx" ON "collectives" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "collectives_credit_code_uq" ON "collectives" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "disability_consents_worker_idx" ON "disability_consents" USING btree ("worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_credit_code_uq" ON "enterprises" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "enterprises_region_idx" ON "enterprises" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "wlip_worker_idx" ON "worker_low_income_periods" USING btree ("worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workers_id_number_uq" ON "workers" USING btree ("id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "workers_id_number_bidx_uq" ON "workers" USING btree ("id_number_bidx");--> statement-breakpoint
CREATE INDEX "workers_phone_bidx_idx" ON "workers" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "workers_id_number_tail_bidx_idx" ON "workers" USING btree ("id_number_tail_bidx");--> statement-breakpoint
CREATE INDEX "workers_phone_tail_bidx_idx" ON "workers" USING btree ("phone_tail_bidx");--> statement-breakpoint
CREATE INDEX "workers_region_idx" ON "workers" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "workers_name_id_idx" ON "workers" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "we_enterprise_idx" ON "workshop_enterprises" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "wm_workshop_idx" ON "workshop_members" USING btree ("workshop_id","worker_id");--> statement-breakpoint
CREATE INDEX "wm_worker_idx" ON "workshop_members" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "wsh_workshop_idx" ON "workshop_status_history" USING btree ("workshop_id","effective_on");--> statement-breakpoint
CREATE INDEX "workshops_region_idx" ON "workshops" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "workshops_operator_idx" ON "workshops" USING btree ("operator_user_id");--> statement-breakpoint
CREATE INDEX "workshops_status_idx" ON "workshops" USING btree ("status");--> statement-breakpoint
CREATE INDEX "collective_incomes_region_idx" ON "collective_incomes" USING btree ("region_code" text_pattern_ops,"income_date");--> statement-breakpoint
CREATE INDEX "collective_incomes_collective_idx" ON "collective_incomes" USING btree ("collective_id","income_date");--> statement-breakpoint
CREATE INDEX "deliveries_workshop_idx" ON "deliveries" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "deliveries_region_idx" ON "deliveries" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sales_sessions_region_idx" ON "sales_sessions" USING btree ("region_code" text_pattern_ops,"session_date");--> statement-breakpoint
CREATE INDEX "sales_sessions_workshop_idx" ON "sales_sessions" USING btree ("workshop_id","session_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_sessions_external_uq" ON "sales_sessions" USING btree ("workshop_id","platform","external_ref");--> statement-breakpoint
CREATE INDEX "tourism_records_region_idx" ON "tourism_records" USING btree ("region_code" text_pattern_ops,"record_date");--> statement-breakpoint
CREATE INDEX "tourism_records_workshop_idx" ON "tourism_records" USING btree ("workshop_id","record_date");--> statement-breakpoint
CREATE INDEX "work_records_workshop_date_idx" ON "work_records" USING btree ("workshop_id","work_date");--> statement-breakpoint
CREATE INDEX "work_records_worker_date_idx" ON "work_records" USING btree ("worker_id","work_date");--> statement-breakpoint
CREATE INDEX "work_records_region_date_idx" ON "work_records" USING btree ("region_code" text_pattern_ops,"work_date");--> statement-breakpoint
CREATE INDEX "work_records_workshop_pay_month_idx" ON "work_records" USING btree ("workshop_id","pay_month");--> statement-breakpoint
CREATE INDEX "work_records_date_id_idx" ON "work_records" USING btree ("work_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "work_records_reversal_of_uq" ON "work_records" USING btree ("reversal_of") WHERE reversal_of is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "demo_nom_ws_year_uq" ON "demonstration_nominations" USING btree ("workshop_id","year");--> statement-breakpoint
CREATE INDEX "demo_nom_region_idx" ON "demonstration_nominations" USING btree ("region_code" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "experts_region_idx" ON "experts" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "experts_user_uq" ON "experts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "experts_phone_bidx_idx" ON "experts" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "improvement_follow_ups_plan_idx" ON "improvement_follow_ups" USING btree ("plan_id","due_on");--> statement-breakpoint
CREATE INDEX "improvement_plans_region_idx" ON "improvement_plans" USING btree ("region_code" text_pattern_ops,"year");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_region_year_figure_uq" ON "targets" USING btree ("region_code","year","figure");--> statement-breakpoint
CREATE INDEX "targets_region_idx" ON "targets" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "tech_problems_region_idx" ON "tech_problems" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "tech_problems_expert_idx" ON "tech_problems" USING btree ("expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendances_session_worker_uq" ON "training_attendances" USING btree ("session_id","worker_id");--> statement-breakpoint
CREATE INDEX "training_attendances_region_idx" ON "training_attendances" USING btree ("region_code" text_pattern_ops,"attended_on");--> statement-breakpoint
CREATE INDEX "training_attendances_worker_idx" ON "training_attendances" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "training_enrolments_worker_idx" ON "training_enrolments" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "training_sessions_region_idx" ON "training_sessions" USING btree ("region_code" text_pattern_ops,"session_date");--> statement-breakpoint
CREATE INDEX "worker_skills_worker_idx" ON "worker_skills" USING btree ("worker_id","skill");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_ratings_ws_year_uq" ON "workshop_ratings" USING btree ("workshop_id","year");--> statement-breakpoint
CREATE INDEX "workshop_ratings_region_idx" ON "workshop_ratings" USING btree ("region_code" text_pattern_ops,"year");--> statement-breakpoint
CREATE UNIQUE INDEX "collective_members_household_uq" ON "collective_members" USING btree ("collective_id","household_no");--> statement-breakpoint
CREATE INDEX "collective_members_region_idx" ON "collective_members" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "profit_sharing_runs_region_idx" ON "profit_sharing_runs" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "profit_sharing_runs_collective_idx" ON "profit_sharing_runs" USING btree ("collective_id","created_at");--> statement-breakpoint
CREATE INDEX "partner_application_events_app_idx" ON "partner_application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_applications_uq" ON "partner_applications" USING btree ("opportunity_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "partner_applications_region_idx" ON "partner_applications" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "partner_applications_enterprise_idx" ON "partner_applications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "partner_opportunities_region_idx" ON "partner_opportunities" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "partner_opportunities_status_idx" ON "partner_opportunities" USING btree ("status","created_at");--> statement-breakpoint
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
CREATE UNIQUE INDEX "paysheet_adjustments_record_uq" ON "paysheet_adjustments" USING btree ("work_record_id");--> statement-breakpoint
CREATE INDEX "paysheet_adjustments_sheet_idx" ON "paysheet_adjustments" USING btree ("paysheet_id");--> statement-breakpoint
CREATE INDEX "paysheet_deductions_sheet_idx" ON "paysheet_deductions" USING btree ("paysheet_id","worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paysheet_lines_sheet_worker_uq" ON "paysheet_lines" USING btree ("paysheet_id","worker_id");--> statement-breakpoint
CREATE INDEX "paysheet_lines_worker_idx" ON "paysheet_lines" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "paysheet_payments_sheet_idx" ON "paysheet_payments" USING btree ("paysheet_id");--> statement-breakpoint
CREATE UNIQUE INDEX "paysheets_workshop_month_uq" ON "paysheets" USING btree ("workshop_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "paysheets_workshop_chain_uq" ON "paysheets" USING btree ("workshop_id","chain_seq");--> statement-breakpoint
CREATE INDEX "paysheets_region_month_idx" ON "paysheets" USING btree ("region_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "workshop_products_workshop_idx" ON "workshop_products" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "cockpit_enterprise_links_parent_idx" ON "cockpit_enterprise_links" USING btree ("parent");--> statement-breakpoint
CREATE INDEX "cockpit_enterprise_links_ent_idx" ON "cockpit_enterprise_links" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "cockpit_sums_parent_idx" ON "cockpit_sums" USING btree ("parent","month");--> statement-breakpoint
CREATE INDEX "cockpit_worker_counts_parent_idx" ON "cockpit_worker_counts" USING btree ("parent","month");--> statement-breakpoint
CREATE INDEX "cockpit_workshop_deltas_parent_idx" ON "cockpit_workshop_deltas" USING btree ("parent","month");--> statement-breakpoint
CREATE INDEX "cockpit_workshop_spans_ws_idx" ON "cockpit_workshop_spans" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "income_worker_months_region_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month");--> statement-breakpoint
CREATE INDEX "income_worker_months_month_idx" ON "income_worker_months" USING btree ("month","region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "income_worker_months_low_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month") WHERE low_any;--> statement-breakpoint
CREATE INDEX "income_worker_months_negative_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month") WHERE earned_fen < 0;--> statement-breakpoint
CREATE INDEX "income_workers_region_idx" ON "income_workers" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "income_workers_low_idx" ON "income_workers" USING btree ("region_code" text_pattern_ops) WHERE low_periods <> '{}'::datemultirange;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_returns_file_uq" ON "bank_returns" USING btree ("batch_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_uq" ON "outbox_messages" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox_messages" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batches_number_uq" ON "payment_batches" USING btree ("number");--> statement-breakpoint
CREATE INDEX "payment_batches_region_idx" ON "payment_batches" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_reference_uq" ON "payment_lines" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_live_uq" ON "payment_lines" USING btree ("paysheet_line_id") WHERE status in ('pending', 'paid');--> statement-breakpoint
CREATE INDEX "payment_lines_batch_idx" ON "payment_lines" USING btree ("batch_id","seq");--> statement-breakpoint
CREATE INDEX "payment_lines_sheet_idx" ON "payment_lines" USING btree ("paysheet_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_notices_dedupe_uq" ON "staff_notices" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "staff_notices_region_idx" ON "staff_notices" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_accounts_current_uq" ON "worker_accounts" USING btree ("worker_id") WHERE retired_at is null;--> statement-breakpoint
CREATE INDEX "worker_accounts_bidx_idx" ON "worker_accounts" USING btree ("account_number_bidx");
--> statement-breakpoint
-- Which key the database is sealed with, and a known value sealed under it: a start with another key stops
-- before changing anything (server/src/vault/store.ts verifyKey).
CREATE TABLE "vault_meta" (
  "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
  "key_id" text NOT NULL,
  "key_check" text NOT NULL,
  "updated_at" timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
-- Functions below call one another; their bodies are checked when they run, as pg_dump restores them.
SET LOCAL check_function_bodies = off;
--> statement-breakpoint
-- 浙江山区26县 (the 26 mountain counties of Zhejiang), GB/T 2260 codes checked against the region tree.
INSERT INTO "mountain_counties" ("region_code", "name") VALUES
  ('330127', '淳安县'), ('330324', '永嘉县'), ('330326', '平阳县'), ('330327', '苍南县'), ('330328', '文成县'),
  ('330329', '泰顺县'), ('330723', '武义县'), ('330727', '磐安县'), ('330802', '柯城区'), ('330803', '衢江区'),
  ('330881', '江山市'), ('330822', '常山县'), ('330824', '开化县'), ('330825', '龙游县'), ('331022', '三门县'),
  ('331023', '天台县'), ('331024', '仙居县'), ('331102', '莲都区'), ('331181', '龙泉市'), ('331121', '青田县'),
  ('331125', '云和县'), ('331126', '庆元县'), ('331122', '缙云县'), ('331123', '遂昌县'), ('331124', '松阳县'),
  ('331127', '景宁畲族自治县')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_notify('gf_auth', TG_TABLE_NAME);
  RETURN NULL;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS auth_changed ON sessions;
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER DELETE OR UPDATE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS auth_changed ON users;
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER DELETE OR UPDATE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS auth_changed ON workshops;
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER INSERT OR DELETE OR UPDATE OF operator_user_id OR TRUNCATE ON workshops FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_apply_spans(w uuid, sgn integer)
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO cockpit_workshop_deltas AS d (node, type, month, parent, delta)
  SELECT n.node, s.type, x.month, n.parent, sgn * sum(x.d)
  FROM cockpit_workshop_spans s
  CROSS JOIN LATERAL (VALUES (s.start_month, 1), (s.end_month, -1)) AS x(month, d)
  CROSS JOIN LATERAL cockpit_nodes(s.region_code, s.workshop_id) n
  WHERE s.workshop_id = w AND x.month IS NOT NULL
  GROUP BY n.node, s.type, x.month, n.parent
  ORDER BY n.node, s.type, x.month
  ON CONFLICT (node, type, month) DO UPDATE SET delta = d.delta + excluded.delta
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_bump(code text, ws uuid, m integer, d_wages bigint DEFAULT 0, d_good bigint DEFAULT 0, d_delivered bigint DEFAULT 0, d_collective bigint DEFAULT 0, d_sales bigint DEFAULT 0, d_orders bigint DEFAULT 0, d_visitors bigint DEFAULT 0, d_tourism bigint DEFAULT 0)
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO cockpit_sums AS s (node, month, parent, level, wages_fen, good_qty, delivered_qty, collective_income_fen,
    sales_fen, sales_orders, tourism_visitors, tourism_revenue_fen)
  SELECT n.node, m, n.parent, n.level, d_wages, d_good, d_delivered, d_collective, d_sales, d_orders, d_visitors, d_tourism
  FROM cockpit_nodes(code, ws) n ORDER BY n.node
  ON CONFLICT (node, month) DO UPDATE SET
    wages_fen = s.wages_fen + excluded.wages_fen,
    good_qty = s.good_qty + excluded.good_qty,
    delivered_qty = s.delivered_qty + excluded.delivered_qty,
    collective_income_fen = s.collective_income_fen + excluded.collective_income_fen,
    sales_fen = s.sales_fen + excluded.sales_fen,
    sales_orders = s.sales_orders + excluded.sales_orders,
    tourism_visitors = s.tourism_visitors + excluded.tourism_visitors,
    tourism_revenue_fen = s.tourism_revenue_fen + excluded.tourism_revenue_fen
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_bump_counts(ks uuid[], sgn integer)
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO cockpit_worker_counts AS c (node, kind, month, prev, parent, n)
  SELECT x.node, x.kind, x.month, x.prev, x.parent, sgn * x.n FROM cockpit_worker_contrib(ks) x
  ORDER BY x.node, x.kind, x.month, x.prev
  ON CONFLICT (node, kind, month, prev) DO UPDATE SET n = c.n + excluded.n
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_collective_incomes_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.source_workshop_id, cockpit_month(OLD.income_date), d_collective => -OLD.amount_fen);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.source_workshop_id, cockpit_month(NEW.income_date), d_collective => NEW.amount_fen);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_compute_spans(w uuid)
 RETURNS TABLE(start_month integer, end_month integer)
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE h record; cur_start integer; has_history boolean := false; ws record;
BEGIN
  SELECT * INTO ws FROM workshops WHERE id = w;
  IF NOT FOUND THEN RETURN; END IF;
  FOR h IN SELECT status, effective_on FROM workshop_status_history WHERE workshop_id = w ORDER BY effective_on, id LOOP
    has_history := true;
    IF h.status = 'operating' AND cur_start IS NULL THEN
      cur_start := cockpit_month(h.effective_on);
    ELSIF h.status <> 'operating' AND cur_start IS NOT NULL THEN
      IF cockpit_month(h.effective_on) > cur_start THEN
        start_month := cur_start; end_month := cockpit_month(h.effective_on); RETURN NEXT;
      END IF;
      cur_start := NULL;
    END IF;
  END LOOP;
  IF NOT has_history AND ws.status = 'operating' THEN
    cur_start := coalesce(cockpit_month(ws.opened_on), 0);
  END IF;
  IF cur_start IS NOT NULL THEN
    start_month := cur_start; end_month := NULL; RETURN NEXT;
  END IF;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_deliveries_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.accepted_on IS NOT NULL AND coalesce(OLD.accepted_qty, 0) <> 0 THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.workshop_id, cockpit_month(OLD.accepted_on), d_delivered => -OLD.accepted_qty::bigint);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.accepted_on IS NOT NULL AND coalesce(NEW.accepted_qty, 0) <> 0 THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.workshop_id, cockpit_month(NEW.accepted_on), d_delivered => NEW.accepted_qty::bigint);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_fold_work(max_lines integer DEFAULT NULL::integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
DECLARE ids bigint[]; ks uuid[]; lo bigint; hi bigint; dense boolean;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM cockpit_pending_work) THEN RETURN 0; END IF;
  -- One folder at a time: the roll-up rows of a region are shared by all its workshops.
  PERFORM pg_advisory_xact_lock(7007, 0);
  -- Only committed ids are visible here; a writer still in flight is folded by the next call.
  IF max_lines IS NULL THEN
    WITH d AS (DELETE FROM cockpit_pending_work RETURNING id) SELECT array_agg(id) INTO ids FROM d;
  ELSE
    WITH d AS (DELETE FROM cockpit_pending_work WHERE id IN (SELECT id FROM cockpit_pending_work ORDER BY id LIMIT max_lines) RETURNING id)
    SELECT array_agg(id) INTO ids FROM d;
  END IF;
  IF ids IS NULL THEN RETURN 0; END IF;
  -- The lines are read by id range (one index range scan) and, only when the ids have gaps, filtered by the
  -- list: a bulk write queues one dense range, and looking up 40,000 ids one by one cost ten times the scan.
  SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;
  dense := hi - lo + 1 = cardinality(ids);

  INSERT INTO cockpit_sums AS s (node, month, parent, level, wages_fen, good_qty)
  SELECT n.node, g.m, n.parent, n.level, sum(g.w), sum(g.q)
  FROM (SELECT r.region_code, r.workshop_id, cockpit_month(r.work_date) AS m, sum(r.amount_fen) AS w, sum(r.good_qty) AS q
        FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2, 3) g
  CROSS JOIN LATERAL cockpit_nodes(g.region_code, g.workshop_id) n
  GROUP BY n.node, g.m, n.parent, n.level
  ORDER BY n.node, g.m
  ON CONFLICT (node, month) DO UPDATE SET wages_fen = s.wages_fen + excluded.wages_fen, good_qty = s.good_qty + excluded.good_qty;

  -- Person counts depend only on which (worker, place, month, kind) sums are positive. While every sum of a
  -- worker is ≥ 0, that is "some row > 0", so only workers with a row crossing zero (or any negative sum,
  -- before or after) need their contributions taken out and put back; everyone else's counts stand.
  WITH d AS (
    SELECT r.worker_id, cockpit_month(r.work_date) AS month, r.workshop_id, r.region_code, sum(r.amount_fen) AS a,
      coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li, coalesce(sum(r.amount_fen) FILTER (WHERE r.disabled), 0) AS di
    FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2, 3, 4)
  SELECT array_agg(DISTINCT d.worker_id ORDER BY d.worker_id) INTO ks
  FROM d LEFT JOIN cockpit_worker_months x
    ON x.worker_id = d.worker_id AND x.month = d.month AND x.workshop_id = d.workshop_id AND x.region_code = d.region_code
  WHERE (coalesce(x.amount_fen, 0) > 0) <> (coalesce(x.amount_fen, 0) + d.a > 0)
     OR (coalesce(x.low_income_fen, 0) > 0) <> (coalesce(x.low_income_fen, 0) + d.li > 0)
     OR (coalesce(x.disabled_fen, 0) > 0) <> (coalesce(x.disabled_fen, 0) + d.di > 0)
     OR least(coalesce(x.amount_fen, 0) + d.a, coalesce(x.low_income_fen, 0) + d.li, coalesce(x.disabled_fen, 0) + d.di) < 0
     OR EXISTS (SELECT 1 FROM cockpit_worker_months y WHERE y.worker_id = d.worker_id AND least(y.amount_fen, y.low_income_fen, y.disabled_fen) < 0);

  IF ks IS NOT NULL THEN PERFORM cockpit_bump_counts(ks, -1); END IF;
  INSERT INTO cockpit_worker_months AS x (worker_id, month, workshop_id, region_code, amount_fen, low_income_fen, disabled_fen)
  SELECT r.worker_id, cockpit_month(r.work_date), r.workshop_id, r.region_code, sum(r.amount_fen),
    coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0), coalesce(sum(r.amount_fen) FILTER (WHERE r.disabled), 0)
  FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids))
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (worker_id, month, workshop_id, region_code) DO UPDATE SET
    amount_fen = x.amount_fen + excluded.amount_fen,
    low_income_fen = x.low_income_fen + excluded.low_income_fen,
    disabled_fen = x.disabled_fen + excluded.disabled_fen;
  IF ks IS NOT NULL THEN PERFORM cockpit_bump_counts(ks, 1); END IF;
  -- Income monitoring folds the same lines (server/src/db/sql/income.sql).
  PERFORM income_fold_records(ids);
  RETURN cardinality(ids);
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_month(d date)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT (extract(year FROM d)::int * 12 + extract(month FROM d)::int - 1)
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_nodes(code text, ws uuid)
 RETURNS TABLE(node text, parent text, level smallint)
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT v.node, v.parent, v.level::smallint FROM (VALUES
    ('', '-', 0),
    (left(code, 2), '', 1),
    (left(code, 4), left(code, 2), 2),
    (left(code, 6), left(code, 4), 3),
    (left(code, 9), left(code, 6), 4),
    (left(code, 12), left(code, 9), 5),
    (ws::text, left(code, 12), 6)
  ) AS v(node, parent, level)
  WHERE (v.level = 0 OR length(code) >= (ARRAY[2, 4, 6, 9, 12, 12])[v.level]) AND (v.level < 6 OR ws IS NOT NULL)
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_rebuild()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock(7007, 0);
  TRUNCATE cockpit_pending_work;
  PERFORM cockpit_rebuild_from_base();
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_rebuild_from_base()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  TRUNCATE cockpit_sums, cockpit_worker_months, cockpit_worker_counts, cockpit_workshop_spans, cockpit_workshop_deltas, cockpit_enterprise_links;
  INSERT INTO cockpit_sums (node, month, parent, level, wages_fen, good_qty, delivered_qty, collective_income_fen,
    sales_fen, sales_orders, tourism_visitors, tourism_revenue_fen)
  SELECT n.node, f.m, n.parent, n.level, sum(f.wages), sum(f.good), sum(f.delivered), sum(f.coll), sum(f.sales), sum(f.orders), sum(f.visitors), sum(f.trev)
  FROM (
    SELECT region_code, workshop_id, cockpit_month(work_date) AS m, sum(amount_fen) AS wages, sum(good_qty) AS good,
      0::bigint AS delivered, 0::bigint AS coll, 0::bigint AS sales, 0::bigint AS orders, 0::bigint AS visitors, 0::bigint AS trev
    FROM work_records GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, workshop_id, cockpit_month(accepted_on), 0, 0, sum(accepted_qty), 0, 0, 0, 0, 0
    FROM deliveries WHERE accepted_on IS NOT NULL AND accepted_qty IS NOT NULL GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, source_workshop_id, cockpit_month(income_date), 0, 0, 0, sum(amount_fen), 0, 0, 0, 0
    FROM collective_incomes GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, workshop_id, cockpit_month(session_date), 0, 0, 0, 0, sum(sales_fen), sum(orders_count), 0, 0
    FROM sales_sessions GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, workshop_id, cockpit_month(record_date), 0, 0, 0, 0, 0, 0, sum(visitors), sum(revenue_fen)
    FROM tourism_records GROUP BY 1, 2, 3
  ) f
  CROSS JOIN LATERAL cockpit_nodes(f.region_code, f.workshop_id) n
  GROUP BY n.node, f.m, n.parent, n.level;

  INSERT INTO cockpit_worker_months (worker_id, month, workshop_id, region_code, amount_fen, low_income_fen, disabled_fen)
  SELECT worker_id, cockpit_month(work_date), workshop_id, region_code, sum(amount_fen),
    coalesce(sum(amount_fen) FILTER (WHERE low_income), 0), coalesce(sum(amount_fen) FILTER (WHERE disabled), 0)
  FROM work_records GROUP BY 1, 2, 3, 4;

  PERFORM cockpit_rebuild_worker_counts();

  INSERT INTO cockpit_workshop_spans (workshop_id, region_code, type, start_month, end_month)
  SELECT w.id, w.region_code, w.type, s.start_month, s.end_month FROM workshops w CROSS JOIN LATERAL cockpit_compute_spans(w.id) s;
  INSERT INTO cockpit_workshop_deltas (node, type, month, parent, delta)
  SELECT n.node, s.type, x.month, n.parent, sum(x.d)
  FROM cockpit_workshop_spans s
  CROSS JOIN LATERAL (VALUES (s.start_month, 1), (s.end_month, -1)) AS x(month, d)
  CROSS JOIN LATERAL cockpit_nodes(s.region_code, s.workshop_id) n
  WHERE x.month IS NOT NULL
  GROUP BY n.node, s.type, x.month, n.parent;

  INSERT INTO cockpit_enterprise_links (node, enterprise_id, parent, first_month)
  SELECT n.node, we.enterprise_id, n.parent, min(coalesce(cockpit_month(we.since), 0))
  FROM workshop_enterprises we JOIN workshops w ON w.id = we.workshop_id
  CROSS JOIN LATERAL cockpit_nodes(w.region_code, w.id) n
  GROUP BY n.node, we.enterprise_id, n.parent;

  PERFORM income_rebuild_from_base();
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_rebuild_worker_counts()
 RETURNS void
 LANGUAGE sql
AS $function$
  DELETE FROM cockpit_worker_counts;
  INSERT INTO cockpit_worker_counts (node, kind, month, prev, parent, n)
  SELECT b.node, b.kind, b.month, b.prev, b.parent, count(*)
  FROM (
    SELECT a.node, a.parent, a.kind, a.month,
      coalesce(lag(a.month) OVER (PARTITION BY a.node, a.kind, a.worker_id ORDER BY a.month), -1) AS prev
    FROM (
      SELECT
        CASE l.level WHEN 0 THEN '' WHEN 6 THEN wm.workshop_id::text ELSE left(wm.region_code, (ARRAY[2, 4, 6, 9, 12])[l.level]) END AS node,
        CASE l.level WHEN 0 THEN '-' WHEN 1 THEN '' WHEN 6 THEN left(wm.region_code, 12) ELSE left(wm.region_code, (ARRAY[2, 4, 6, 9])[l.level - 1]) END AS parent,
        k.kind, wm.worker_id, wm.month
      FROM cockpit_worker_months wm
      CROSS JOIN (VALUES (0::smallint), (1::smallint), (2::smallint), (3::smallint), (4::smallint), (5::smallint), (6::smallint)) AS l(level)
      CROSS JOIN (VALUES (0::smallint), (1::smallint), (2::smallint)) AS k(kind)
      WHERE (l.level IN (0, 6) OR length(wm.region_code) >= (ARRAY[2, 4, 6, 9, 12])[l.level])
        AND CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END <> 0
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END) > 0
    ) a
  ) b
  GROUP BY b.node, b.kind, b.month, b.prev, b.parent;
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_refresh_enterprise(e uuid)
 RETURNS void
 LANGUAGE sql
AS $function$
  DELETE FROM cockpit_enterprise_links WHERE enterprise_id = e;
  INSERT INTO cockpit_enterprise_links (node, enterprise_id, parent, first_month)
  SELECT n.node, e, n.parent, min(coalesce(cockpit_month(we.since), 0))
  FROM workshop_enterprises we JOIN workshops w ON w.id = we.workshop_id
  CROSS JOIN LATERAL cockpit_nodes(w.region_code, w.id) n
  WHERE we.enterprise_id = e
  GROUP BY n.node, n.parent;
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_refresh_workshop(w uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM cockpit_apply_spans(w, -1);
  DELETE FROM cockpit_workshop_spans WHERE workshop_id = w;
  INSERT INTO cockpit_workshop_spans (workshop_id, region_code, type, start_month, end_month)
  SELECT w, ws.region_code, ws.type, s.start_month, s.end_month
  FROM workshops ws CROSS JOIN LATERAL cockpit_compute_spans(w) s WHERE ws.id = w;
  PERFORM cockpit_apply_spans(w, 1);
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_sales_sessions_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.workshop_id, cockpit_month(OLD.session_date), d_sales => -OLD.sales_fen, d_orders => -OLD.orders_count::bigint);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.workshop_id, cockpit_month(NEW.session_date), d_sales => NEW.sales_fen, d_orders => NEW.orders_count::bigint);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_status_history_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM cockpit_refresh_workshop(OLD.workshop_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.workshop_id <> OLD.workshop_id OR NEW.status <> OLD.status OR NEW.effective_on <> OLD.effective_on) THEN
    PERFORM cockpit_refresh_workshop(NEW.workshop_id);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_tourism_records_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.workshop_id, cockpit_month(OLD.record_date), d_visitors => -OLD.visitors::bigint, d_tourism => -OLD.revenue_fen);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.workshop_id, cockpit_month(NEW.record_date), d_visitors => NEW.visitors::bigint, d_tourism => NEW.revenue_fen);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_work_records_ins_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO cockpit_pending_work (id) SELECT id FROM new_rows;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_worker_contrib(ks uuid[])
 RETURNS TABLE(node text, parent text, kind smallint, month integer, prev integer, n bigint)
 LANGUAGE sql
 STABLE
AS $function$
  SELECT b.node, b.parent, b.kind, b.month, b.prev, count(*)
  FROM (
    SELECT a.node, a.parent, a.kind, a.month,
      coalesce(lag(a.month) OVER (PARTITION BY a.node, a.kind, a.worker_id ORDER BY a.month), -1) AS prev
    FROM (
      SELECT
        CASE l.level WHEN 0 THEN '' WHEN 6 THEN wm.workshop_id::text ELSE left(wm.region_code, (ARRAY[2, 4, 6, 9, 12])[l.level]) END AS node,
        CASE l.level WHEN 0 THEN '-' WHEN 1 THEN '' WHEN 6 THEN left(wm.region_code, 12) ELSE left(wm.region_code, (ARRAY[2, 4, 6, 9])[l.level - 1]) END AS parent,
        k.kind, wm.worker_id, wm.month
      FROM cockpit_worker_months wm
      CROSS JOIN (VALUES (0::smallint), (1::smallint), (2::smallint), (3::smallint), (4::smallint), (5::smallint), (6::smallint)) AS l(level)
      CROSS JOIN (VALUES (0::smallint), (1::smallint), (2::smallint)) AS k(kind)
      WHERE wm.worker_id = ANY (ks)
        AND (l.level IN (0, 6) OR length(wm.region_code) >= (ARRAY[2, 4, 6, 9, 12])[l.level])
        AND CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END <> 0
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END) > 0
    ) a
  ) b
  GROUP BY b.node, b.parent, b.kind, b.month, b.prev
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_workshop_enterprises_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM cockpit_refresh_enterprise(OLD.enterprise_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.enterprise_id <> OLD.enterprise_id OR NEW.since IS DISTINCT FROM OLD.since OR NEW.workshop_id <> OLD.workshop_id) THEN
    PERFORM cockpit_refresh_enterprise(NEW.enterprise_id);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_workshops_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE e uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM cockpit_apply_spans(OLD.id, -1);
    DELETE FROM cockpit_workshop_spans WHERE workshop_id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.type IS NOT DISTINCT FROM OLD.type
     AND NEW.region_code IS NOT DISTINCT FROM OLD.region_code AND NEW.opened_on IS NOT DISTINCT FROM OLD.opened_on THEN
    RETURN NULL;
  END IF;
  PERFORM cockpit_refresh_workshop(NEW.id);
  IF TG_OP = 'UPDATE' AND NEW.region_code IS DISTINCT FROM OLD.region_code THEN
    FOR e IN SELECT enterprise_id FROM workshop_enterprises WHERE workshop_id = NEW.id LOOP
      PERFORM cockpit_refresh_enterprise(e);
    END LOOP;
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_collective_incomes ON collective_incomes;
--> statement-breakpoint
CREATE TRIGGER cockpit_collective_incomes AFTER INSERT OR DELETE OR UPDATE ON collective_incomes FOR EACH ROW EXECUTE FUNCTION cockpit_collective_incomes_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_deliveries ON deliveries;
--> statement-breakpoint
CREATE TRIGGER cockpit_deliveries AFTER INSERT OR DELETE OR UPDATE ON deliveries FOR EACH ROW EXECUTE FUNCTION cockpit_deliveries_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_sales_sessions ON sales_sessions;
--> statement-breakpoint
CREATE TRIGGER cockpit_sales_sessions AFTER INSERT OR DELETE OR UPDATE ON sales_sessions FOR EACH ROW EXECUTE FUNCTION cockpit_sales_sessions_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_tourism_records ON tourism_records;
--> statement-breakpoint
CREATE TRIGGER cockpit_tourism_records AFTER INSERT OR DELETE OR UPDATE ON tourism_records FOR EACH ROW EXECUTE FUNCTION cockpit_tourism_records_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_work_records_ins ON work_records;
--> statement-breakpoint
CREATE TRIGGER cockpit_work_records_ins AFTER INSERT ON work_records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_work_records_ins_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_workshop_enterprises ON workshop_enterprises;
--> statement-breakpoint
CREATE TRIGGER cockpit_workshop_enterprises AFTER INSERT OR DELETE OR UPDATE ON workshop_enterprises FOR EACH ROW EXECUTE FUNCTION cockpit_workshop_enterprises_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_status_history ON workshop_status_history;
--> statement-breakpoint
CREATE TRIGGER cockpit_status_history AFTER INSERT OR DELETE OR UPDATE ON workshop_status_history FOR EACH ROW EXECUTE FUNCTION cockpit_status_history_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_workshops ON workshops;
--> statement-breakpoint
CREATE TRIGGER cockpit_workshops AFTER INSERT OR DELETE OR UPDATE ON workshops FOR EACH ROW EXECUTE FUNCTION cockpit_workshops_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_profit_sharing_line_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF EXISTS (SELECT 1 FROM profit_sharing_runs r WHERE r.id = COALESCE(NEW.run_id, OLD.run_id) AND r.status = 'confirmed') THEN
    RAISE EXCEPTION 'lines of a confirmed profit-sharing run cannot be changed' USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_profit_sharing_run_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF OLD.status = 'confirmed' THEN
    RAISE EXCEPTION 'profit-sharing run % is confirmed and cannot be changed', OLD.id USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE DELETE OR UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS profit_sharing_lines_immutable ON profit_sharing_lines;
--> statement-breakpoint
CREATE TRIGGER profit_sharing_lines_immutable BEFORE INSERT OR DELETE OR UPDATE ON profit_sharing_lines FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_line_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS profit_sharing_runs_immutable ON profit_sharing_runs;
--> statement-breakpoint
CREATE TRIGGER profit_sharing_runs_immutable BEFORE DELETE OR UPDATE ON profit_sharing_runs FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_run_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_paid_ledger_line_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF EXISTS (SELECT 1 FROM paysheets p WHERE p.id = OLD.paysheet_id AND p.status = 'paid') THEN
    RAISE EXCEPTION 'the wage ledger of a paid month cannot be changed (pay sheet %)', OLD.paysheet_id USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_paid_sheet_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF OLD.status = 'paid' AND (TG_OP = 'DELETE' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.total_fen IS DISTINCT FROM OLD.total_fen
      OR NEW.gross_fen IS DISTINCT FROM OLD.gross_fen OR NEW.adjustments_fen IS DISTINCT FROM OLD.adjustments_fen OR NEW.hash IS DISTINCT FROM OLD.hash
      OR NEW.worker_count IS DISTINCT FROM OLD.worker_count OR NEW.month IS DISTINCT FROM OLD.month OR NEW.workshop_id IS DISTINCT FROM OLD.workshop_id) THEN
    RAISE EXCEPTION 'pay sheet % is paid: its ledger figures cannot be changed', OLD.id USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_paid_transfer_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF OLD.status = 'paid' THEN
    RAISE EXCEPTION 'payment line % is paid and cannot be changed', OLD.id USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_locked_deduction_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF EXISTS (SELECT 1 FROM paysheets p WHERE p.id IN (NEW.paysheet_id, OLD.paysheet_id) AND p.status IN ('locked', 'paid')) THEN
    RAISE EXCEPTION 'the deductions of a locked pay sheet cannot be changed (pay sheet %)', COALESCE(OLD.paysheet_id, NEW.paysheet_id) USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheet_deductions_locked ON paysheet_deductions;
--> statement-breakpoint
CREATE TRIGGER paysheet_deductions_locked BEFORE INSERT OR DELETE OR UPDATE ON paysheet_deductions FOR EACH ROW EXECUTE FUNCTION gf_locked_deduction_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheet_lines_paid_ledger ON paysheet_lines;
--> statement-breakpoint
CREATE TRIGGER paysheet_lines_paid_ledger BEFORE DELETE OR UPDATE ON paysheet_lines FOR EACH ROW EXECUTE FUNCTION gf_paid_ledger_line_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheets_paid_ledger ON paysheets;
--> statement-breakpoint
CREATE TRIGGER paysheets_paid_ledger BEFORE DELETE OR UPDATE ON paysheets FOR EACH ROW EXECUTE FUNCTION gf_paid_sheet_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS payment_lines_paid ON payment_lines;
--> statement-breakpoint
CREATE TRIGGER payment_lines_paid BEFORE DELETE OR UPDATE ON payment_lines FOR EACH ROW EXECUTE FUNCTION gf_paid_transfer_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_payment_lines_refs()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  bad bigint;
BEGIN
  -- Counts, not EXISTS: planned for the first row, EXISTS looks up 500,000 lines one by one; a count lets the
  -- planner hash-join a large insert and still use the indexes for a small one.
  SELECT count(*) INTO bad FROM (SELECT DISTINCT batch_id FROM gf_new_lines) n
    WHERE NOT EXISTS (SELECT 1 FROM payment_batches b WHERE b.id = n.batch_id);
  IF bad > 0 THEN
    RAISE EXCEPTION 'payment lines refer to a payment batch that does not exist' USING ERRCODE = '23503';
  END IF;
  SELECT count(*) INTO bad FROM gf_new_lines n
    WHERE n.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM worker_accounts a WHERE a.id = n.account_id);
  IF bad > 0 THEN
    RAISE EXCEPTION '% payment line(s) refer to a worker account that does not exist', bad USING ERRCODE = '23503';
  END IF;
  SELECT count(*) INTO bad FROM gf_new_lines n
    WHERE NOT EXISTS (SELECT 1 FROM paysheet_lines l WHERE l.id = n.paysheet_line_id AND l.paysheet_id = n.paysheet_id AND l.worker_id = n.worker_id);
  IF bad > 0 THEN
    RAISE EXCEPTION '% payment line(s) refer to a pay-sheet line that does not exist (or of another sheet or worker)', bad USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_payment_parent_delete_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  found_one boolean;
BEGIN
  IF TG_TABLE_NAME = 'payment_batches' THEN
    SELECT true INTO found_one FROM gf_gone g JOIN payment_lines x ON x.batch_id = g.id LIMIT 1;
  ELSIF TG_TABLE_NAME = 'worker_accounts' THEN
    SELECT true INTO found_one FROM gf_gone g JOIN payment_lines x ON x.account_id = g.id LIMIT 1;
  ELSE
    SELECT true INTO found_one FROM gf_gone g JOIN payment_lines x ON x.paysheet_id = g.paysheet_id AND x.paysheet_line_id = g.id LIMIT 1;
  END IF;
  IF found_one THEN
    RAISE EXCEPTION 'a row of % with payment lines cannot be deleted', TG_TABLE_NAME USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_key_unchanged()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  col text;
BEGIN
  -- The trigger's arguments name the key columns; written here, not as a WHEN clause, which PostgreSQL versions
  -- print differently (the test compares the live definitions with this file).
  FOREACH col IN ARRAY TG_ARGV LOOP
    IF to_jsonb(OLD) -> col IS DISTINCT FROM to_jsonb(NEW) -> col THEN
      RAISE EXCEPTION 'the key of a row of % does not change (%)', TG_TABLE_NAME, col USING ERRCODE = '23503';
    END IF;
  END LOOP;
  RETURN NEW;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS payment_lines_refs ON payment_lines;
--> statement-breakpoint
CREATE TRIGGER payment_lines_refs AFTER INSERT ON payment_lines REFERENCING NEW TABLE AS gf_new_lines FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_lines_refs();
--> statement-breakpoint
DROP TRIGGER IF EXISTS payment_lines_refs_unchanged ON payment_lines;
--> statement-breakpoint
CREATE TRIGGER payment_lines_refs_unchanged BEFORE UPDATE OF batch_id, account_id, paysheet_id, paysheet_line_id, worker_id ON payment_lines FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('batch_id', 'account_id', 'paysheet_id', 'paysheet_line_id', 'worker_id');
--> statement-breakpoint
DROP TRIGGER IF EXISTS payment_batches_lines_kept ON payment_batches;
--> statement-breakpoint
CREATE TRIGGER payment_batches_lines_kept AFTER DELETE ON payment_batches REFERENCING OLD TABLE AS gf_gone FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_parent_delete_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS worker_accounts_lines_kept ON worker_accounts;
--> statement-breakpoint
CREATE TRIGGER worker_accounts_lines_kept AFTER DELETE ON worker_accounts REFERENCING OLD TABLE AS gf_gone FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_parent_delete_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheet_lines_payments_kept ON paysheet_lines;
--> statement-breakpoint
CREATE TRIGGER paysheet_lines_payments_kept AFTER DELETE ON paysheet_lines REFERENCING OLD TABLE AS gf_gone FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_parent_delete_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS payment_batches_key_unchanged ON payment_batches;
--> statement-breakpoint
CREATE TRIGGER payment_batches_key_unchanged BEFORE UPDATE OF id ON payment_batches FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('id');
--> statement-breakpoint
DROP TRIGGER IF EXISTS worker_accounts_key_unchanged ON worker_accounts;
--> statement-breakpoint
CREATE TRIGGER worker_accounts_key_unchanged BEFORE UPDATE OF id ON worker_accounts FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('id');
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheet_lines_key_unchanged ON paysheet_lines;
--> statement-breakpoint
CREATE TRIGGER paysheet_lines_key_unchanged BEFORE UPDATE OF id, paysheet_id, worker_id ON paysheet_lines FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('id', 'paysheet_id', 'worker_id');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_month_start(m integer)
 RETURNS date
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT make_date(m / 12, m % 12 + 1, 1)
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_refresh_workers(ws uuid[])
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO income_workers AS iw (worker_id, region_code, baseline_fen, low_periods, first_active_month, female, disabled, turns60_month)
  SELECT w.id, w.region_code, w.baseline_monthly_income_fen,
    coalesce((SELECT range_agg(daterange(p.start_on, p.end_on, '[]')) FROM worker_low_income_periods p
              WHERE p.worker_id = w.id AND (p.end_on IS NULL OR p.end_on >= p.start_on)), '{}'::datemultirange),
    (SELECT min(y.month) FROM income_worker_months y WHERE y.worker_id = w.id AND y.earned_fen > 0),
    w.sex = 'F', w.disability_grade_enc IS NOT NULL OR w.disability_grade IS NOT NULL, cockpit_month(w.birth_date) + 720
  FROM workers w WHERE w.id = ANY (ws) ORDER BY w.id
  ON CONFLICT (worker_id) DO UPDATE SET region_code = excluded.region_code, baseline_fen = excluded.baseline_fen,
    low_periods = excluded.low_periods, first_active_month = excluded.first_active_month, female = excluded.female,
    disabled = excluded.disabled, turns60_month = excluded.turns60_month
  WHERE (iw.region_code, iw.baseline_fen, iw.low_periods, iw.first_active_month, iw.female, iw.disabled, iw.turns60_month)
    IS DISTINCT FROM (excluded.region_code, excluded.baseline_fen, excluded.low_periods, excluded.first_active_month,
      excluded.female, excluded.disabled, excluded.turns60_month);
  -- low_any: registered low-income periods, or low-income lines in some month (the cohort's candidates).
  UPDATE income_worker_months y SET region_code = w.region_code, baseline_fen = w.baseline_monthly_income_fen, low_any = l.low
  FROM workers w
  JOIN income_workers iw ON iw.worker_id = w.id
  CROSS JOIN LATERAL (SELECT iw.low_periods <> '{}'::datemultirange
    OR EXISTS (SELECT 1 FROM income_worker_months z WHERE z.worker_id = w.id AND z.low_line_fen <> 0) AS low) l
  WHERE w.id = ANY (ws) AND y.worker_id = w.id
    AND (y.region_code <> w.region_code OR y.baseline_fen <> w.baseline_monthly_income_fen OR y.low_any <> l.low);
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_region_bump(ws uuid[], sgn integer)
 RETURNS void
 LANGUAGE sql
AS $function$
  -- Adds (sgn 1) or takes out (sgn -1) the workers' months with earnings > 0 at every node above their home
  -- village: callers take a worker out before changing their rows and put them back after.
  INSERT INTO income_region_months AS r (node, month, prev, female, disabled, turns60, workers, earned_fen, baseline_fen)
  SELECT n.node, a.month, a.prev, a.female, a.disabled, a.turns60, sgn * count(*), sgn * sum(a.earned_fen), sgn * sum(a.baseline_fen)
  FROM (SELECT y.month, y.region_code, y.earned_fen, y.baseline_fen, iw.female, iw.disabled,
          coalesce(lag(y.month) OVER (PARTITION BY y.worker_id ORDER BY y.month), -1) AS prev,
          CASE WHEN iw.turns60_month <= y.month THEN 0 WHEN iw.turns60_month > y.month + 239 THEN 2147483647
               ELSE iw.turns60_month END AS turns60
        FROM income_worker_months y JOIN income_workers iw ON iw.worker_id = y.worker_id
        WHERE y.worker_id = ANY (ws) AND y.earned_fen > 0) a
  CROSS JOIN LATERAL (VALUES (0, ''), (2, left(a.region_code, 2)), (4, left(a.region_code, 4)), (6, left(a.region_code, 6)),
    (9, left(a.region_code, 9)), (12, left(a.region_code, 12))) AS n(len, node)
  WHERE length(a.region_code) >= n.len
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (node, month, prev, female, disabled, turns60) DO UPDATE SET workers = r.workers + excluded.workers,
    earned_fen = r.earned_fen + excluded.earned_fen, baseline_fen = r.baseline_fen + excluded.baseline_fen
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_rebuild_regions()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE chunk uuid[];
BEGIN
  -- Cohort attributes and low_any from the base tables, then the region roll-up from the worker months.
  UPDATE income_workers iw SET female = w.sex = 'F', disabled = w.disability_grade_enc IS NOT NULL OR w.disability_grade IS NOT NULL,
    turns60_month = cockpit_month(w.birth_date) + 720
  FROM workers w WHERE w.id = iw.worker_id;
  -- Joins, not IN (subquery): a province's candidates overflow work_mem, and an unhashed IN rescans them per row.
  UPDATE income_worker_months y SET low_any = l.low
  FROM (SELECT z.worker_id, bool_or(z.low_line_fen <> 0) OR bool_or(iw.low_periods <> '{}'::datemultirange) AS low
        FROM income_worker_months z JOIN income_workers iw ON iw.worker_id = z.worker_id GROUP BY z.worker_id) l
  WHERE l.worker_id = y.worker_id AND y.low_any <> l.low;
  TRUNCATE income_region_months;
  FOR chunk IN SELECT array_agg(worker_id ORDER BY worker_id) FROM (SELECT worker_id, (row_number() OVER (ORDER BY worker_id) - 1) / 20000 AS k
                 FROM income_workers WHERE first_active_month IS NOT NULL) c GROUP BY k ORDER BY k LOOP
    PERFORM income_region_bump(chunk, 1);
  END LOOP;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_fold_records(ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE ws uuid[]; lo bigint; hi bigint; dense boolean;
BEGIN
  -- Called by cockpit_fold_work() under its advisory lock with the ids it took off the queue. Lines are read
  -- by id range, filtered by the list only when it has gaps (as in cockpit_fold_work).
  SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;
  dense := hi - lo + 1 = cardinality(ids);
  SELECT array_agg(DISTINCT r.worker_id ORDER BY r.worker_id) INTO ws FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids));
  IF ws IS NULL THEN RETURN; END IF;
  PERFORM income_region_bump(ws, -1);
  INSERT INTO income_worker_months AS x (worker_id, month, region_code, baseline_fen, earned_fen, low_line_fen, records)
  SELECT g.worker_id, g.month, w.region_code, w.baseline_monthly_income_fen, g.a, g.li, g.n
  FROM (SELECT r.worker_id, cockpit_month(r.work_date) AS month, sum(r.amount_fen) AS a,
          coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li,
          sum(CASE WHEN r.reversal_of IS NULL THEN 1 ELSE -1 END)::int AS n
        FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2) g
  JOIN workers w ON w.id = g.worker_id
  ORDER BY 1, 2
  ON CONFLICT (worker_id, month) DO UPDATE SET
    earned_fen = x.earned_fen + excluded.earned_fen,
    low_line_fen = x.low_line_fen + excluded.low_line_fen,
    records = x.records + excluded.records;

  -- Days with net earnings > 0 are not additive: recount the touched worker-months (index on worker, date).
  UPDATE income_worker_months x SET days = d.n
  FROM (SELECT t.worker_id, t.month,
          (SELECT count(*) FROM (SELECT 1 FROM work_records r
                                 WHERE r.worker_id = t.worker_id AND r.work_date >= income_month_start(t.month)
                                   AND r.work_date < income_month_start(t.month + 1)
                                 GROUP BY r.work_date HAVING sum(r.amount_fen) > 0) z)::int AS n
        FROM (SELECT DISTINCT r.worker_id, cockpit_month(r.work_date) AS month FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids))) t) d
  WHERE x.worker_id = d.worker_id AND x.month = d.month AND x.days <> d.n;

  PERFORM income_refresh_workers(ws);
  PERFORM income_region_bump(ws, 1);
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_rebuild_from_base()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  TRUNCATE income_worker_months, income_workers, income_region_months;
  INSERT INTO income_worker_months (worker_id, month, region_code, baseline_fen, earned_fen, low_line_fen, records, days)
  SELECT d.worker_id, cockpit_month(d.work_date), w.region_code, w.baseline_monthly_income_fen, sum(d.a), sum(d.li), sum(d.n),
    count(*) FILTER (WHERE d.a > 0)
  FROM (SELECT r.worker_id, r.work_date, sum(r.amount_fen) AS a, coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li,
          sum(CASE WHEN r.reversal_of IS NULL THEN 1 ELSE -1 END) AS n
        FROM work_records r GROUP BY 1, 2) d
  JOIN workers w ON w.id = d.worker_id
  GROUP BY d.worker_id, cockpit_month(d.work_date), w.region_code, w.baseline_monthly_income_fen;
  INSERT INTO income_workers (worker_id, region_code, baseline_fen, low_periods, first_active_month)
  SELECT w.id, w.region_code, w.baseline_monthly_income_fen, coalesce(p.periods, '{}'::datemultirange), f.m
  FROM workers w
  LEFT JOIN (SELECT worker_id, range_agg(daterange(start_on, end_on, '[]')) AS periods FROM worker_low_income_periods
             WHERE end_on IS NULL OR end_on >= start_on GROUP BY 1) p ON p.worker_id = w.id
  LEFT JOIN (SELECT worker_id, min(month) AS m FROM income_worker_months WHERE earned_fen > 0 GROUP BY 1) f ON f.worker_id = w.id;
  PERFORM income_rebuild_regions();
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_workers_ins_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM income_refresh_workers(ARRAY(SELECT id FROM new_rows ORDER BY id));
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_workers_upd_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock(7007, 0);
  PERFORM income_region_bump(ARRAY[NEW.id], -1);
  PERFORM income_refresh_workers(ARRAY[NEW.id]);
  PERFORM income_region_bump(ARRAY[NEW.id], 1);
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_low_income_periods_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock(7007, 0);
  IF TG_OP = 'INSERT' THEN
    PERFORM income_refresh_workers(ARRAY[NEW.worker_id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM income_refresh_workers(ARRAY[OLD.worker_id]);
  ELSE
    PERFORM income_refresh_workers(ARRAY[OLD.worker_id, NEW.worker_id]);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS income_workers_ins ON workers;
--> statement-breakpoint
CREATE TRIGGER income_workers_ins AFTER INSERT ON workers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION income_workers_ins_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS income_workers_upd ON workers;
--> statement-breakpoint
CREATE TRIGGER income_workers_upd AFTER UPDATE OF baseline_monthly_income_fen, region_code, sex, birth_date, disability_grade_enc, disability_grade ON workers FOR EACH ROW WHEN (((old.baseline_monthly_income_fen IS DISTINCT FROM new.baseline_monthly_income_fen) OR (old.region_code IS DISTINCT FROM new.region_code) OR (old.sex IS DISTINCT FROM new.sex) OR (old.birth_date IS DISTINCT FROM new.birth_date) OR (((old.disability_grade_enc IS NULL) AND (old.disability_grade IS NULL)) <> ((new.disability_grade_enc IS NULL) AND (new.disability_grade IS NULL))))) EXECUTE FUNCTION income_workers_upd_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS income_low_income_periods ON worker_low_income_periods;
--> statement-breakpoint
CREATE TRIGGER income_low_income_periods AFTER INSERT OR DELETE OR UPDATE ON worker_low_income_periods FOR EACH ROW EXECUTE FUNCTION income_low_income_periods_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_records_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'work_records is append-only: correct a line with a reversing line' USING ERRCODE = '55000';
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_records_fill_pay_month()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW.pay_month IS NULL THEN
    NEW.pay_month := to_char(NEW.work_date, 'YYYY-MM');
  END IF;
  RETURN NEW;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_records_months_open(locked text[])
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF locked IS NOT NULL AND cardinality(locked) > 0 THEN
    RAISE EXCEPTION 'pay sheet locked: %', array_to_string(locked, ', ')
      USING ERRCODE = 'GF409', DETAIL = array_to_string(locked, ',');
  END IF;
  RETURN true;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS work_records_append_only ON work_records;
--> statement-breakpoint
CREATE TRIGGER work_records_append_only BEFORE DELETE OR UPDATE ON work_records FOR EACH ROW EXECUTE FUNCTION work_records_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS work_records_fill_pay_month ON work_records;
--> statement-breakpoint
CREATE TRIGGER work_records_fill_pay_month BEFORE INSERT ON work_records FOR EACH ROW WHEN ((new.pay_month IS NULL)) EXECUTE FUNCTION work_records_fill_pay_month();
