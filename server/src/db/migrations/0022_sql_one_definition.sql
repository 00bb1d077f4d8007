-- Applies server/src/db/sql/*.sql as it stood then, less what was already live and what a later
-- migration defines again before anything runs it.
DROP TRIGGER IF EXISTS cockpit_work_records_upd ON work_records;
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_work_records_del ON work_records;
--> statement-breakpoint
DROP FUNCTION IF EXISTS cockpit_work_records_trg();
--> statement-breakpoint
DROP FUNCTION IF EXISTS cockpit_apply_work(jsonb, integer);
--> statement-breakpoint
DROP TRIGGER IF EXISTS auth_changed ON sessions;
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER DELETE OR UPDATE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS auth_changed ON users;
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER DELETE OR UPDATE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS auth_changed ON workshops;
--> statement-breakpoint
CREATE TRIGGER auth_changed AFTER INSERT OR DELETE OR UPDATE OF operator_user_id OR TRUNCATE ON workshops FOR EACH STATEMENT EXECUTE FUNCTION auth_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_worker_contrib(ks uuid[])
 RETURNS TABLE(node text, parent text, kind smallint, month integer, prev integer, n bigint)
 LANGUAGE sql
 STABLE
AS $function$
  SELECT b.node, b.parent, b.kind, b.month, b.prev, count(*)
  FROM (
    SELECT a.node, a.parent, a.kind, a.month,
      coalesce(lag(a.month) OVER (PARTITION BY a.node, a.kind, a.worker_id ORDER BY a.month), -1) AS prev
    FROM (
      SELECT
        CASE l.level WHEN 0 THEN '' WHEN 6 THEN wm.workshop_id::text ELSE left(wm.region_code, (ARRAY[2, 4, 6, 9, 12])[l.level]) END AS node,
        CASE l.level WHEN 0 THEN '-' WHEN 1 THEN '' WHEN 6 THEN left(wm.region_code, 12) ELSE left(wm.region_code, (ARRAY[2, 4, 6, 9])[l.level - 1]) END AS parent,
        k.kind, wm.worker_id, wm.month
      FROM cockpit_worker_months wm
      CROSS JOIN (VALUES (0::smallint), (1::smallint), (2::smallint), (3::smallint), (4::smallint), (5::smallint), (6::smallint)) AS l(level)
      CROSS JOIN (VALUES (0::smallint), (1::smallint), (2::smallint)) AS k(kind)
      WHERE wm.worker_id = ANY (ks)
        AND (l.level IN (0, 6) OR length(wm.region_code) >= (ARRAY[2, 4, 6, 9, 12])[l.level])
        AND CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END <> 0
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END) > 0
    ) a
  ) b
  GROUP BY b.node, b.parent, b.kind, b.month, b.prev
$function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_collective_incomes ON collective_incomes;
--> statement-breakpoint
CREATE TRIGGER cockpit_collective_incomes AFTER INSERT OR DELETE OR UPDATE ON collective_incomes FOR EACH ROW EXECUTE FUNCTION cockpit_collective_incomes_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_deliveries ON deliveries;
--> statement-breakpoint
CREATE TRIGGER cockpit_deliveries AFTER INSERT OR DELETE OR UPDATE ON deliveries FOR EACH ROW EXECUTE FUNCTION cockpit_deliveries_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_sales_sessions ON sales_sessions;
--> statement-breakpoint
CREATE TRIGGER cockpit_sales_sessions AFTER INSERT OR DELETE OR UPDATE ON sales_sessions FOR EACH ROW EXECUTE FUNCTION cockpit_sales_sessions_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_tourism_records ON tourism_records;
--> statement-breakpoint
CREATE TRIGGER cockpit_tourism_records AFTER INSERT OR DELETE OR UPDATE ON tourism_records FOR EACH ROW EXECUTE FUNCTION cockpit_tourism_records_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_workshop_enterprises ON workshop_enterprises;
--> statement-breakpoint
CREATE TRIGGER cockpit_workshop_enterprises AFTER INSERT OR DELETE OR UPDATE ON workshop_enterprises FOR EACH ROW EXECUTE FUNCTION cockpit_workshop_enterprises_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_status_history ON workshop_status_history;
--> statement-breakpoint
CREATE TRIGGER cockpit_status_history AFTER INSERT OR DELETE OR UPDATE ON workshop_status_history FOR EACH ROW EXECUTE FUNCTION cockpit_status_history_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_workshops ON workshops;
--> statement-breakpoint
CREATE TRIGGER cockpit_workshops AFTER INSERT OR DELETE OR UPDATE ON workshops FOR EACH ROW EXECUTE FUNCTION cockpit_workshops_trg();
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE DELETE OR UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS profit_sharing_lines_immutable ON profit_sharing_lines;
--> statement-breakpoint
CREATE TRIGGER profit_sharing_lines_immutable BEFORE INSERT OR DELETE OR UPDATE ON profit_sharing_lines FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_line_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS profit_sharing_runs_immutable ON profit_sharing_runs;
--> statement-breakpoint
CREATE TRIGGER profit_sharing_runs_immutable BEFORE DELETE OR UPDATE ON profit_sharing_runs FOR EACH ROW EXECUTE FUNCTION gf_profit_sharing_run_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS work_records_append_only ON work_records;
--> statement-breakpoint
CREATE TRIGGER work_records_append_only BEFORE DELETE OR UPDATE ON work_records FOR EACH ROW EXECUTE FUNCTION work_records_append_only();
--> statement-breakpoint
DROP TRIGGER IF EXISTS work_records_fill_pay_month ON work_records;
--> statement-breakpoint
CREATE TRIGGER work_records_fill_pay_month BEFORE INSERT ON work_records FOR EACH ROW WHEN ((new.pay_month IS NULL)) EXECUTE FUNCTION work_records_fill_pay_month();
