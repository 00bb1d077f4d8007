-- Applies what changed in server/src/db/sql/*.sql (definitions already live, to the letter or as PostgreSQL stores them, are left out).
CREATE OR REPLACE FUNCTION cockpit_rebuild()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock(7007, 0);
  TRUNCATE cockpit_pending_work;
  PERFORM cockpit_rebuild_from_base();
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_rebuild_from_base()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  TRUNCATE cockpit_sums, cockpit_worker_months, cockpit_worker_counts, cockpit_workshop_spans, cockpit_workshop_deltas, cockpit_enterprise_links;
  INSERT INTO cockpit_sums (node, month, parent, level, wages_fen, good_qty, delivered_qty, collective_income_fen,
    sales_fen, sales_orders, tourism_visitors, tourism_revenue_fen)
  SELECT n.node, f.m, n.parent, n.level, sum(f.wages), sum(f.good), sum(f.delivered), sum(f.coll), sum(f.sales), sum(f.orders), sum(f.visitors), sum(f.trev)
  FROM (
    SELECT region_code, workshop_id, cockpit_month(work_date) AS m, sum(amount_fen) AS wages, sum(good_qty) AS good,
      0::bigint AS delivered, 0::bigint AS coll, 0::bigint AS sales, 0::bigint AS orders, 0::bigint AS visitors, 0::bigint AS trev
    FROM work_records GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, workshop_id, cockpit_month(accepted_on), 0, 0, sum(accepted_qty), 0, 0, 0, 0, 0
    FROM deliveries WHERE accepted_on IS NOT NULL AND accepted_qty IS NOT NULL GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, source_workshop_id, cockpit_month(income_date), 0, 0, 0, sum(amount_fen), 0, 0, 0, 0
    FROM collective_incomes GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, workshop_id, cockpit_month(session_date), 0, 0, 0, 0, sum(sales_fen), sum(orders_count), 0, 0
    FROM sales_sessions GROUP BY 1, 2, 3
    UNION ALL
    SELECT region_code, workshop_id, cockpit_month(record_date), 0, 0, 0, 0, 0, 0, sum(visitors), sum(revenue_fen)
    FROM tourism_records GROUP BY 1, 2, 3
  ) f
  CROSS JOIN LATERAL cockpit_nodes(f.region_code, f.workshop_id) n
  GROUP BY n.node, f.m, n.parent, n.level;

  INSERT INTO cockpit_worker_months (worker_id, month, workshop_id, region_code, amount_fen, low_income_fen, disabled_fen)
  SELECT worker_id, cockpit_month(work_date), workshop_id, region_code, sum(amount_fen),
    coalesce(sum(amount_fen) FILTER (WHERE low_income), 0), coalesce(sum(amount_fen) FILTER (WHERE disabled), 0)
  FROM work_records GROUP BY 1, 2, 3, 4;

  PERFORM cockpit_rebuild_worker_counts();

  INSERT INTO cockpit_workshop_spans (workshop_id, region_code, type, start_month, end_month)
  SELECT w.id, w.region_code, w.type, s.start_month, s.end_month FROM workshops w CROSS JOIN LATERAL cockpit_compute_spans(w.id) s;
  INSERT INTO cockpit_workshop_deltas (node, type, month, parent, delta)
  SELECT n.node, s.type, x.month, n.parent, sum(x.d)
  FROM cockpit_workshop_spans s
  CROSS JOIN LATERAL (VALUES (s.start_month, 1), (s.end_month, -1)) AS x(month, d)
  CROSS JOIN LATERAL cockpit_nodes(s.region_code, s.workshop_id) n
  WHERE x.month IS NOT NULL
  GROUP BY n.node, s.type, x.month, n.parent;

  INSERT INTO cockpit_enterprise_links (node, enterprise_id, parent, first_month)
  SELECT n.node, we.enterprise_id, n.parent, min(coalesce(cockpit_month(we.since), 0))
  FROM workshop_enterprises we JOIN workshops w ON w.id = we.workshop_id
  CROSS JOIN LATERAL cockpit_nodes(w.region_code, w.id) n
  GROUP BY n.node, we.enterprise_id, n.parent;

  PERFORM income_rebuild_from_base();
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_rebuild_worker_counts()
 RETURNS void
 LANGUAGE sql
AS $function$
  DELETE FROM cockpit_worker_counts;
  INSERT INTO cockpit_worker_counts (node, kind, month, prev, parent, n)
  SELECT b.node, b.kind, b.month, b.prev, b.parent, count(*)
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
      WHERE (l.level IN (0, 6) OR length(wm.region_code) >= (ARRAY[2, 4, 6, 9, 12])[l.level])
        AND CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END <> 0
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END) > 0
    ) a
  ) b
  GROUP BY b.node, b.kind, b.month, b.prev, b.parent;
$function$;
--> statement-breakpoint
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
--> statement-breakpoint
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
--> statement-breakpoint
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
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheet_lines_paid_ledger ON paysheet_lines;
--> statement-breakpoint
CREATE TRIGGER paysheet_lines_paid_ledger BEFORE DELETE OR UPDATE ON paysheet_lines FOR EACH ROW EXECUTE FUNCTION gf_paid_ledger_line_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS paysheets_paid_ledger ON paysheets;
--> statement-breakpoint
CREATE TRIGGER paysheets_paid_ledger BEFORE DELETE OR UPDATE ON paysheets FOR EACH ROW EXECUTE FUNCTION gf_paid_sheet_guard();
--> statement-breakpoint
DROP TRIGGER IF EXISTS payment_lines_paid ON payment_lines;
--> statement-breakpoint
CREATE TRIGGER payment_lines_paid BEFORE DELETE OR UPDATE ON payment_lines FOR EACH ROW EXECUTE FUNCTION gf_paid_transfer_guard();
--> statement-breakpoint
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
