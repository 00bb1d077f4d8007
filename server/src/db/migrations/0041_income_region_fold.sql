-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
CREATE OR REPLACE FUNCTION auth_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_notify('gf_auth', TG_TABLE_NAME);
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_apply_spans(w uuid, sgn integer)
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO cockpit_workshop_deltas AS d (node, type, month, parent, delta)
  SELECT n.node, s.type, x.month, n.parent, sgn * sum(x.d)
  FROM cockpit_workshop_spans s
  CROSS JOIN LATERAL (VALUES (s.start_month, 1), (s.end_month, -1)) AS x(month, d)
  CROSS JOIN LATERAL cockpit_nodes(s.region_code, s.workshop_id) n
  WHERE s.workshop_id = w AND x.month IS NOT NULL
  GROUP BY n.node, s.type, x.month, n.parent
  ORDER BY n.node, s.type, x.month
  ON CONFLICT (node, type, month) DO UPDATE SET delta = d.delta + excluded.delta
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_bump(code text, ws uuid, m integer, d_wages bigint DEFAULT 0, d_good bigint DEFAULT 0, d_delivered bigint DEFAULT 0, d_collective bigint DEFAULT 0, d_sales bigint DEFAULT 0, d_orders bigint DEFAULT 0, d_visitors bigint DEFAULT 0, d_tourism bigint DEFAULT 0)
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO cockpit_sums AS s (node, month, parent, level, wages_fen, good_qty, delivered_qty, collective_income_fen,
    sales_fen, sales_orders, tourism_visitors, tourism_revenue_fen)
  SELECT n.node, m, n.parent, n.level, d_wages, d_good, d_delivered, d_collective, d_sales, d_orders, d_visitors, d_tourism
  FROM cockpit_nodes(code, ws) n ORDER BY n.node
  ON CONFLICT (node, month) DO UPDATE SET
    wages_fen = s.wages_fen + excluded.wages_fen,
    good_qty = s.good_qty + excluded.good_qty,
    delivered_qty = s.delivered_qty + excluded.delivered_qty,
    collective_income_fen = s.collective_income_fen + excluded.collective_income_fen,
    sales_fen = s.sales_fen + excluded.sales_fen,
    sales_orders = s.sales_orders + excluded.sales_orders,
    tourism_visitors = s.tourism_visitors + excluded.tourism_visitors,
    tourism_revenue_fen = s.tourism_revenue_fen + excluded.tourism_revenue_fen
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_bump_counts(ks uuid[], sgn integer)
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO cockpit_worker_counts AS c (node, kind, month, prev, parent, n)
  SELECT x.node, x.kind, x.month, x.prev, x.parent, sgn * x.n FROM cockpit_worker_contrib(ks) x
  ORDER BY x.node, x.kind, x.month, x.prev
  ON CONFLICT (node, kind, month, prev) DO UPDATE SET n = c.n + excluded.n
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_collective_incomes_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.source_workshop_id, cockpit_month(OLD.income_date), d_collective => -OLD.amount_fen);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.source_workshop_id, cockpit_month(NEW.income_date), d_collective => NEW.amount_fen);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_compute_spans(w uuid)
 RETURNS TABLE(start_month integer, end_month integer)
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE h record; cur_start integer; has_history boolean := false; ws record;
BEGIN
  SELECT * INTO ws FROM workshops WHERE id = w;
  IF NOT FOUND THEN RETURN; END IF;
  FOR h IN SELECT status, effective_on FROM workshop_status_history WHERE workshop_id = w ORDER BY effective_on, id LOOP
    has_history := true;
    IF h.status = 'operating' AND cur_start IS NULL THEN
      cur_start := cockpit_month(h.effective_on);
    ELSIF h.status <> 'operating' AND cur_start IS NOT NULL THEN
      IF cockpit_month(h.effective_on) > cur_start THEN
        start_month := cur_start; end_month := cockpit_month(h.effective_on); RETURN NEXT;
      END IF;
      cur_start := NULL;
    END IF;
  END LOOP;
  IF NOT has_history AND ws.status = 'operating' THEN
    cur_start := coalesce(cockpit_month(ws.opened_on), 0);
  END IF;
  IF cur_start IS NOT NULL THEN
    start_month := cur_start; end_month := NULL; RETURN NEXT;
  END IF;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_deliveries_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.accepted_on IS NOT NULL AND coalesce(OLD.accepted_qty, 0) <> 0 THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.workshop_id, cockpit_month(OLD.accepted_on), d_delivered => -OLD.accepted_qty::bigint);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.accepted_on IS NOT NULL AND coalesce(NEW.accepted_qty, 0) <> 0 THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.workshop_id, cockpit_month(NEW.accepted_on), d_delivered => NEW.accepted_qty::bigint);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_month(d date)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT (extract(year FROM d)::int * 12 + extract(month FROM d)::int - 1)
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_nodes(code text, ws uuid)
 RETURNS TABLE(node text, parent text, level smallint)
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT v.node, v.parent, v.level::smallint FROM (VALUES
    ('', '-', 0),
    (left(code, 2), '', 1),
    (left(code, 4), left(code, 2), 2),
    (left(code, 6), left(code, 4), 3),
    (left(code, 9), left(code, 6), 4),
    (left(code, 12), left(code, 9), 5),
    (ws::text, left(code, 12), 6)
  ) AS v(node, parent, level)
  WHERE (v.level = 0 OR length(code) >= (ARRAY[2, 4, 6, 9, 12, 12])[v.level]) AND (v.level < 6 OR ws IS NOT NULL)
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_refresh_enterprise(e uuid)
 RETURNS void
 LANGUAGE sql
