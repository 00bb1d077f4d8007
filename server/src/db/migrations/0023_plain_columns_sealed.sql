-- Every service now reads and writes personal numbers through the vault (server/src/vault); bootstrap seals
-- and empties the plain columns (CLEAR_PLAINTEXT). New: sealed contact phones of enterprises and partner
-- opportunities, and blind indexes of the last four characters of ID and phone numbers (search "ends in …").
ALTER TABLE "workers" ALTER COLUMN "id_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "contact_phone_enc" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "id_number_tail_bidx" text;--> statement-breakpoint
ALTER TABLE "workers" ADD COLUMN "phone_tail_bidx" text;--> statement-breakpoint
ALTER TABLE "partner_opportunities" ADD COLUMN "contact_phone_enc" text;--> statement-breakpoint
CREATE INDEX "workers_id_number_tail_bidx_idx" ON "workers" USING btree ("id_number_tail_bidx");--> statement-breakpoint
CREATE INDEX "workers_phone_tail_bidx_idx" ON "workers" USING btree ("phone_tail_bidx");
