-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
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
  -- Their alerts follow the months, baseline and home village just written.
  SELECT income_refresh_alerts(ws);
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
  PERFORM income_rebuild_alerts();
END $function$;
--> statement-breakpoint
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
--> statement-breakpoint
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
--> statement-breakpoint
DROP TRIGGER IF EXISTS income_workers_name ON workers;
--> statement-breakpoint
CREATE TRIGGER income_workers_name AFTER UPDATE OF name ON workers FOR EACH ROW WHEN ((old.name IS DISTINCT FROM new.name)) EXECUTE FUNCTION income_workers_name_trg();
--> statement-breakpoint
-- Data step: the alert roll-up of the work already folded (later folds keep it).
SELECT income_rebuild_alerts();
