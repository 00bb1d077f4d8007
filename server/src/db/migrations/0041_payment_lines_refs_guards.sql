-- Payment lines checked against their batch, account and pay-sheet line once per statement (server/src/db/sql/guards.sql).
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
