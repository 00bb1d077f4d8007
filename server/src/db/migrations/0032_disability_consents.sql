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
ALTER TABLE "disability_consents" ADD CONSTRAINT "disability_consents_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disability_consents_worker_idx" ON "disability_consents" USING btree ("worker_id");