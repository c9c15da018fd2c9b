-- As rfm_raw.sql, but storing the result the way `segmenta rfm` does: every customer's R, F, M inputs
-- and scores and their segment written to a table in the database file (then dropped by the script).
CREATE OR REPLACE TABLE bench_raw_scores AS
WITH per AS (
  SELECT customer_id,
         date_diff('day', CAST(max(ordered_at) AS DATE), DATE '2025-01-01') AS recency_days,
         count(*) AS frequency, sum(amount) AS monetary, CAST(min(ordered_at) AS DATE) AS first_day
  FROM orders
  WHERE kind = 'sale' AND customer_id IS NOT NULL AND amount > 0 AND ordered_at < TIMESTAMP '2025-01-01'
  GROUP BY 1),
scored AS (
  SELECT *, CAST(1 + floor(5 * (rank() OVER (ORDER BY recency_days DESC) - 1) / count(*) OVER ()) AS INTEGER) AS r,
         CAST(1 + floor(5 * (rank() OVER (ORDER BY frequency ASC) - 1) / count(*) OVER ()) AS INTEGER) AS f,
         CAST(1 + floor(5 * (rank() OVER (ORDER BY monetary ASC) - 1) / count(*) OVER ()) AS INTEGER) AS m,
         date_diff('day', first_day, DATE '2025-01-01') < 30 AS is_new
  FROM per)
SELECT *, CASE
         WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'vip'
         WHEN r BETWEEN 2 AND 3 AND f >= 4 AND m >= 4 THEN 'lapsing_vip'
         WHEN r >= 4 AND f >= 3 AND m >= 2 THEN 'potential_vip'
         WHEN is_new THEN 'new'
         WHEN r >= 4 THEN 'catch_now'
         WHEN r = 3 THEN 'needs_attention'
         WHEN r = 2 THEN 'at_risk'
         WHEN r = 1 AND f >= 4 AND m >= 4 THEN 'churned_vip'
         WHEN r = 1 AND f >= 3 AND m >= 2 THEN 'churned_potential_vip'
         ELSE 'churned' END AS segment
FROM scored;
SELECT segment, count(*) AS customers FROM bench_raw_scores GROUP BY 1 ORDER BY 1;
