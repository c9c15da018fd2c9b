-- A simulated shop of __N__ single-line sale orders from about __C__ customers (skewed: a few buy often), in 2024,
-- written straight into a Segmenta workspace (bench/rfm-scale-bench.sh substitutes __N__ and __C__). Seeded by
-- hash(), so every run writes the same rows. Amounts are log-normal-like (about 4 to 440).
INSERT INTO order_lines
SELECT 'o' || i, 1, 'c' || CAST(floor(__C__ * pow((hash(i, 11) % 1000000007) / 1000000007.0, 1.5)) AS BIGINT),
       TIMESTAMP '2024-01-01' + to_seconds(CAST(hash(i, 12) % (365 * 86400) AS BIGINT)),
       'sale', 'placed', 'p' || (hash(i, 13) % 5000), NULL, NULL, q, p, q * p, NULL, NULL, 1
FROM (SELECT i, CAST(1 + hash(i, 14) % 4 AS DOUBLE) AS q, round(exp(3 + 1.0 * ((hash(i, 15) % 1000000) / 1000000.0 - 0.5) * 3.4), 2) AS p
      FROM range(__N__) t(i));
INSERT INTO orders SELECT order_id, customer_id, ordered_at, kind, status, NULL, NULL, NULL, NULL, 1, quantity, amount, NULL, 1 FROM order_lines;
INSERT INTO customers (customer_id, import_id) SELECT DISTINCT customer_id, 1 FROM order_lines;
