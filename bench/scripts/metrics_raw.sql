-- The order figures of `segmenta metrics` over the whole history of a UTC shop (bench/metrics-bench.sh)
-- as one hand-written DuckDB statement: the "no overhead" line. Same definitions as docs/metrics.md
-- (gross and net revenue, orders, buying customers, repeaters, average lifespan, monthly revenue,
-- revenue by campaign, sale orders per weekday and hour); over the whole history every buyer is new,
-- none returning and nobody is in the 90 days before it, so those need no pass of their own. Long
-- form: one row per figure, keys k1/k2, up to three values.
WITH sale AS (SELECT customer_id, ordered_at, amount, campaign_id FROM orders WHERE kind = 'sale'),
per AS (SELECT customer_id, count(*) AS orders, min(ordered_at) AS first_at, max(ordered_at) AS last_at
        FROM sale WHERE customer_id IS NOT NULL GROUP BY 1)
SELECT 'gross' AS figure, NULL AS k1, NULL AS k2, sum(amount) AS v1, NULL AS v2, NULL AS v3 FROM sale
UNION ALL SELECT 'net', NULL, NULL, sum(amount), NULL, NULL FROM orders WHERE (kind = 'sale' AND status = 'placed') OR kind = 'cancellation'
UNION ALL SELECT 'orders', NULL, NULL, count(*), NULL, NULL FROM sale
UNION ALL SELECT 'customers', NULL, NULL, count(*), count(*) FILTER (WHERE orders >= 2), avg(date_diff('day', first_at::DATE, last_at::DATE)) FROM per
UNION ALL SELECT 'month', strftime(date_trunc('month', ordered_at), '%Y-%m'), NULL,
                 round(sum(amount) FILTER (WHERE kind = 'sale'), 2),
                 round(sum(amount) FILTER (WHERE (kind = 'sale' AND status = 'placed') OR kind = 'cancellation'), 2),
                 count(*) FILTER (WHERE kind = 'sale')
          FROM orders WHERE ordered_at IS NOT NULL GROUP BY 2
UNION ALL SELECT 'campaign', coalesce(campaign_id, '(none)'), NULL, count(*), count(DISTINCT customer_id), round(sum(amount), 2) FROM sale GROUP BY 2
UNION ALL SELECT 'hour', CAST(isodow(ordered_at) AS VARCHAR), CAST(hour(ordered_at) AS VARCHAR), count(*), NULL, NULL FROM sale GROUP BY 2, 3