AS $function$
  DELETE FROM cockpit_enterprise_links WHERE enterprise_id = e;
  INSERT INTO cockpit_enterprise_links (node, enterprise_id, parent, first_month)
  SELECT n.node, e, n.parent, min(coalesce(cockpit_month(we.since), 0))
  FROM workshop_enterprises we JOIN workshops w ON w.id = we.workshop_id
  CROSS JOIN LATERAL cockpit_nodes(w.region_code, w.id) n
  WHERE we.enterprise_id = e
  GROUP BY n.node, n.parent;
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_refresh_workshop(w uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM cockpit_apply_spans(w, -1);
  DELETE FROM cockpit_workshop_spans WHERE workshop_id = w;
  INSERT INTO cockpit_workshop_spans (workshop_id, region_code, type, start_month, end_month)
  SELECT w, ws.region_code, ws.type, s.start_month, s.end_month
  FROM workshops ws CROSS JOIN LATERAL cockpit_compute_spans(w) s WHERE ws.id = w;
  PERFORM cockpit_apply_spans(w, 1);
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_sales_sessions_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.workshop_id, cockpit_month(OLD.session_date), d_sales => -OLD.sales_fen, d_orders => -OLD.orders_count::bigint);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.workshop_id, cockpit_month(NEW.session_date), d_sales => NEW.sales_fen, d_orders => NEW.orders_count::bigint);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_status_history_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM cockpit_refresh_workshop(OLD.workshop_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.workshop_id <> OLD.workshop_id OR NEW.status <> OLD.status OR NEW.effective_on <> OLD.effective_on) THEN
    PERFORM cockpit_refresh_workshop(NEW.workshop_id);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_tourism_records_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM cockpit_bump(OLD.region_code, OLD.workshop_id, cockpit_month(OLD.record_date), d_visitors => -OLD.visitors::bigint, d_tourism => -OLD.revenue_fen);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cockpit_bump(NEW.region_code, NEW.workshop_id, cockpit_month(NEW.record_date), d_visitors => NEW.visitors::bigint, d_tourism => NEW.revenue_fen);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_workshop_enterprises_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM cockpit_refresh_enterprise(OLD.enterprise_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.enterprise_id <> OLD.enterprise_id OR NEW.since IS DISTINCT FROM OLD.since OR NEW.workshop_id <> OLD.workshop_id) THEN
    PERFORM cockpit_refresh_enterprise(NEW.enterprise_id);
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_workshops_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE e uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM cockpit_apply_spans(OLD.id, -1);
    DELETE FROM cockpit_workshop_spans WHERE workshop_id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.type IS NOT DISTINCT FROM OLD.type
     AND NEW.region_code IS NOT DISTINCT FROM OLD.region_code AND NEW.opened_on IS NOT DISTINCT FROM OLD.opened_on THEN
    RETURN NULL;
  END IF;
  PERFORM cockpit_refresh_workshop(NEW.id);
  IF TG_OP = 'UPDATE' AND NEW.region_code IS DISTINCT FROM OLD.region_code THEN
    FOR e IN SELECT enterprise_id FROM workshop_enterprises WHERE workshop_id = NEW.id LOOP
      PERFORM cockpit_refresh_enterprise(e);
    END LOOP;
  END IF;
  RETURN NULL;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_work_records_ins ON work_records;
