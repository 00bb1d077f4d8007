-- Cockpit roll-ups: figures per region level × month kept by triggers on the fact tables; work records only
-- queue their ids (cockpit_pending_work) and cockpit_fold_work() folds the queue set-based. cockpit_rebuild()
-- recomputes everything from the base tables. See server/src/modules/cockpit/README.md.
-- The one current definition: edit here, then `npm run db:sql -- --name <why>` writes a migration that applies it.
-- A test compares the live database with this file.

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

CREATE OR REPLACE FUNCTION cockpit_bump_counts(ks uuid[], sgn integer)
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO cockpit_worker_counts AS c (node, kind, month, prev, parent, n)
  SELECT x.node, x.kind, x.month, x.prev, x.parent, sgn * x.n FROM cockpit_worker_contrib(ks) x
  ORDER BY x.node, x.kind, x.month, x.prev
  ON CONFLICT (node, kind, month, prev) DO UPDATE SET n = c.n + excluded.n
$function$;

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

CREATE OR REPLACE FUNCTION cockpit_month(d date)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
  SELECT (extract(year FROM d)::int * 12 + extract(month FROM d)::int - 1)
$function$;

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

CREATE OR REPLACE FUNCTION cockpit_rebuild()
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_advisory_xact_lock(7007, 0);
  TRUNCATE cockpit_pending_work;
  PERFORM cockpit_rebuild_from_base();
END $function$;

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

CREATE OR REPLACE FUNCTION cockpit_work_records_ins_trg()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO cockpit_pending_work (id) SELECT id FROM new_rows;
  RETURN NULL;
END $function$;

CREATE OR REPLACE FUNCTION cockpit_worker_contrib(ks uuid[])
 RETURNS TABLE(node text, parent text, kind smallint, month integer, prev integer, n bigint)
 LANGUAGE sql
 STABLE
AS $function$
  SELECT b.node, b.parent, b.kind, b.month, b.prev, count(*)
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
      WHERE wm.worker_id = ANY (ks)
        AND (l.level IN (0, 6) OR length(wm.region_code) >= (ARRAY[2, 4, 6, 9, 12])[l.level])
        AND CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END <> 0
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(CASE k.kind WHEN 0 THEN wm.amount_fen WHEN 1 THEN wm.low_income_fen ELSE wm.disabled_fen END) > 0
    ) a
  ) b
  GROUP BY b.node, b.parent, b.kind, b.month, b.prev
$function$;

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

DROP TRIGGER IF EXISTS cockpit_collective_incomes ON collective_incomes;
CREATE TRIGGER cockpit_collective_incomes AFTER INSERT OR DELETE OR UPDATE ON collective_incomes FOR EACH ROW EXECUTE FUNCTION cockpit_collective_incomes_trg();

DROP TRIGGER IF EXISTS cockpit_deliveries ON deliveries;
CREATE TRIGGER cockpit_deliveries AFTER INSERT OR DELETE OR UPDATE ON deliveries FOR EACH ROW EXECUTE FUNCTION cockpit_deliveries_trg();

DROP TRIGGER IF EXISTS cockpit_sales_sessions ON sales_sessions;
CREATE TRIGGER cockpit_sales_sessions AFTER INSERT OR DELETE OR UPDATE ON sales_sessions FOR EACH ROW EXECUTE FUNCTION cockpit_sales_sessions_trg();

DROP TRIGGER IF EXISTS cockpit_tourism_records ON tourism_records;
CREATE TRIGGER cockpit_tourism_records AFTER INSERT OR DELETE OR UPDATE ON tourism_records FOR EACH ROW EXECUTE FUNCTION cockpit_tourism_records_trg();

DROP TRIGGER IF EXISTS cockpit_work_records_ins ON work_records;
CREATE TRIGGER cockpit_work_records_ins AFTER INSERT ON work_records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cockpit_work_records_ins_trg();

DROP TRIGGER IF EXISTS cockpit_workshop_enterprises ON workshop_enterprises;
CREATE TRIGGER cockpit_workshop_enterprises AFTER INSERT OR DELETE OR UPDATE ON workshop_enterprises FOR EACH ROW EXECUTE FUNCTION cockpit_workshop_enterprises_trg();

DROP TRIGGER IF EXISTS cockpit_status_history ON workshop_status_history;
CREATE TRIGGER cockpit_status_history AFTER INSERT OR DELETE OR UPDATE ON workshop_status_history FOR EACH ROW EXECUTE FUNCTION cockpit_status_history_trg();

DROP TRIGGER IF EXISTS cockpit_workshops ON workshops;
CREATE TRIGGER cockpit_workshops AFTER INSERT OR DELETE OR UPDATE ON workshops FOR EACH ROW EXECUTE FUNCTION cockpit_workshops_trg();
