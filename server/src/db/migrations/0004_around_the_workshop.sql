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
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE UNIQUE INDEX "collective_members_household_uq" ON "collective_members" USING btree ("collective_id","household_no");--> statement-breakpoint
CREATE INDEX "collective_members_region_idx" ON "collective_members" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "profit_sharing_runs_region_idx" ON "profit_sharing_runs" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "profit_sharing_runs_collective_idx" ON "profit_sharing_runs" USING btree ("collective_id","created_at");--> statement-breakpoint
CREATE INDEX "partner_application_events_app_idx" ON "partner_application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_applications_uq" ON "partner_applications" USING btree ("opportunity_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "partner_applications_region_idx" ON "partner_applications" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "partner_applications_enterprise_idx" ON "partner_applications" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "partner_opportunities_region_idx" ON "partner_opportunities" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "partner_opportunities_status_idx" ON "partner_opportunities" USING btree ("status","created_at");