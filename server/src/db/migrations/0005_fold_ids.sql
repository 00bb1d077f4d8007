-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
CREATE OR REPLACE FUNCTION cockpit_fold_ids(ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE ks uuid[]; lo bigint; hi bigint; dense boolean;
BEGIN
  -- Folds the given work records, taken off the queue (cockpit_fold_work) or, for a bulk write that kept its
  -- lines off the queue (the demo's load, triggers off), straight from the writer: each line exactly once.
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(7007, 0);
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
END $function$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cockpit_fold_work(max_lines integer DEFAULT NULL::integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
DECLARE ids bigint[]; cut bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM cockpit_pending_work) THEN RETURN 0; END IF;
  -- One folder at a time: the roll-up rows of a region are shared by all its workshops.
  PERFORM pg_advisory_xact_lock(7007, 0);
  -- Only committed ids are visible here; a writer still in flight is folded by the next call.
  IF max_lines IS NULL THEN
    WITH d AS (DELETE FROM cockpit_pending_work RETURNING id) SELECT array_agg(id) INTO ids FROM d;
  ELSE
    -- The first max_lines ids by one walk of the key, then deleted as a key range: `id IN (SELECT … LIMIT n)` was
    -- once planned as a join that ran for 12 minutes on a queue of millions of ids after an analyze.
    SELECT p.id INTO cut FROM cockpit_pending_work p ORDER BY p.id OFFSET max_lines - 1 LIMIT 1;
    IF cut IS NULL THEN
      WITH d AS (DELETE FROM cockpit_pending_work RETURNING id) SELECT array_agg(id) INTO ids FROM d;
    ELSE
      WITH d AS (DELETE FROM cockpit_pending_work WHERE id <= cut RETURNING id) SELECT array_agg(id) INTO ids FROM d;
    END IF;
  END IF;
  IF ids IS NULL THEN RETURN 0; END IF;
  PERFORM cockpit_fold_ids(ids);
  RETURN cardinality(ids);
END $function$;
