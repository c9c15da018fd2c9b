-- A simulated shop of __C__ customers and __A__ never-identified anonymous visitors browsing through 2024, step 1 of 3
-- (bench/features-bench.sh runs plan, then gen_events_month.sql once per month, then gen_events_finish.sql). Seeded by
-- hash(), so every run writes the same rows. This step plans the sessions (bench_session_plan, dropped at the end):
--   * customers have 1 to 33 sessions (skewed: a few visit often), anonymous visitors 1 to 3;
--   * 30 % of customers browse with a cookie (anonymous_id 'v…') before they log in: their sessions before the
--     identifying one carry only the cookie, later ones both ids, so the importer stitches all of them to the customer;
--   * a session starts in the first hour of a 3-hour slot of the year and lasts under 50 minutes, so sessions of one
--     person are always more than 30 minutes apart (the importer's session gap) and never cross midnight: the
--     session ids written here (person#n in time order) are the ones the importer would derive;
--   * a customer session is a purchase with the customer's propensity (0 to 25 %), ending view → cart → checkout →
--     (coupon) → purchase, with a matching order of 1 to 3 lines.
CREATE OR REPLACE TABLE bench_session_plan AS
WITH people AS (
  SELECT i AS pid, i < __C__ AS is_customer,
         CASE WHEN i < __C__ THEN 'c' || i END AS customer_id,
         CASE WHEN i >= __C__ OR hash(i, 1) % 10 < 3 THEN 'v' || i END AS cookie,
         CAST(CASE WHEN i < __C__ THEN 1 + floor(32 * pow((hash(i, 2) % 1000003) / 1000003.0, 3))
                   ELSE 1 + floor(3 * pow((hash(i, 2) % 1000003) / 1000003.0, 2)) END AS BIGINT) AS wanted,
         0.25 * pow((hash(i, 3) % 1000003) / 1000003.0, 2) AS buy_p
  FROM range(__C__ + __A__) t(i)),
slots AS (
  -- 2,920 three-hour slots in 2024 (a leap year: 2,928; the last day stays quiet); repeated slots merge
  SELECT pid, any_value(is_customer) AS is_customer, any_value(customer_id) AS customer_id, any_value(cookie) AS cookie,
         any_value(buy_p) AS buy_p, hash(pid, j, 4) % 2920 AS slot
  FROM (SELECT *, unnest(range(wanted)) AS j FROM people)
  GROUP BY pid, slot),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY pid ORDER BY slot) AS rank, count(*) OVER (PARTITION BY pid) AS sessions
  FROM slots),
shaped AS (
  SELECT pid * 64 + rank AS key, pid, rank, slot, cookie,
         -- cookie customers log in at a random one of their sessions; the ones before it are the cookie's only
         CASE WHEN is_customer AND (cookie IS NULL OR rank > hash(pid, 5) % sessions) THEN customer_id END AS customer_id,
         CASE WHEN is_customer THEN customer_id ELSE 'anon:' || cookie END AS actor_id,
         CAST(1 + floor(29 * pow((hash(pid, rank, 6) % 1000003) / 1000003.0, 2)) AS BIGINT) AS n0,
         buy_p
  FROM ranked)
SELECT key, actor_id || '#' || rank AS session_id, customer_id, cookie AS anonymous_id, slot,
       TIMESTAMP '2024-01-01' + to_seconds(CAST(slot * 10800 + hash(key, 7) % 3600 AS BIGINT)) AS started_at,
       buys, CASE WHEN buys THEN greatest(n0, 6) ELSE n0 END AS n,
       CAST(5 + hash(key, 8) % (3000 // CASE WHEN buys THEN greatest(n0, 6) ELSE n0 END) AS BIGINT) AS step_s,
       buys AND hash(key, 9) % 100 < 20 AS coupon,
       CASE WHEN hash(key, 10) % 100 < 55 THEN 'mobile' WHEN hash(key, 10) % 100 < 90 THEN 'desktop' ELSE 'tablet' END AS device,
       CASE WHEN hash(key, 11) % 100 < 30 THEN 'organic' WHEN hash(key, 11) % 100 < 45 THEN 'paid_search'
            WHEN hash(key, 11) % 100 < 55 THEN 'social' WHEN hash(key, 11) % 100 < 70 THEN 'email'
            WHEN hash(key, 11) % 100 < 78 THEN 'referral' ELSE 'direct' END AS channel,
       CAST(hash(key, 12) % 200 AS BIGINT) AS home_category
FROM (SELECT *, customer_id IS NOT NULL AND (hash(key, 13) % 1000003) / 1000003.0 < buy_p AS buys FROM shaped);

-- The orders of the purchase sessions: 1 to 3 lines of catalogue products (price fixed per product, 12 to 150).
CREATE OR REPLACE TABLE bench_order_plan AS
SELECT s.key, 'o' || s.key AS order_id, s.customer_id,
       s.started_at + to_seconds((s.n - 1) * s.step_s) AS ordered_at, s.coupon, l.line_number, l.product,
       'cat' || (l.product // 100) AS category, l.quantity,
       round(exp(2.5 + (hash(l.product, 14) % 1000) / 1000.0 * 2.5), 2) AS unit_price
FROM bench_session_plan s,
     LATERAL (SELECT j + 1 AS line_number,
                     CAST(CASE WHEN hash(s.key, j, 15) % 5 = 0 THEN hash(s.key, j, 16) % 20000
                               ELSE s.home_category * 100 + hash(s.key, j, 16) % 100 END AS BIGINT) AS product,
                     CAST(1 + (hash(s.key, j, 17) % 4 = 0)::INTEGER AS DOUBLE) AS quantity
              FROM range(CAST(1 + hash(s.key, 18) % 3 AS BIGINT)) r(j)) l
WHERE s.buys;
