-- Step 2 of 3 (see gen_events_plan.sql), run once per month __M__ = 1..12: the month's events in time order, as the
-- importer stores them, and their sessions, aggregated exactly as the importer's RebuildSessionsAsync does.
-- Event types: page_view, product_view, add_to_cart, remove_from_cart, begin_checkout, coupon_applied, purchase,
-- and message_open/message_click opening the e-mail sessions.
INSERT INTO events
WITH s AS (
  SELECT s.*, o.amount FROM bench_session_plan s
  LEFT JOIN (SELECT key, sum(quantity * unit_price) AS amount FROM bench_order_plan GROUP BY key) o USING (key)
  WHERE month(s.started_at) = __M__),
e AS (
  SELECT *, started_at + to_seconds(pos * step_s) AS occurred_at,
         CASE WHEN buys AND pos = n - 1 THEN 'purchase'
              WHEN buys AND pos = n - 2 THEN 'begin_checkout'
              WHEN buys AND pos = n - 3 AND coupon THEN 'coupon_applied'
              WHEN buys AND pos >= n - 4 THEN 'add_to_cart'
              WHEN channel = 'email' AND n >= 3 AND pos = 0 THEN 'message_open'
              WHEN channel = 'email' AND n >= 3 AND pos = 1 THEN 'message_click'
              WHEN NOT buys AND n >= 4 AND pos = n - 1 AND hash(key, 20) % 100 < 10 THEN 'begin_checkout'
              WHEN pos = 0 THEN 'page_view'
              ELSE CASE WHEN hash(key, pos, 21) % 100 < 50 THEN 'product_view' WHEN hash(key, pos, 21) % 100 < 83 THEN 'page_view'
                        WHEN hash(key, pos, 21) % 100 < 94 THEN 'add_to_cart' WHEN hash(key, pos, 21) % 100 < 97 THEN 'remove_from_cart' WHEN hash(key, pos, 21) % 100 < 99 THEN 'page_view'
                        ELSE 'coupon_applied' END END AS event_type,
         -- mostly the session's home category, one view in five elsewhere in the 20,000-product catalogue
         CAST(CASE WHEN hash(key, pos, 22) % 5 = 0 THEN hash(key, pos, 23) % 20000
                   ELSE home_category * 100 + hash(key, pos, 23) % 100 END AS BIGINT) AS product
  FROM (SELECT *, unnest(range(n)) AS pos FROM s))
SELECT 'e' || (key * 64 + pos), customer_id, anonymous_id, event_type, occurred_at, session_id,
       CASE WHEN event_type IN ('product_view', 'add_to_cart', 'remove_from_cart') THEN '/p/' || product
            WHEN event_type IN ('begin_checkout', 'coupon_applied') THEN '/checkout'
            WHEN event_type = 'purchase' THEN '/checkout/done'
            WHEN event_type = 'page_view' THEN '/c/cat' || home_category END,
       CASE WHEN pos = 0 AND channel IN ('organic', 'paid_search') THEN 'https://search.example/' END,
       device, channel, CASE WHEN channel = 'email' THEN 'newsletter-2024-' || __M__ END,
       CASE WHEN event_type IN ('product_view', 'add_to_cart', 'remove_from_cart') THEN 'p' || product END,
       CASE WHEN event_type IN ('product_view', 'add_to_cart', 'remove_from_cart') THEN 'cat' || (product // 100) END,
       CASE WHEN event_type IN ('add_to_cart', 'remove_from_cart') THEN round(exp(2.5 + (hash(product, 14) % 1000) / 1000.0 * 2.5), 2)
            WHEN event_type = 'purchase' THEN amount END,
       CASE WHEN event_type = 'purchase' THEN 'o' || key END,
       2
FROM e ORDER BY occurred_at;

INSERT INTO sessions
SELECT session_id,
       split_part(session_id, '#', 1) AS actor_id,
       CASE WHEN NOT starts_with(session_id, 'anon:') THEN split_part(session_id, '#', 1) END AS customer_id,
       any_value(anonymous_id) AS anonymous_id,
       min(occurred_at) AS started_at, max(occurred_at) AS ended_at, count(*) AS events,
       count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
       count(*) FILTER (WHERE event_type = 'product_view') AS product_views,
       count(*) FILTER (WHERE event_type = 'add_to_cart') AS cart_adds,
       count(*) FILTER (WHERE event_type = 'begin_checkout') AS checkouts,
       count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
       arg_min(device, occurred_at) AS device, arg_min(channel, occurred_at) AS channel
FROM events WHERE occurred_at >= make_timestamp(2024, __M__, 1, 0, 0, 0) AND occurred_at < make_timestamp(2024, __M__, 1, 0, 0, 0) + INTERVAL 1 MONTH
GROUP BY session_id;
CHECKPOINT;
