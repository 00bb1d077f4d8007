-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
CREATE OR REPLACE FUNCTION income_refresh_alerts(ws uuid[])
 RETURNS void
 LANGUAGE sql
AS $function$
  -- The workers' alert rows (income_alerts) from their months and income_workers, written as a difference so
  -- that a fold touching many workers rewrites only the rows that change. The rule (as listAlerts had it):
  -- month m is `no_work_2m` when the worker earned before (first active month ≤ m − 2) but not in m − 1 or m;
  -- otherwise `below_baseline` when the baseline is > 0, m's earnings are below it and some month of m − 3 … m − 1
  -- had a gain ≥ 0.
  WITH y AS (SELECT z.worker_id, z.month, z.earned_fen, z.gain_fen FROM income_worker_months z WHERE z.worker_id = ANY (ws)),
  act AS (SELECT y.worker_id, y.month, lead(y.month) OVER (PARTITION BY y.worker_id ORDER BY y.month) AS nxt FROM y WHERE y.earned_fen > 0),
  idle AS (SELECT a.worker_id, a.month + 2 AS f, coalesce(a.nxt - 1, 2147483647) AS t FROM act a WHERE a.nxt IS NULL OR a.nxt >= a.month + 3),
  above AS (SELECT DISTINCT y.worker_id, y.month + k AS m FROM y CROSS JOIN generate_series(1, 3) AS k WHERE y.gain_fen >= 0),
  want AS (
    SELECT i.worker_id, 'no_work_2m'::text AS kind, i.f AS from_month, i.t AS to_month FROM idle i
    UNION ALL
    SELECT b.worker_id, 'below_baseline', b.m, b.m
    FROM above b JOIN income_workers iw ON iw.worker_id = b.worker_id
    LEFT JOIN y ON y.worker_id = b.worker_id AND y.month = b.m
    WHERE iw.baseline_fen > 0 AND coalesce(y.earned_fen, 0) < iw.baseline_fen
      AND NOT EXISTS (SELECT 1 FROM idle i WHERE i.worker_id = b.worker_id AND b.m BETWEEN i.f AND i.t)),
  nr AS (
    SELECT x.worker_id, x.kind, x.from_month, x.to_month, w.region_code, w.name
    FROM want x JOIN workers w ON w.id = x.worker_id),
  gone AS (
    DELETE FROM income_alerts a WHERE a.worker_id = ANY (ws)
      AND NOT EXISTS (SELECT 1 FROM nr r WHERE (r.worker_id, r.kind, r.from_month, r.to_month, r.region_code, r.name)
                                                 = (a.worker_id, a.kind, a.from_month, a.to_month, a.region_code, a.name)))
  INSERT INTO income_alerts (worker_id, kind, from_month, to_month, region_code, name)
  SELECT r.worker_id, r.kind, r.from_month, r.to_month, r.region_code, r.name FROM nr r
  WHERE NOT EXISTS (SELECT 1 FROM income_alerts a WHERE a.worker_id = r.worker_id AND (a.kind, a.from_month, a.to_month, a.region_code, a.name)
                                                      = (r.kind, r.from_month, r.to_month, r.region_code, r.name))
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
