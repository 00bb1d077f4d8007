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
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "collectives" ADD CONSTRAINT "collectives_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disability_consents" ADD CONSTRAINT "disability_consents_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "worker_low_income_periods" ADD CONSTRAINT "worker_low_income_periods_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_enterprises" ADD CONSTRAINT "workshop_enterprises_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_enterprises" ADD CONSTRAINT "workshop_enterprises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_members" ADD CONSTRAINT "workshop_members_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_members" ADD CONSTRAINT "workshop_members_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_status_history" ADD CONSTRAINT "workshop_status_history_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_operator_user_id_users_id_fk" FOREIGN KEY ("operator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "collective_incomes" ADD CONSTRAINT "collective_incomes_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "collective_incomes" ADD CONSTRAINT "collective_incomes_source_workshop_id_workshops_id_fk" FOREIGN KEY ("source_workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "sales_sessions" ADD CONSTRAINT "sales_sessions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tourism_records" ADD CONSTRAINT "tourism_records_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_records" ADD CONSTRAINT "work_records_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "work_records" ADD CONSTRAINT "work_records_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "demonstration_nominations" ADD CONSTRAINT "demonstration_nominations_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "demonstration_nominations" ADD CONSTRAINT "demonstration_nominations_nominated_by_users_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "demonstration_nominations" ADD CONSTRAINT "demonstration_nominations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "improvement_follow_ups" ADD CONSTRAINT "improvement_follow_ups_plan_id_improvement_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."improvement_plans"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "improvement_plans" ADD CONSTRAINT "improvement_plans_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "improvement_plans" ADD CONSTRAINT "improvement_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "rating_scores" ADD CONSTRAINT "rating_scores_rating_id_workshop_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."workshop_ratings"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tech_problems" ADD CONSTRAINT "tech_problems_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tech_problems" ADD CONSTRAINT "tech_problems_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "training_attendances_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "training_attendances" ADD CONSTRAINT "training_attendances_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "training_enrolments" ADD CONSTRAINT "training_enrolments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "worker_skills" ADD CONSTRAINT "worker_skills_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_ratings" ADD CONSTRAINT "workshop_ratings_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_ratings" ADD CONSTRAINT "workshop_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "collective_members" ADD CONSTRAINT "collective_members_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "collective_members" ADD CONSTRAINT "collective_members_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "profit_sharing_lines" ADD CONSTRAINT "profit_sharing_lines_run_id_profit_sharing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."profit_sharing_runs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "profit_sharing_lines" ADD CONSTRAINT "profit_sharing_lines_member_id_collective_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."collective_members"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "profit_sharing_runs" ADD CONSTRAINT "profit_sharing_runs_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_application_events" ADD CONSTRAINT "partner_application_events_application_id_partner_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."partner_applications"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_opportunity_id_partner_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."partner_opportunities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_applications" ADD CONSTRAINT "partner_applications_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_opportunities" ADD CONSTRAINT "partner_opportunities_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "partner_opportunities" ADD CONSTRAINT "partner_opportunities_collective_id_collectives_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collectives"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_allocation_id_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."allocations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "dispute_notes" ADD CONSTRAINT "dispute_notes_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_mediator_user_id_users_id_fk" FOREIGN KEY ("mediator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "order_status_history" ADD CONSTRAINT "order_status_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paysheet_adjustments" ADD CONSTRAINT "paysheet_adjustments_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD CONSTRAINT "paysheet_deductions_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paysheet_deductions" ADD CONSTRAINT "paysheet_deductions_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paysheet_lines" ADD CONSTRAINT "paysheet_lines_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paysheet_lines" ADD CONSTRAINT "paysheet_lines_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paysheet_payments" ADD CONSTRAINT "paysheet_payments_paysheet_id_paysheets_id_fk" FOREIGN KEY ("paysheet_id") REFERENCES "public"."paysheets"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "paysheets" ADD CONSTRAINT "paysheets_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "workshop_products" ADD CONSTRAINT "workshop_products_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "income_workers" ADD CONSTRAINT "income_workers_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "bank_returns" ADD CONSTRAINT "bank_returns_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payslip_receipts" ADD CONSTRAINT "payslip_receipts_paysheet_line_id_paysheet_lines_id_fk" FOREIGN KEY ("paysheet_line_id") REFERENCES "public"."paysheet_lines"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payslip_receipts" ADD CONSTRAINT "payslip_receipts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "worker_accounts" ADD CONSTRAINT "worker_accounts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "audit_target_idx" ON "audit_log" USING btree ("target_type","target_id");
--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");
--> statement-breakpoint
CREATE INDEX "audit_subjects_idx" ON "audit_log" USING gin ("subject_ids");
--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");
--> statement-breakpoint
CREATE INDEX "regions_code_prefix_idx" ON "regions" USING btree ("code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");
--> statement-breakpoint
CREATE INDEX "change_history_entity_idx" ON "change_history" USING btree ("entity_type","entity_id");
--> statement-breakpoint
CREATE INDEX "collectives_region_idx" ON "collectives" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE UNIQUE INDEX "collectives_credit_code_uq" ON "collectives" USING btree ("credit_code");
--> statement-breakpoint
CREATE INDEX "disability_consents_worker_idx" ON "disability_consents" USING btree ("worker_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_credit_code_uq" ON "enterprises" USING btree ("credit_code");
--> statement-breakpoint
CREATE INDEX "enterprises_region_idx" ON "enterprises" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id");
--> statement-breakpoint
CREATE INDEX "wlip_worker_idx" ON "worker_low_income_periods" USING btree ("worker_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "workers_id_number_uq" ON "workers" USING btree ("id_number");
--> statement-breakpoint
CREATE UNIQUE INDEX "workers_id_number_bidx_uq" ON "workers" USING btree ("id_number_bidx");
--> statement-breakpoint
CREATE INDEX "workers_phone_bidx_idx" ON "workers" USING btree ("phone_bidx");
--> statement-breakpoint
CREATE INDEX "workers_id_number_tail_bidx_idx" ON "workers" USING btree ("id_number_tail_bidx");
--> statement-breakpoint
CREATE INDEX "workers_phone_tail_bidx_idx" ON "workers" USING btree ("phone_tail_bidx");
--> statement-breakpoint
CREATE INDEX "workers_region_idx" ON "workers" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "workers_name_id_idx" ON "workers" USING btree ("name","id");
--> statement-breakpoint
CREATE INDEX "we_enterprise_idx" ON "workshop_enterprises" USING btree ("enterprise_id");
--> statement-breakpoint
CREATE INDEX "wm_workshop_idx" ON "workshop_members" USING btree ("workshop_id","worker_id");
--> statement-breakpoint
CREATE INDEX "wm_worker_idx" ON "workshop_members" USING btree ("worker_id");
--> statement-breakpoint
CREATE INDEX "wsh_workshop_idx" ON "workshop_status_history" USING btree ("workshop_id","effective_on");
--> statement-breakpoint
CREATE INDEX "workshops_region_idx" ON "workshops" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "workshops_operator_idx" ON "workshops" USING btree ("operator_user_id");
--> statement-breakpoint
CREATE INDEX "workshops_status_idx" ON "workshops" USING btree ("status");
--> statement-breakpoint
CREATE INDEX "collective_incomes_region_idx" ON "collective_incomes" USING btree ("region_code" text_pattern_ops,"income_date");
--> statement-breakpoint
CREATE INDEX "collective_incomes_collective_idx" ON "collective_incomes" USING btree ("collective_id","income_date");
--> statement-breakpoint
CREATE INDEX "deliveries_workshop_idx" ON "deliveries" USING btree ("workshop_id");
--> statement-breakpoint
CREATE INDEX "deliveries_region_idx" ON "deliveries" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("order_id");
--> statement-breakpoint
CREATE INDEX "sales_sessions_region_idx" ON "sales_sessions" USING btree ("region_code" text_pattern_ops,"session_date");
--> statement-breakpoint
CREATE INDEX "sales_sessions_workshop_idx" ON "sales_sessions" USING btree ("workshop_id","session_date");
--> statement-breakpoint
CREATE UNIQUE INDEX "sales_sessions_external_uq" ON "sales_sessions" USING btree ("workshop_id","platform","external_ref");
--> statement-breakpoint
CREATE INDEX "tourism_records_region_idx" ON "tourism_records" USING btree ("region_code" text_pattern_ops,"record_date");
--> statement-breakpoint
CREATE INDEX "tourism_records_workshop_idx" ON "tourism_records" USING btree ("workshop_id","record_date");
--> statement-breakpoint
CREATE INDEX "work_records_workshop_date_idx" ON "work_records" USING btree ("workshop_id","work_date");
--> statement-breakpoint
CREATE INDEX "work_records_worker_date_idx" ON "work_records" USING btree ("worker_id","work_date");
--> statement-breakpoint
CREATE INDEX "work_records_region_date_idx" ON "work_records" USING btree ("region_code" text_pattern_ops,"work_date");
--> statement-breakpoint
CREATE INDEX "work_records_workshop_pay_month_idx" ON "work_records" USING btree ("workshop_id","pay_month");
--> statement-breakpoint
CREATE INDEX "work_records_date_id_idx" ON "work_records" USING btree ("work_date","id");
--> statement-breakpoint
CREATE UNIQUE INDEX "work_records_reversal_of_uq" ON "work_records" USING btree ("reversal_of") WHERE reversal_of is not null;
--> statement-breakpoint
CREATE UNIQUE INDEX "demo_nom_ws_year_uq" ON "demonstration_nominations" USING btree ("workshop_id","year");
--> statement-breakpoint
CREATE INDEX "demo_nom_region_idx" ON "demonstration_nominations" USING btree ("region_code" text_pattern_ops,"year");
--> statement-breakpoint
CREATE INDEX "experts_region_idx" ON "experts" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE UNIQUE INDEX "experts_user_uq" ON "experts" USING btree ("user_id");
--> statement-breakpoint
CREATE INDEX "experts_phone_bidx_idx" ON "experts" USING btree ("phone_bidx");
--> statement-breakpoint
CREATE INDEX "improvement_follow_ups_plan_idx" ON "improvement_follow_ups" USING btree ("plan_id","due_on");
--> statement-breakpoint
CREATE INDEX "improvement_plans_region_idx" ON "improvement_plans" USING btree ("region_code" text_pattern_ops,"year");
--> statement-breakpoint
CREATE UNIQUE INDEX "targets_region_year_figure_uq" ON "targets" USING btree ("region_code","year","figure");
--> statement-breakpoint
CREATE INDEX "targets_region_idx" ON "targets" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "tech_problems_region_idx" ON "tech_problems" USING btree ("region_code" text_pattern_ops,"status");
--> statement-breakpoint
CREATE INDEX "tech_problems_expert_idx" ON "tech_problems" USING btree ("expert_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendances_session_worker_uq" ON "training_attendances" USING btree ("session_id","worker_id");
--> statement-breakpoint
CREATE INDEX "training_attendances_region_idx" ON "training_attendances" USING btree ("region_code" text_pattern_ops,"attended_on");
--> statement-breakpoint
CREATE INDEX "training_attendances_worker_idx" ON "training_attendances" USING btree ("worker_id");
--> statement-breakpoint
CREATE INDEX "training_enrolments_worker_idx" ON "training_enrolments" USING btree ("worker_id");
--> statement-breakpoint
CREATE INDEX "training_sessions_region_idx" ON "training_sessions" USING btree ("region_code" text_pattern_ops,"session_date");
--> statement-breakpoint
CREATE INDEX "worker_skills_worker_idx" ON "worker_skills" USING btree ("worker_id","skill");
--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_ratings_ws_year_uq" ON "workshop_ratings" USING btree ("workshop_id","year");
--> statement-breakpoint
CREATE INDEX "workshop_ratings_region_idx" ON "workshop_ratings" USING btree ("region_code" text_pattern_ops,"year");
--> statement-breakpoint
CREATE UNIQUE INDEX "collective_members_household_uq" ON "collective_members" USING btree ("collective_id","household_no");
--> statement-breakpoint
CREATE INDEX "collective_members_region_idx" ON "collective_members" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "profit_sharing_runs_region_idx" ON "profit_sharing_runs" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "profit_sharing_runs_collective_idx" ON "profit_sharing_runs" USING btree ("collective_id","created_at");
--> statement-breakpoint
CREATE INDEX "partner_application_events_app_idx" ON "partner_application_events" USING btree ("application_id","id");
--> statement-breakpoint
CREATE UNIQUE INDEX "partner_applications_uq" ON "partner_applications" USING btree ("opportunity_id","enterprise_id");
--> statement-breakpoint
CREATE INDEX "partner_applications_region_idx" ON "partner_applications" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "partner_applications_enterprise_idx" ON "partner_applications" USING btree ("enterprise_id");
--> statement-breakpoint
CREATE INDEX "partner_opportunities_region_idx" ON "partner_opportunities" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "partner_opportunities_status_idx" ON "partner_opportunities" USING btree ("status","created_at");
--> statement-breakpoint
CREATE INDEX "allocations_order_idx" ON "allocations" USING btree ("order_id");
--> statement-breakpoint
CREATE INDEX "allocations_workshop_idx" ON "allocations" USING btree ("workshop_id");
--> statement-breakpoint
CREATE INDEX "allocations_region_idx" ON "allocations" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "claims_order_idx" ON "claims" USING btree ("order_id");
--> statement-breakpoint
CREATE INDEX "dispute_notes_dispute_idx" ON "dispute_notes" USING btree ("dispute_id","at");
--> statement-breakpoint
CREATE INDEX "disputes_region_idx" ON "disputes" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "disputes_order_idx" ON "disputes" USING btree ("order_id");
--> statement-breakpoint
CREATE INDEX "osh_order_idx" ON "order_status_history" USING btree ("order_id","at");
--> statement-breakpoint
CREATE INDEX "orders_region_idx" ON "orders" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "orders_enterprise_idx" ON "orders" USING btree ("enterprise_id");
--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");
--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "payments" USING btree ("order_id","workshop_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "paysheet_adjustments_record_uq" ON "paysheet_adjustments" USING btree ("work_record_id");
--> statement-breakpoint
CREATE INDEX "paysheet_adjustments_sheet_idx" ON "paysheet_adjustments" USING btree ("paysheet_id");
--> statement-breakpoint
CREATE INDEX "paysheet_deductions_sheet_idx" ON "paysheet_deductions" USING btree ("paysheet_id","worker_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "paysheet_lines_sheet_worker_uq" ON "paysheet_lines" USING btree ("paysheet_id","worker_id");
--> statement-breakpoint
CREATE INDEX "paysheet_lines_worker_idx" ON "paysheet_lines" USING btree ("worker_id");
--> statement-breakpoint
CREATE INDEX "paysheet_payments_sheet_idx" ON "paysheet_payments" USING btree ("paysheet_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "paysheets_workshop_month_uq" ON "paysheets" USING btree ("workshop_id","month");
--> statement-breakpoint
CREATE UNIQUE INDEX "paysheets_workshop_chain_uq" ON "paysheets" USING btree ("workshop_id","chain_seq");
--> statement-breakpoint
CREATE INDEX "paysheets_region_month_idx" ON "paysheets" USING btree ("region_code" text_pattern_ops,"month");
--> statement-breakpoint
CREATE INDEX "workshop_products_workshop_idx" ON "workshop_products" USING btree ("workshop_id");
--> statement-breakpoint
CREATE INDEX "cockpit_enterprise_links_parent_idx" ON "cockpit_enterprise_links" USING btree ("parent");
--> statement-breakpoint
CREATE INDEX "cockpit_enterprise_links_ent_idx" ON "cockpit_enterprise_links" USING btree ("enterprise_id");
--> statement-breakpoint
CREATE INDEX "cockpit_sums_parent_idx" ON "cockpit_sums" USING btree ("parent","month");
--> statement-breakpoint
CREATE INDEX "cockpit_worker_counts_parent_idx" ON "cockpit_worker_counts" USING btree ("parent","month");
--> statement-breakpoint
CREATE INDEX "cockpit_workshop_deltas_parent_idx" ON "cockpit_workshop_deltas" USING btree ("parent","month");
--> statement-breakpoint
CREATE INDEX "cockpit_workshop_spans_ws_idx" ON "cockpit_workshop_spans" USING btree ("workshop_id");
--> statement-breakpoint
CREATE INDEX "income_worker_months_region_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month");
--> statement-breakpoint
CREATE INDEX "income_worker_months_month_idx" ON "income_worker_months" USING btree ("month","region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "income_worker_months_low_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month") WHERE low_any;
--> statement-breakpoint
CREATE INDEX "income_worker_months_negative_idx" ON "income_worker_months" USING btree ("region_code" text_pattern_ops,"month") WHERE earned_fen < 0;
--> statement-breakpoint
CREATE INDEX "income_workers_region_idx" ON "income_workers" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "income_workers_low_idx" ON "income_workers" USING btree ("region_code" text_pattern_ops,"worker_id","low_periods") WHERE low_periods <> '{}'::datemultirange;
--> statement-breakpoint
CREATE UNIQUE INDEX "bank_returns_file_uq" ON "bank_returns" USING btree ("batch_id","sha256");
--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_uq" ON "outbox_messages" USING btree ("dedupe_key");
--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox_messages" USING btree ("status","id");
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batches_number_uq" ON "payment_batches" USING btree ("number");
--> statement-breakpoint
CREATE INDEX "payment_batches_region_idx" ON "payment_batches" USING btree ("region_code" text_pattern_ops);
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_reference_uq" ON "payment_lines" USING btree ("reference");
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_lines_live_uq" ON "payment_lines" USING btree ("paysheet_line_id") WHERE status in ('pending', 'paid');
--> statement-breakpoint
CREATE INDEX "payment_lines_batch_idx" ON "payment_lines" USING btree ("batch_id","seq");
--> statement-breakpoint
CREATE INDEX "payment_lines_sheet_idx" ON "payment_lines" USING btree ("paysheet_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "staff_notices_dedupe_uq" ON "staff_notices" USING btree ("dedupe_key");
--> statement-breakpoint
CREATE INDEX "staff_notices_region_idx" ON "staff_notices" USING btree ("region_code" text_pattern_ops,"created_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "worker_accounts_current_uq" ON "worker_accounts" USING btree ("worker_id") WHERE retired_at is null;
--> statement-breakpoint
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
CREATE TABLE "income_alerts" (
	"worker_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_month" integer NOT NULL,
	"to_month" integer NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "income_alerts" ADD CONSTRAINT "income_alerts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "income_alerts_month_idx" ON "income_alerts" USING btree ("kind","from_month","region_code","name","worker_id","to_month");
--> statement-breakpoint
CREATE INDEX "income_alerts_worker_idx" ON "income_alerts" USING btree ("worker_id");
