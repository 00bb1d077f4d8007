-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
CREATE OR REPLACE FUNCTION cockpit_fold_work(max_lines integer DEFAULT NULL::integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
DECLARE ids bigint[]; ks uuid[]; lo bigint; hi bigint; dense boolean;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM cockpit_pending_work) THEN RETURN 0; END IF;
  -- One folder at a time: the roll-up rows of a region are shared by all its workshops.
  PERFORM pg_advisory_xact_lock(7007, 0);
  -- Only committed ids are visible here; a writer still in flight is folded by the next call.
  IF max_lines IS NULL THEN
    WITH d AS (DELETE FROM cockpit_pending_work RETURNING id) SELECT array_agg(id) INTO ids FROM d;
  ELSE
    WITH d AS (DELETE FROM cockpit_pending_work WHERE id IN (SELECT id FROM cockpit_pending_work ORDER BY id LIMIT max_lines) RETURNING id)
    SELECT array_agg(id) INTO ids FROM d;
  END IF;
  IF ids IS NULL THEN RETURN 0; END IF;
  -- The lines are read by id range (one index range scan) and, only when the ids have gaps, filtered by the
  -- list: a bulk write queues one dense range, and looking up 40,000 ids one by one cost ten times the scan.
  SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;
  dense := hi - lo + 1 = cardinality(ids);

  INSERT INTO cockpit_sums AS s (node, month, parent, level, wages_fen, good_qty)
  SELECT n.node, g.m, n.parent, n.level, sum(g.w), sum(g.q)
  FROM (SELECT r.region_code, r.workshop_id, cockpit_month(r.work_date) AS m, sum(r.amount_fen) AS w, sum(r.good_qty) AS q
        FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2, 3) g
  CROSS JOIN LATERAL cockpit_nodes(g.region_code, g.workshop_id) n
  GROUP BY n.node, g.m, n.parent, n.level
  ORDER BY n.node, g.m
  ON CONFLICT (node, month) DO UPDATE SET wages_fen = s.wages_fen + excluded.wages_fen, good_qty = s.good_qty + excluded.good_qty;

  -- Person counts depend only on which (worker, place, month, kind) sums are positive. While every sum of a
  -- worker is ≥ 0, that is "some row > 0", so only workers with a row crossing zero (or any negative sum,
  -- before or after) need their contributions taken out and put back; everyone else's counts stand.
  WITH d AS (
    SELECT r.worker_id, cockpit_month(r.work_date) AS month, r.workshop_id, r.region_code, sum(r.amount_fen) AS a,
      coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li, coalesce(sum(r.amount_fen) FILTER (WHERE r.disabled), 0) AS di
    FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2, 3, 4)
  SELECT array_agg(DISTINCT d.worker_id ORDER BY d.worker_id) INTO ks
  FROM d LEFT JOIN cockpit_worker_months x
    ON x.worker_id = d.worker_id AND x.month = d.month AND x.workshop_id = d.workshop_id AND x.region_code = d.region_code
  WHERE (coalesce(x.amount_fen, 0) > 0) <> (coalesce(x.amount_fen, 0) + d.a > 0)
     OR (coalesce(x.low_income_fen, 0) > 0) <> (coalesce(x.low_income_fen, 0) + d.li > 0)
     OR (coalesce(x.disabled_fen, 0) > 0) <> (coalesce(x.disabled_fen, 0) + d.di > 0)
     OR least(coalesce(x.amount_fen, 0) + d.a, coalesce(x.low_income_fen, 0) + d.li, coalesce(x.disabled_fen, 0) + d.di) < 0
     OR EXISTS (SELECT 1 FROM cockpit_worker_months y WHERE y.worker_id = d.worker_id AND least(y.amount_fen, y.low_income_fen, y.disabled_fen) < 0);

  IF ks IS NOT NULL THEN PERFORM cockpit_bump_counts(ks, -1); END IF;
  INSERT INTO cockpit_worker_months AS x (worker_id, month, workshop_id, region_code, amount_fen, low_income_fen, disabled_fen)
  SELECT r.worker_id, cockpit_month(r.work_date), r.workshop_id, r.region_code, sum(r.amount_fen),
    coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0), coalesce(sum(r.amount_fen) FILTER (WHERE r.disabled), 0)
  FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids))
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (worker_id, month, workshop_id, region_code) DO UPDATE SET
    amount_fen = x.amount_fen + excluded.amount_fen,
    low_income_fen = x.low_income_fen + excluded.low_income_fen,
    disabled_fen = x.disabled_fen + excluded.disabled_fen;
  IF ks IS NOT NULL THEN PERFORM cockpit_bump_counts(ks, 1); END IF;
  -- Income monitoring folds the same lines (server/src/db/sql/income.sql).
  PERFORM income_fold_records(ids);
  RETURN cardinality(ids);
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

  SELECT array_agg(DISTINCT r.worker_id ORDER BY r.worker_id) INTO ws FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids));
  IF ws IS NOT NULL THEN PERFORM income_refresh_workers(ws); END IF;
END $function$;
