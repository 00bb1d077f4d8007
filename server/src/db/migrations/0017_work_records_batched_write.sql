-- The batched day-sheet write (modules/work-records/ingest.ts) checks, inside its single statement and under
-- FOR SHARE on the pay-sheet rows, that no month it writes to is locked; a locked one aborts the statement.
-- work_records_months_open(), which does so, is left out here: nothing ran it before a later migration defined it again, and its
-- one current definition is in server/src/db/sql/work-records.sql.
-- Call the pay-month default only when it is needed (the API always gives pay_month): no PL/pgSQL per line.
DROP TRIGGER work_records_fill_pay_month ON work_records;
--> statement-breakpoint
CREATE TRIGGER work_records_fill_pay_month BEFORE INSERT ON work_records
  FOR EACH ROW WHEN (NEW.pay_month IS NULL) EXECUTE FUNCTION work_records_fill_pay_month();
