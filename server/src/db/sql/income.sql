-- Income monitoring roll-ups: per worker × month (income_worker_months) and per worker (income_workers).
-- Work records reach them through the cockpit's queue: cockpit_fold_work() calls income_fold_records(ids)
-- with the ids it folds, so readers that fold first (foldPendingWork) read exact figures. Registry changes
-- (baseline, home village, low-income periods) refresh the worker's rows in the writer's transaction, under
-- the fold's advisory lock so that a fold never writes a value read before a concurrent change committed.
-- income_region_months sums the worker months with earnings > 0 per region node (income_region_bump takes a
-- worker out before their rows change and puts them back after, under the same lock).
-- income_alerts holds each worker's follow-up alerts by month (income_refresh_alerts, called with every refresh of
-- the worker's rows).
-- income_rebuild_from_base() recomputes all four tables (cockpit_rebuild_from_base() calls it).
-- The one current definition: edit here, then `npm run db:sql -- --name <why>` writes a migration that applies it.
-- A test compares the live database with this file.

CREATE OR REPLACE FUNCTION income_month_start(m integer)
 RETURNS date
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT make_date(m / 12, m % 12 + 1, 1)
$function$;

CREATE OR REPLACE FUNCTION income_refresh_alerts(ws uuid[])
 RETURNS void
 LANGUAGE sql
AS $function$
  -- The workers' alert rows (income_alerts) from their months and income_workers, rewritten. The rule (as
  -- listAlerts had it): month m is `no_work_2m` when the worker earned before (first active month ≤ m − 2) but
  -- not in m − 1 or m; otherwise `below_baseline` when the baseline is > 0, m's earnings are below it and some
  -- month of m − 3 … m − 1 had a gain ≥ 0. Months are looked up by the primary key, not joined between CTEs: the
  -- planner takes `ANY (ws)` for a dozen rows and nested CTE scans of a chunk's months ran for minutes.
  DELETE FROM income_alerts a WHERE a.worker_id = ANY (ws);
  INSERT INTO income_alerts (worker_id, kind, from_month, to_month, region_code, name)
  SELECT x.worker_id, x.kind, x.f, x.t, w.region_code, w.name
  FROM (
    -- No work: from two months after an active month to the month before the next one (open-ended after the last).
    SELECT a.worker_id, 'no_work_2m'::text AS kind, a.month + 2 AS f, coalesce(a.nxt - 1, 2147483647) AS t
    FROM (SELECT z.worker_id, z.month, lead(z.month) OVER (PARTITION BY z.worker_id ORDER BY z.month) AS nxt
          FROM income_worker_months z WHERE z.worker_id = ANY (ws) AND z.earned_fen > 0) a
    WHERE a.nxt IS NULL OR a.nxt >= a.month + 3
    UNION ALL
    -- Below the baseline: the three months after one at or above it, unless a month without work (as above).
    SELECT b.worker_id, 'below_baseline', b.m, b.m
    FROM (SELECT DISTINCT z.worker_id, z.month + k AS m FROM income_worker_months z CROSS JOIN generate_series(1, 3) AS k
          WHERE z.worker_id = ANY (ws) AND z.gain_fen >= 0) b
    JOIN income_workers iw ON iw.worker_id = b.worker_id
    WHERE iw.baseline_fen > 0
      AND coalesce((SELECT y.earned_fen FROM income_worker_months y WHERE y.worker_id = b.worker_id AND y.month = b.m), 0) < iw.baseline_fen
      AND NOT (coalesce(iw.first_active_month <= b.m - 2, false)
               AND NOT EXISTS (SELECT 1 FROM income_worker_months y WHERE y.worker_id = b.worker_id AND y.month BETWEEN b.m - 1 AND b.m AND y.earned_fen > 0))
  ) x
  JOIN workers w ON w.id = x.worker_id
  ORDER BY 1, 2, 3
$function$;

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
  -- Their alerts follow the months, baseline and home village just written.
  SELECT income_refresh_alerts(ws);
$function$;

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
  PERFORM income_rebuild_alerts();
END $function$;

CREATE OR REPLACE FUNCTION income_rebuild_alerts()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE chunk uuid[];
BEGIN
  -- Only workers who ever earned have alerts (both kinds need an active month).
  TRUNCATE income_alerts;
  FOR chunk IN SELECT array_agg(worker_id ORDER BY worker_id) FROM (SELECT worker_id, (row_number() OVER (ORDER BY worker_id) - 1) / 20000 AS k
                 FROM income_workers WHERE first_active_month IS NOT NULL) c GROUP BY k ORDER BY k LOOP
    PERFORM income_refresh_alerts(chunk);
  END LOOP;
END $function$;

