-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
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
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheet_deductions_locked ON paysheet_deductions;
--> statement-breakpoint
CREATE TRIGGER paysheet_deductions_locked BEFORE INSERT OR DELETE OR UPDATE ON paysheet_deductions FOR EACH ROW EXECUTE FUNCTION gf_locked_deduction_guard();
