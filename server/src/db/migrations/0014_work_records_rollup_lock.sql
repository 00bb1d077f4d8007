-- Serialise roll-up maintenance of work-record inserts (deadlock fix); body as in 0012 otherwise.
CREATE OR REPLACE FUNCTION cockpit_work_records_ins_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ks uuid[];
BEGIN
  -- One writer of work records at a time, taken before any roll-up row: concurrent day sheets could
  -- otherwise lock month and person-count rows in opposite orders and deadlock (seen on PostgreSQL
  -- under concurrent API load). Writers of one month already queued on the province-month row.
  PERFORM pg_advisory_xact_lock(7007, 0);
  INSERT INTO cockpit_sums AS s (node, month, parent, level, wages_fen, good_qty)
  SELECT n.node, g.m, n.parent, n.level, sum(g.w), sum(g.q)
  FROM (SELECT r.region_code, r.workshop_id, cockpit_month(r.work_date) AS m, sum(r.amount_fen) AS w, sum(r.good_qty) AS q
        FROM new_rows r GROUP BY 1, 2, 3) g
  CROSS JOIN LATERAL cockpit_nodes(g.region_code, g.workshop_id) n
  GROUP BY n.node, g.m, n.parent, n.level
  ORDER BY n.node, g.m
  ON CONFLICT (node, month) DO UPDATE SET wages_fen = s.wages_fen + excluded.wages_fen, good_qty = s.good_qty + excluded.good_qty;

  SELECT array_agg(DISTINCT r.worker_id ORDER BY r.worker_id) INTO ks FROM new_rows r;
  -- Two writers for one worker would each count from a stale view of the other: serialise per worker, in id order.
  PERFORM pg_advisory_xact_lock(7007, hashtext(k::text)) FROM unnest(ks) AS k;
  PERFORM cockpit_bump_counts(ks, -1);
  INSERT INTO cockpit_worker_months AS x (worker_id, month, workshop_id, region_code, amount_fen, low_income_fen, disabled_fen)
  SELECT r.worker_id, cockpit_month(r.work_date), r.workshop_id, r.region_code, sum(r.amount_fen),
    coalesce(sum(r.amount_fen) FILTER (WHERE r.low_income), 0), coalesce(sum(r.amount_fen) FILTER (WHERE r.disabled), 0)
  FROM new_rows r
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (worker_id, month, workshop_id, region_code) DO UPDATE SET
    amount_fen = x.amount_fen + excluded.amount_fen,
    low_income_fen = x.low_income_fen + excluded.low_income_fen,
    disabled_fen = x.disabled_fen + excluded.disabled_fen;
  PERFORM cockpit_bump_counts(ks, 1);
  RETURN NULL;
END $$;
