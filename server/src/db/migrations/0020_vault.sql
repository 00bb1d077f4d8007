-- Personal numbers sealed by the application (server/src/vault): AES-256-GCM ciphertexts ('v1.<key id>.…')
-- and HMAC-SHA256 blind indexes for exact search and the one-person-one-record rule. The plain columns stay
-- until every reader goes through the vault; bootstrap then empties them (sealExisting, clearPlaintext).
ALTER TABLE "workers" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "id_number_bidx" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "phone_bidx" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "disability_grade_enc" text;--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "phone_bidx" text;--> statement-breakpoint
CREATE UNIQUE INDEX "workers_id_number_bidx_uq" ON "workers" USING btree ("id_number_bidx");--> statement-breakpoint
CREATE INDEX "workers_phone_bidx_idx" ON "workers" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "experts_phone_bidx_idx" ON "experts" USING btree ("phone_bidx");--> statement-breakpoint
ALTER TABLE "workers" ALTER COLUMN "id_number" DROP NOT NULL;--> statement-breakpoint
-- Which key the database is sealed with, and a known value sealed under it: a start with another key stops
-- before changing anything (server/src/vault/store.ts verifyKey).
CREATE TABLE "vault_meta" (
  "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
  "key_id" text NOT NULL,
  "key_check" text NOT NULL,
  "updated_at" timestamp with time zone NOT NULL DEFAULT now()
);
