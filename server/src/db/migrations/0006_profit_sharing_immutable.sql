-- A confirmed profit-sharing run is a record of money paid out: neither the run nor its lines may change.
CREATE OR REPLACE FUNCTION gf_profit_sharing_run_guard() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'confirmed' THEN
    RAISE EXCEPTION 'profit-sharing run % is confirmed and cannot be changed', OLD.id USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER profit_sharing_runs_immutable BEFORE UPDATE OR DELETE ON profit_sharing_runs
  FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_run_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gf_profit_sharing_line_guard() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM profit_sharing_runs r WHERE r.id = COALESCE(NEW.run_id, OLD.run_id) AND r.status = 'confirmed') THEN
    RAISE EXCEPTION 'lines of a confirmed profit-sharing run cannot be changed' USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER profit_sharing_lines_immutable BEFORE INSERT OR UPDATE OR DELETE ON profit_sharing_lines
  FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_line_guard();
