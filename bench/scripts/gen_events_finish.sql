-- Step 3 of 3 (see gen_events_plan.sql): orders and lines (3 % of orders cancelled in full 3 days later, linked to
-- the sale as the importer links them), the customers, the identities the importer derives (a cookie's first event
-- that also carries the customer id), import_log rows, then the plans are dropped.
INSERT INTO order_lines
SELECT order_id, line_number, customer_id, ordered_at, 'sale', 'placed', 'p' || product, NULL, category, quantity,
       unit_price, quantity * unit_price, NULL, NULL, 1
FROM bench_order_plan
UNION ALL
SELECT 'r' || key, line_number, customer_id, ordered_at + INTERVAL 3 DAY, 'cancellation', 'placed', 'p' || product, NULL, category,
       -quantity, unit_price, -quantity * unit_price, order_id, NULL, 1
FROM bench_order_plan WHERE hash(key, 30) % 100 < 3
ORDER BY 4;
INSERT INTO orders
SELECT order_id, any_value(customer_id), min(ordered_at), any_value(kind), any_value(status),
       CASE WHEN hash(CAST(substr(any_value(order_id), 2) AS BIGINT), 9) % 100 < 20 AND any_value(kind) = 'sale' THEN 'SAVE10' END,
       NULL, NULL, NULL, count(*), sum(quantity), sum(amount), NULL, 1
FROM order_lines GROUP BY order_id ORDER BY 3;
INSERT INTO customers
SELECT 'c' || i, 'c' || i || '@example.com', NULL, TIMESTAMP '2023-01-01' + to_seconds(CAST(hash(i, 40) % (365 * 86400) AS BIGINT)),
       NULL, NULL, ['DE', 'FR', 'NL', 'AT', 'BE'][CAST(1 + hash(i, 41) % 5 AS BIGINT)], NULL, NULL, hash(i, 42) % 10 < 7, false, false, 3
FROM range(__C__) t(i);
INSERT INTO identities
SELECT anonymous_id, customer_id, min(started_at) FROM bench_session_plan
WHERE anonymous_id IS NOT NULL AND customer_id IS NOT NULL GROUP BY ALL;
INSERT INTO import_log VALUES
  (1, 'orders', 'bench/scripts/gen_events_finish.sql', 'sql', now(), now(), (SELECT count(*) FROM order_lines), (SELECT count(*) FROM order_lines), 0, NULL),
  (2, 'events', 'bench/scripts/gen_events_month.sql', 'sql', now(), now(), (SELECT count(*) FROM events), (SELECT count(*) FROM events), 0, NULL),
  (3, 'customers', 'bench/scripts/gen_events_finish.sql', 'sql', now(), now(), __C__, __C__, 0, NULL);
DROP TABLE bench_session_plan;
DROP TABLE bench_order_plan;
CHECKPOINT;