CREATE OR REPLACE FUNCTION income_fold_records(ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE ws uuid[]; lo bigint; hi bigint; dense boolean; mlo integer; mhi integer; ow uuid[]; om integer[];
BEGIN
  -- Called by cockpit_fold_work() under its advisory lock with the ids it took off the queue. Lines are read
  -- by id range, filtered by the list only when it has gaps (as in cockpit_fold_work).
  SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;
  dense := hi - lo + 1 = cardinality(ids);
  SELECT array_agg(DISTINCT r.worker_id ORDER BY r.worker_id), cockpit_month(min(r.work_date)), cockpit_month(max(r.work_date)) INTO ws, mlo, mhi
  FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids));
  IF ws IS NULL THEN RETURN; END IF;
  PERFORM income_region_bump(ws, -1);
  -- The worker-months that had lines before: their days are recounted from the base table below. A new one's days
  -- are the batch's own dates with net earnings > 0.
  SELECT array_agg(x.worker_id), array_agg(x.month) INTO ow, om
  FROM income_worker_months x WHERE x.worker_id = ANY (ws) AND x.month BETWEEN mlo AND mhi;
  INSERT INTO income_worker_months AS x (worker_id, month, region_code, baseline_fen, earned_fen, low_line_fen, records, days)
  SELECT m.worker_id, m.month, w.region_code, w.baseline_monthly_income_fen, m.a, m.li, m.n, m.days
  FROM (SELECT g.worker_id, g.month, sum(g.a) AS a, sum(g.li) AS li, sum(g.n)::int AS n, count(*) FILTER (WHERE g.a > 0)::int AS days
        FROM (SELECT r.worker_id, r.work_date, cockpit_month(r.work_date) AS month, sum(r.amount_fen) AS a,
                coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li,
                sum(CASE WHEN r.reversal_of IS NULL THEN 1 ELSE -1 END) AS n
              FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2) g
        GROUP BY 1, 2) m
  JOIN workers w ON w.id = m.worker_id
  ORDER BY 1, 2
  ON CONFLICT (worker_id, month) DO UPDATE SET
    earned_fen = x.earned_fen + excluded.earned_fen,
    low_line_fen = x.low_line_fen + excluded.low_line_fen,
    records = x.records + excluded.records;

  IF ow IS NOT NULL THEN
    -- Days with net earnings > 0 are not additive: recount the worker-months that had lines (index on worker, date).
    UPDATE income_worker_months x SET days = d.n
    FROM (SELECT t.worker_id, t.month,
            (SELECT count(*) FROM (SELECT 1 FROM work_records r
                                   WHERE r.worker_id = t.worker_id AND r.work_date >= income_month_start(t.month)
                                     AND r.work_date < income_month_start(t.month + 1)
                                   GROUP BY r.work_date HAVING sum(r.amount_fen) > 0) z)::int AS n
          FROM unnest(ow, om) AS t(worker_id, month)) d
    WHERE x.worker_id = d.worker_id AND x.month = d.month AND x.days <> d.n;
  END IF;

  PERFORM income_refresh_workers(ws);
  PERFORM income_region_bump(ws, 1);
END $function$;

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

CREATE OR REPLACE FUNCTION income_workers_ins_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM income_refresh_workers(ARRAY(SELECT id FROM new_rows ORDER BY id));
  RETURN NULL;
END $function$;

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

CREATE OR REPLACE FUNCTION income_workers_name_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- The alert list orders by name: its copy follows renames (under the fold's lock, as other registry changes).
  PERFORM pg_advisory_xact_lock(7007, 0);
  UPDATE income_alerts SET name = NEW.name WHERE worker_id = NEW.id;
  RETURN NULL;
END $function$;

CREATE OR REPLACE FUNCTION income_low_income_periods_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock(7007, 0);
  IF TG_OP = 'INSERT' THEN
    PERFORM income_refresh_workers(ARRAY[NEW.worker_id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM income_refresh_workers(ARRAY[OLD.worker_id]);
  ELSE
    PERFORM income_refresh_workers(ARRAY[OLD.worker_id, NEW.worker_id]);
  END IF;
  RETURN NULL;
END $function$;

DROP TRIGGER IF EXISTS income_workers_ins ON workers;
CREATE TRIGGER income_workers_ins AFTER INSERT ON workers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION income_workers_ins_trg();

DROP TRIGGER IF EXISTS income_workers_upd ON workers;
CREATE TRIGGER income_workers_upd AFTER UPDATE OF baseline_monthly_income_fen, region_code, sex, birth_date, disability_grade_enc, disability_grade ON workers FOR EACH ROW WHEN (((old.baseline_monthly_income_fen IS DISTINCT FROM new.baseline_monthly_income_fen) OR (old.region_code IS DISTINCT FROM new.region_code) OR (old.sex IS DISTINCT FROM new.sex) OR (old.birth_date IS DISTINCT FROM new.birth_date) OR (((old.disability_grade_enc IS NULL) AND (old.disability_grade IS NULL)) <> ((new.disability_grade_enc IS NULL) AND (new.disability_grade IS NULL))))) EXECUTE FUNCTION income_workers_upd_trg();

DROP TRIGGER IF EXISTS income_low_income_periods ON worker_low_income_periods;
CREATE TRIGGER income_low_income_periods AFTER INSERT OR DELETE OR UPDATE ON worker_low_income_periods FOR EACH ROW EXECUTE FUNCTION income_low_income_periods_trg();

DROP TRIGGER IF EXISTS income_workers_name ON workers;
CREATE TRIGGER income_workers_name AFTER UPDATE OF name ON workers FOR EACH ROW WHEN ((old.name IS DISTINCT FROM new.name)) EXECUTE FUNCTION income_workers_name_trg();
