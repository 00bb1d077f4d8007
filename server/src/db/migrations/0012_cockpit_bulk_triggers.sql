-- Faster roll-up maintenance for bulk inserts: read the statement's new rows straight from the transition table
-- (no jsonb round trip) and expand nodes inline instead of calling a set-returning function per row.
-- The new cockpit_worker_contrib() (the same inline expansion for a set of workers) is left out here: nothing ran it
-- before a later migration defined it again (its one current definition is in server/src/db/sql/cockpit.sql).
CREATE OR REPLACE FUNCTION cockpit_work_records_ins_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ks uuid[];
BEGIN
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
--> statement-breakpoint
DROP TRIGGER IF EXISTS cockpit_work_records_ins ON work_records;
--> statement-breakpoint
CREATE TRIGGER cockpit_work_records_ins AFTER INSERT ON work_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cockpit_work_records_ins_trg();
--> statement-breakpoint
-- cockpit_rebuild_worker_counts(), the rebuild's person counts through the same inline expansion, is left out here:
-- nothing ran it before 0028 defined it again (its one current definition is in server/src/db/sql/cockpit.sql).
-- Recomputes every roll-up from the base tables (after a bulk load with triggers off, or as a repair).
CREATE OR REPLACE FUNCTION cockpit_rebuild() RETURNS void LANGUAGE plpgsql AS $$
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
END $$;
