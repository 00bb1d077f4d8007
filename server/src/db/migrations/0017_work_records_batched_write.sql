-- The batched day-sheet write (modules/work-records/ingest.ts) checks, inside its single statement and under
-- FOR SHARE on the pay-sheet rows, that no month it writes to is locked; a locked one aborts the statement.
CREATE OR REPLACE FUNCTION work_records_months_open(locked text[]) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF locked IS NOT NULL AND cardinality(locked) > 0 THEN
    RAISE EXCEPTION 'pay sheet locked: %', array_to_string(locked, ', ')
      USING ERRCODE = 'GF409', DETAIL = array_to_string(locked, ',');
  END IF;
  RETURN true;
END $$;
--> statement-breakpoint
-- Call the pay-month default only when it is needed (the API always gives pay_month): no PL/pgSQL per line.
DROP TRIGGER work_records_fill_pay_month ON work_records;
--> statement-breakpoint
CREATE TRIGGER work_records_fill_pay_month BEFORE INSERT ON work_records
  FOR EACH ROW WHEN (NEW.pay_month IS NULL) EXECUTE FUNCTION work_records_fill_pay_month();
