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
