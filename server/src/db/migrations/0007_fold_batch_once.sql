-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
CREATE OR REPLACE FUNCTION cockpit_fold_ids(ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE ks uuid[]; lo bigint; hi bigint; dense boolean;
  bw uuid[]; bm integer[]; bs uuid[]; br text[]; ba bigint[]; bli bigint[]; bdi bigint[]; bq bigint[];
BEGIN
  -- Folds the given work records, taken off the queue (cockpit_fold_work) or, for a bulk write that kept its
  -- lines off the queue (the demo's load, triggers off), straight from the writer: each line exactly once.
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(7007, 0);
  -- The lines are read by id range (one index range scan) and, only when the ids have gaps, filtered by the
  -- list: a bulk write queues one dense range, and looking up 40,000 ids one by one cost ten times the scan.
  SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;
  dense := hi - lo + 1 = cardinality(ids);
  -- The lines summed once per (worker, month, workshop, village), the grain of cockpit_worker_months: the sums,
  -- the counts' check and the worker months below read these arrays (about a fourteenth of the lines in a
  -- day-by-day load), not the lines three times.
  SELECT array_agg(g.worker_id), array_agg(g.month), array_agg(g.workshop_id), array_agg(g.region_code), array_agg(g.a),
    array_agg(g.li), array_agg(g.di), array_agg(g.q)
  INTO bw, bm, bs, br, ba, bli, bdi, bq
  FROM (SELECT r.worker_id, cockpit_month(r.work_date) AS month, r.workshop_id, r.region_code, sum(r.amount_fen)::bigint AS a,
          coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0)::bigint AS li,
          coalesce(sum(r.amount_fen) FILTER (WHERE r.disabled), 0)::bigint AS di, sum(r.good_qty)::bigint AS q
        FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids))
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) g;
  IF bw IS NULL THEN RETURN; END IF;

  INSERT INTO cockpit_sums AS s (node, month, parent, level, wages_fen, good_qty)
  SELECT n.node, g.m, n.parent, n.level, sum(g.w), sum(g.q)
  FROM (SELECT b.region_code, b.workshop_id, b.m, sum(b.a) AS w, sum(b.q) AS q
        FROM unnest(br, bs, bm, ba, bq) AS b(region_code, workshop_id, m, a, q) GROUP BY 1, 2, 3) g
  CROSS JOIN LATERAL cockpit_nodes(g.region_code, g.workshop_id) n
  GROUP BY n.node, g.m, n.parent, n.level
  ORDER BY n.node, g.m
  ON CONFLICT (node, month) DO UPDATE SET wages_fen = s.wages_fen + excluded.wages_fen, good_qty = s.good_qty + excluded.good_qty;

  -- Person counts depend only on which (worker, place, month, kind) sums are positive. While every sum of a
  -- worker is ≥ 0, that is "some row > 0", so only workers with a row crossing zero (or any negative sum,
  -- before or after) need their contributions taken out and put back; everyone else's counts stand.
  SELECT array_agg(DISTINCT d.worker_id ORDER BY d.worker_id) INTO ks
  FROM unnest(bw, bm, bs, br, ba, bli, bdi) AS d(worker_id, month, workshop_id, region_code, a, li, di)
  LEFT JOIN cockpit_worker_months x
    ON x.worker_id = d.worker_id AND x.month = d.month AND x.workshop_id = d.workshop_id AND x.region_code = d.region_code
  WHERE (coalesce(x.amount_fen, 0) > 0) <> (coalesce(x.amount_fen, 0) + d.a > 0)
     OR (coalesce(x.low_income_fen, 0) > 0) <> (coalesce(x.low_income_fen, 0) + d.li > 0)
     OR (coalesce(x.disabled_fen, 0) > 0) <> (coalesce(x.disabled_fen, 0) + d.di > 0)
     OR least(coalesce(x.amount_fen, 0) + d.a, coalesce(x.low_income_fen, 0) + d.li, coalesce(x.disabled_fen, 0) + d.di) < 0
     OR EXISTS (SELECT 1 FROM cockpit_worker_months y WHERE y.worker_id = d.worker_id AND least(y.amount_fen, y.low_income_fen, y.disabled_fen) < 0);

  IF ks IS NOT NULL THEN PERFORM cockpit_bump_counts(ks, -1); END IF;
  INSERT INTO cockpit_worker_months AS x (worker_id, month, workshop_id, region_code, amount_fen, low_income_fen, disabled_fen)
  SELECT d.worker_id, d.month, d.workshop_id, d.region_code, d.a, d.li, d.di
  FROM unnest(bw, bm, bs, br, ba, bli, bdi) AS d(worker_id, month, workshop_id, region_code, a, li, di)
  ON CONFLICT (worker_id, month, workshop_id, region_code) DO UPDATE SET
    amount_fen = x.amount_fen + excluded.amount_fen,
    low_income_fen = x.low_income_fen + excluded.low_income_fen,
    disabled_fen = x.disabled_fen + excluded.disabled_fen;
  IF ks IS NOT NULL THEN PERFORM cockpit_bump_counts(ks, 1); END IF;
  -- Income monitoring folds the same lines (server/src/db/sql/income.sql).
  PERFORM income_fold_records(ids);
END $function$;
--> statement-breakpoint
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
