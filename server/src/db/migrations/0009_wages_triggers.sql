-- Wages (issue 6): work records are append-only, and pay_month defaults to the work month.
CREATE OR REPLACE FUNCTION work_records_fill_pay_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.pay_month IS NULL THEN
    NEW.pay_month := to_char(NEW.work_date, 'YYYY-MM');
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER work_records_fill_pay_month BEFORE INSERT ON work_records
  FOR EACH ROW EXECUTE FUNCTION work_records_fill_pay_month();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'work_records is append-only: correct a line with a reversing line' USING ERRCODE = '55000';
END $$;
--> statement-breakpoint
CREATE TRIGGER work_records_append_only BEFORE UPDATE OR DELETE ON work_records
  FOR EACH ROW EXECUTE FUNCTION work_records_append_only();
