-- Applies what changed in server/src/db/sql/*.sql, the one current definition of each function and trigger.
CREATE OR REPLACE FUNCTION income_fold_records(ids bigint[])
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE ws uuid[]; lo bigint; hi bigint; dense boolean; ow uuid[]; om integer[];
BEGIN
  -- Called by cockpit_fold_work() under its advisory lock with the ids it took off the queue. Lines are read
  -- by id range, filtered by the list only when it has gaps (as in cockpit_fold_work).
  SELECT min(i), max(i) INTO lo, hi FROM unnest(ids) AS i;
  dense := hi - lo + 1 = cardinality(ids);
  SELECT array_agg(DISTINCT r.worker_id ORDER BY r.worker_id) INTO ws FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids));
  IF ws IS NULL THEN RETURN; END IF;
  PERFORM income_region_bump(ws, -1);
  -- The worker-months that had lines before: their days are recounted from the base table below. A new one's days
  -- are the batch's own dates with net earnings > 0.
  SELECT array_agg(x.worker_id), array_agg(x.month) INTO ow, om
  FROM income_worker_months x WHERE x.worker_id = ANY (ws)
    AND x.month BETWEEN (SELECT cockpit_month(min(r.work_date)) FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)))
                    AND (SELECT cockpit_month(max(r.work_date)) FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)));
  INSERT INTO income_worker_months AS x (worker_id, month, region_code, baseline_fen, earned_fen, low_line_fen, records, days)
  SELECT g.worker_id, g.month, w.region_code, w.baseline_monthly_income_fen, sum(g.a), sum(g.li), sum(g.n), count(*) FILTER (WHERE g.a > 0)
  FROM (SELECT r.worker_id, r.work_date, cockpit_month(r.work_date) AS month, sum(r.amount_fen) AS a,
          coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0) AS li,
          sum(CASE WHEN r.reversal_of IS NULL THEN 1 ELSE -1 END)::int AS n
        FROM work_records r WHERE r.id BETWEEN lo AND hi AND (dense OR r.id = ANY (ids)) GROUP BY 1, 2) g
  JOIN workers w ON w.id = g.worker_id
  GROUP BY g.worker_id, g.month, w.region_code, w.baseline_monthly_income_fen
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
