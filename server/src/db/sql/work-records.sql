-- Work records: append-only (corrections are reversing lines); the pay month is filled from the work date;
-- work_records_months_open() tells whether a month's pay sheet still takes lines.
-- The one current definition: edit here, then `npm run db:sql -- --name <why>` writes a migration that applies it.
-- A test compares the live database with this file.

CREATE OR REPLACE FUNCTION work_records_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'work_records is append-only: correct a line with a reversing line' USING ERRCODE = '55000';
END $function$;

CREATE OR REPLACE FUNCTION work_records_fill_pay_month()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW.pay_month IS NULL THEN
    NEW.pay_month := to_char(NEW.work_date, 'YYYY-MM');
  END IF;
  RETURN NEW;
END $function$;

CREATE OR REPLACE FUNCTION work_records_months_open(locked text[])
 RETURNS boolean
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF locked IS NOT NULL AND cardinality(locked) > 0 THEN
    RAISE EXCEPTION 'pay sheet locked: %', array_to_string(locked, ', ')
      USING ERRCODE = 'GF409', DETAIL = array_to_string(locked, ',');
  END IF;
  RETURN true;
END $function$;

DROP TRIGGER IF EXISTS work_records_append_only ON work_records;
CREATE TRIGGER work_records_append_only BEFORE DELETE OR UPDATE ON work_records FOR EACH ROW EXECUTE FUNCTION work_records_append_only();

DROP TRIGGER IF EXISTS work_records_fill_pay_month ON work_records;
CREATE TRIGGER work_records_fill_pay_month BEFORE INSERT ON work_records FOR EACH ROW WHEN ((new.pay_month IS NULL)) EXECUTE FUNCTION work_records_fill_pay_month();