--> statement-breakpoint
CREATE TRIGGER cockpit_work_records_ins AFTER INSERT ON work_records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_work_records_ins_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$function$;
--> statement-breakpoint
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
--> statement-breakpoint
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
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_refresh_workers(ws uuid[])
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO income_workers AS iw (worker_id, region_code, baseline_fen, low_periods, first_active_month, female, disabled, turns60_month)
  SELECT w.id, w.region_code, w.baseline_monthly_income_fen,
    coalesce((SELECT range_agg(daterange(p.start_on, p.end_on, '[]')) FROM worker_low_income_periods p
              WHERE p.worker_id = w.id AND (p.end_on IS NULL OR p.end_on >= p.start_on)), '{}'::datemultirange),
    (SELECT min(y.month) FROM income_worker_months y WHERE y.worker_id = w.id AND y.earned_fen > 0),
    w.sex = 'F', w.disability_grade_enc IS NOT NULL OR w.disability_grade IS NOT NULL, cockpit_month(w.birth_date) + 720
  FROM workers w WHERE w.id = ANY (ws) ORDER BY w.id
  ON CONFLICT (worker_id) DO UPDATE SET region_code = excluded.region_code, baseline_fen = excluded.baseline_fen,
    low_periods = excluded.low_periods, first_active_month = excluded.first_active_month, female = excluded.female,
    disabled = excluded.disabled, turns60_month = excluded.turns60_month
  WHERE (iw.region_code, iw.baseline_fen, iw.low_periods, iw.first_active_month, iw.female, iw.disabled, iw.turns60_month)
    IS DISTINCT FROM (excluded.region_code, excluded.baseline_fen, excluded.low_periods, excluded.first_active_month,
      excluded.female, excluded.disabled, excluded.turns60_month);
  -- low_any: registered low-income periods, or low-income lines in some month (the cohort's candidates).
  UPDATE income_worker_months y SET region_code = w.region_code, baseline_fen = w.baseline_monthly_income_fen, low_any = l.low
  FROM workers w
  JOIN income_workers iw ON iw.worker_id = w.id
  CROSS JOIN LATERAL (SELECT iw.low_periods <> '{}'::datemultirange
    OR EXISTS (SELECT 1 FROM income_worker_months z WHERE z.worker_id = w.id AND z.low_line_fen <> 0) AS low) l
  WHERE w.id = ANY (ws) AND y.worker_id = w.id
    AND (y.region_code <> w.region_code OR y.baseline_fen <> w.baseline_monthly_income_fen OR y.low_any <> l.low);
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_region_bump(ws uuid[], sgn integer)
 RETURNS void
 LANGUAGE sql
AS $function$
  -- Adds (sgn 1) or takes out (sgn -1) the workers' months with earnings > 0 at every node above their home
  -- village: callers take a worker out before changing their rows and put them back after.
  INSERT INTO income_region_months AS r (node, month, prev, female, disabled, turns60, workers, earned_fen, baseline_fen)
  SELECT n.node, a.month, a.prev, a.female, a.disabled, a.turns60, sgn * count(*), sgn * sum(a.earned_fen), sgn * sum(a.baseline_fen)
  FROM (SELECT y.month, y.region_code, y.earned_fen, y.baseline_fen, iw.female, iw.disabled,
          coalesce(lag(y.month) OVER (PARTITION BY y.worker_id ORDER BY y.month), -1) AS prev,
          CASE WHEN iw.turns60_month <= y.month THEN 0 WHEN iw.turns60_month > y.month + 239 THEN 2147483647
               ELSE iw.turns60_month END AS turns60
        FROM income_worker_months y JOIN income_workers iw ON iw.worker_id = y.worker_id
        WHERE y.worker_id = ANY (ws) AND y.earned_fen > 0) a
  CROSS JOIN LATERAL (VALUES (0, ''), (2, left(a.region_code, 2)), (4, left(a.region_code, 4)), (6, left(a.region_code, 6)),
    (9, left(a.region_code, 9)), (12, left(a.region_code, 12))) AS n(len, node)
  WHERE length(a.region_code) >= n.len
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (node, month, prev, female, disabled, turns60) DO UPDATE SET workers = r.workers + excluded.workers,
    earned_fen = r.earned_fen + excluded.earned_fen, baseline_fen = r.baseline_fen + excluded.baseline_fen
$function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_rebuild_regions()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE chunk uuid[];
BEGIN
  -- Cohort attributes and low_any from the base tables, then the region roll-up from the worker months.
  UPDATE income_workers iw SET female = w.sex = 'F', disabled = w.disability_grade_enc IS NOT NULL OR w.disability_grade IS NOT NULL,
    turns60_month = cockpit_month(w.birth_date) + 720
  FROM workers w WHERE w.id = iw.worker_id;
  -- Joins, not IN (subquery): a province's candidates overflow work_mem, and an unhashed IN rescans them per row.
  UPDATE income_worker_months y SET low_any = l.low
  FROM (SELECT z.worker_id, bool_or(z.low_line_fen <> 0) OR bool_or(iw.low_periods <> '{}'::datemultirange) AS low
        FROM income_worker_months z JOIN income_workers iw ON iw.worker_id = z.worker_id GROUP BY z.worker_id) l
  WHERE l.worker_id = y.worker_id AND y.low_any <> l.low;
  TRUNCATE income_region_months;
  FOR chunk IN SELECT array_agg(worker_id ORDER BY worker_id) FROM (SELECT worker_id, (row_number() OVER (ORDER BY worker_id) - 1) / 20000 AS k
                 FROM income_workers WHERE first_active_month IS NOT NULL) c GROUP BY k ORDER BY k LOOP
    PERFORM income_region_bump(chunk, 1);
  END LOOP;
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_fold_records(ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE ws uuid[]; lo bigint; hi bigint; dense boolean;
BEGIN
  -- Called by cockpit_fold_work() under its advisory lock with the ids it took off the queue. Lines are read
  -- by id range, filtered by the list only when it has gaps (as in cockpit_fold_work).
  SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;
  dense := hi - lo + 1 = cardinality(ids);
  SELECT array_agg(DISTINCT r.worker_id ORDER BY r.worker_id) INTO ws FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids));
  IF ws IS NULL THEN RETURN; END IF;
  PERFORM income_region_bump(ws, -1);
  INSERT INTO income_worker_months AS x (worker_id, month, region_code, baseline_fen, earned_fen, low_line_fen, records)
  SELECT g.worker_id, g.month, w.region_code, w.baseline_monthly_income_fen, g.a, g.li, g.n
  FROM (SELECT r.worker_id, cockpit_month(r.work_date) AS month, sum(r.amount_fen) AS a,
          coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li,
          sum(CASE WHEN r.reversal_of IS NULL THEN 1 ELSE -1 END)::int AS n
        FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2) g
  JOIN workers w ON w.id = g.worker_id
  ORDER BY 1, 2
  ON CONFLICT (worker_id, month) DO UPDATE SET
    earned_fen = x.earned_fen + excluded.earned_fen,
    low_line_fen = x.low_line_fen + excluded.low_line_fen,
    records = x.records + excluded.records;

  -- Days with net earnings > 0 are not additive: recount the touched worker-months (index on worker, date).
  UPDATE income_worker_months x SET days = d.n
  FROM (SELECT t.worker_id, t.month,
          (SELECT count(*) FROM (SELECT 1 FROM work_records r
                                 WHERE r.worker_id = t.worker_id AND r.work_date >= income_month_start(t.month)
                                   AND r.work_date < income_month_start(t.month + 1)
                                 GROUP BY r.work_date HAVING sum(r.amount_fen) > 0) z)::int AS n
        FROM (SELECT DISTINCT r.worker_id, cockpit_month(r.work_date) AS month FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids))) t) d
  WHERE x.worker_id = d.worker_id AND x.month = d.month AND x.days <> d.n;

  PERFORM income_refresh_workers(ws);
  PERFORM income_region_bump(ws, 1);
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_rebuild_from_base()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  TRUNCATE income_worker_months, income_workers, income_region_months;
  INSERT INTO income_worker_months (worker_id, month, region_code, baseline_fen, earned_fen, low_line_fen, records, days)
  SELECT d.worker_id, cockpit_month(d.work_date), w.region_code, w.baseline_monthly_income_fen, sum(d.a), sum(d.li), sum(d.n),
    count(*) FILTER (WHERE d.a > 0)
  FROM (SELECT r.worker_id, r.work_date, sum(r.amount_fen) AS a, coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li,
          sum(CASE WHEN r.reversal_of IS NULL THEN 1 ELSE -1 END) AS n
        FROM work_records r GROUP BY 1, 2) d
  JOIN workers w ON w.id = d.worker_id
  GROUP BY d.worker_id, cockpit_month(d.work_date), w.region_code, w.baseline_monthly_income_fen;
  INSERT INTO income_workers (worker_id, region_code, baseline_fen, low_periods, first_active_month)
  SELECT w.id, w.region_code, w.baseline_monthly_income_fen, coalesce(p.periods, '{}'::datemultirange), f.m
  FROM workers w
  LEFT JOIN (SELECT worker_id, range_agg(daterange(start_on, end_on, '[]')) AS periods FROM worker_low_income_periods
             WHERE end_on IS NULL OR end_on >= start_on GROUP BY 1) p ON p.worker_id = w.id
  LEFT JOIN (SELECT worker_id, min(month) AS m FROM income_worker_months WHERE earned_fen > 0 GROUP BY 1) f ON f.worker_id = w.id;
  PERFORM income_rebuild_regions();
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_workers_upd_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock(7007, 0);
  PERFORM income_region_bump(ARRAY[NEW.id], -1);
  PERFORM income_refresh_workers(ARRAY[NEW.id]);
  PERFORM income_region_bump(ARRAY[NEW.id], 1);
  RETURN NULL;
END $function$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS income_workers_upd ON workers;
--> statement-breakpoint
CREATE TRIGGER income_workers_upd AFTER UPDATE OF baseline_monthly_income_fen, region_code, sex, birth_date, disability_grade_enc, disability_grade ON workers FOR EACH ROW WHEN (((old.baseline_monthly_income_fen IS DISTINCT FROM new.baseline_monthly_income_fen) OR (old.region_code IS DISTINCT FROM new.region_code) OR (old.sex IS DISTINCT FROM new.sex) OR (old.birth_date IS DISTINCT FROM new.birth_date) OR (((old.disability_grade_enc IS NULL) AND (old.disability_grade IS NULL)) <> ((new.disability_grade_enc IS NULL) AND (new.disability_grade IS NULL))))) EXECUTE FUNCTION income_workers_upd_trg();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_records_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'work_records is append-only: correct a line with a reversing line' USING ERRCODE = '55000';
END $function$;
--> statement-breakpoint
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
--> statement-breakpoint
-- Fill the region roll-up and the new per-worker columns from the income roll-ups as they stand.
SELECT income_rebuild_regions();
