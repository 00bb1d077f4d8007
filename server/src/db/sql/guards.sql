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
