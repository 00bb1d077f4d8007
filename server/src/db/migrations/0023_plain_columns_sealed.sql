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
--> statement-breakpoint
-- Frozen pay-sheet lines keep the masked ID number: re-masked to the last 4 characters (the old masks kept the
-- first 4 or the first character too). The sheets' hashes do not cover this column.
UPDATE "paysheet_lines" SET "id_number_masked" = repeat('*', greatest(length("id_number_masked") - 4, 0)) || right("id_number_masked", 4)
  WHERE length("id_number_masked") >= 8 AND "id_number_masked" !~ '^\*+.{4}$';
