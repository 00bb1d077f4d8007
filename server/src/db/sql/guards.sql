-- Append-only tables: the audit log and confirmed profit-sharing runs refuse edits.
-- The one current definition: edit here, then `npm run db:sql -- --name <why>` writes a migration that applies it.
-- A test compares the live database with this file.

CREATE OR REPLACE FUNCTION audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$function$;

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

DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE DELETE OR UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

DROP TRIGGER IF EXISTS profit_sharing_lines_immutable ON profit_sharing_lines;
CREATE TRIGGER profit_sharing_lines_immutable BEFORE INSERT OR DELETE OR UPDATE ON profit_sharing_lines FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_line_guard();

DROP TRIGGER IF EXISTS profit_sharing_runs_immutable ON profit_sharing_runs;
CREATE TRIGGER profit_sharing_runs_immutable BEFORE DELETE OR UPDATE ON profit_sharing_runs FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_run_guard();

-- The wage ledger (工资支付台账): a paid month's pay-sheet lines, the sheet's figures and its paid transfers are
-- kept unchanged (at least three years, by law); corrections go to a later month's sheet.
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

-- Deductions are decided while the sheet is open; the lock freezes them into the lines and the hash, so once a
-- sheet is locked (or paid) its deductions are neither added, changed nor removed, whoever writes.
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

DROP TRIGGER IF EXISTS paysheet_deductions_locked ON paysheet_deductions;
CREATE TRIGGER paysheet_deductions_locked BEFORE INSERT OR DELETE OR UPDATE ON paysheet_deductions FOR EACH ROW EXECUTE FUNCTION gf_locked_deduction_guard();

DROP TRIGGER IF EXISTS paysheet_lines_paid_ledger ON paysheet_lines;
CREATE TRIGGER paysheet_lines_paid_ledger BEFORE DELETE OR UPDATE ON paysheet_lines FOR EACH ROW EXECUTE FUNCTION gf_paid_ledger_line_guard();

DROP TRIGGER IF EXISTS paysheets_paid_ledger ON paysheets;
CREATE TRIGGER paysheets_paid_ledger BEFORE DELETE OR UPDATE ON paysheets FOR EACH ROW EXECUTE FUNCTION gf_paid_sheet_guard();

DROP TRIGGER IF EXISTS payment_lines_paid ON payment_lines;
CREATE TRIGGER payment_lines_paid BEFORE DELETE OR UPDATE ON payment_lines FOR EACH ROW EXECUTE FUNCTION gf_paid_transfer_guard();

-- A payment line refers to its batch, its account (bank lines) and the pay-sheet line it pays, with that line's
-- sheet and worker. Checked once per statement over the inserted rows instead of by foreign keys: a province's
-- batch inserts 500,000 lines, and a foreign key looks each one up on its own. The parents' side: those keys never
-- change, and a parent with payment lines is never deleted (23503, like a foreign key).
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

DROP TRIGGER IF EXISTS payment_lines_refs ON payment_lines;
CREATE TRIGGER payment_lines_refs AFTER INSERT ON payment_lines REFERENCING NEW TABLE AS gf_new_lines FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_lines_refs();

DROP TRIGGER IF EXISTS payment_lines_refs_unchanged ON payment_lines;
CREATE TRIGGER payment_lines_refs_unchanged BEFORE UPDATE OF batch_id, account_id, paysheet_id, paysheet_line_id, worker_id ON payment_lines FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('batch_id', 'account_id', 'paysheet_id', 'paysheet_line_id', 'worker_id');

DROP TRIGGER IF EXISTS payment_batches_lines_kept ON payment_batches;
CREATE TRIGGER payment_batches_lines_kept AFTER DELETE ON payment_batches REFERENCING OLD TABLE AS gf_gone FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_parent_delete_guard();

DROP TRIGGER IF EXISTS worker_accounts_lines_kept ON worker_accounts;
CREATE TRIGGER worker_accounts_lines_kept AFTER DELETE ON worker_accounts REFERENCING OLD TABLE AS gf_gone FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_parent_delete_guard();

DROP TRIGGER IF EXISTS paysheet_lines_payments_kept ON paysheet_lines;
CREATE TRIGGER paysheet_lines_payments_kept AFTER DELETE ON paysheet_lines REFERENCING OLD TABLE AS gf_gone FOR EACH STATEMENT EXECUTE FUNCTION gf_payment_parent_delete_guard();

DROP TRIGGER IF EXISTS payment_batches_key_unchanged ON payment_batches;
CREATE TRIGGER payment_batches_key_unchanged BEFORE UPDATE OF id ON payment_batches FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('id');

DROP TRIGGER IF EXISTS worker_accounts_key_unchanged ON worker_accounts;
CREATE TRIGGER worker_accounts_key_unchanged BEFORE UPDATE OF id ON worker_accounts FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('id');

DROP TRIGGER IF EXISTS paysheet_lines_key_unchanged ON paysheet_lines;
CREATE TRIGGER paysheet_lines_key_unchanged BEFORE UPDATE OF id, paysheet_id, worker_id ON paysheet_lines FOR EACH ROW EXECUTE FUNCTION gf_key_unchanged('id', 'paysheet_id', 'worker_id');
