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
ALTER TABLE "collective_incomes" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "sales_sessions" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "sales_sessions" ADD COLUMN "source" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_sessions" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "tourism_records" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "tourism_records" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
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
CREATE UNIQUE INDEX "demo_nom_ws_year_uq" ON "demonstration_nominations" USING btree ("workshop_id","year");--> statement-breakpoint
CREATE INDEX "demo_nom_region_idx" ON "demonstration_nominations" USING btree ("region_code" text_pattern_ops,"year");--> statement-breakpoint
CREATE INDEX "experts_region_idx" ON "experts" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "experts_user_uq" ON "experts" USING btree ("user_id");--> statement-breakpoint
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
CREATE INDEX "collective_incomes_collective_idx" ON "collective_incomes" USING btree ("collective_id","income_date");--> statement-breakpoint
CREATE INDEX "sales_sessions_workshop_idx" ON "sales_sessions" USING btree ("workshop_id","session_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_sessions_external_uq" ON "sales_sessions" USING btree ("workshop_id","platform","external_ref");--> statement-breakpoint
CREATE INDEX "tourism_records_workshop_idx" ON "tourism_records" USING btree ("workshop_id","record_date");