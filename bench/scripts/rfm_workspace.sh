#!/usr/bin/env bash
# Builds, once, the simulated shop of N single-line sale orders from N / 10 customers in
# bench/data/rfm-N (bench/scripts/gen_orders.sql, hash-seeded: the same rows on every machine) and
# the pandas peer's pickle of it (orders.pkl, integer ids); a finished workspace is marked .complete.
# Shared by rfm-scale-bench.sh, metrics-bench.sh and clv-bench.sh.
# usage: bench/scripts/rfm_workspace.sh N     (from the repository root, segmenta built in Release)
set -euo pipefail
n=$1
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
ws=bench/data/rfm-$n
[ -f "$ws/.complete" ] && exit 0
rm -rf "$ws"; $seg init "$ws" >/dev/null
sed "s/__N__/$n/; s/__C__/$((n / 10))/" bench/scripts/gen_orders.sql > "$ws/gen.sql"
$seg -w "$ws" sql "$(cat "$ws/gen.sql")" >/dev/null
$seg -w "$ws" sql "COPY (SELECT CAST(substr(order_id, 2) AS BIGINT) AS order_id, CAST(substr(customer_id, 2) AS BIGINT) AS customer_id,
    strftime(ordered_at, '%Y-%m-%d %H:%M:%S') AS ordered_at, amount FROM orders WHERE kind = 'sale' AND amount > 0)
    TO '$PWD/$ws/orders.csv' (HEADER)" >/dev/null
/usr/bin/python3 bench/scripts/pandas_rfm.py --prepare-orders "$ws/orders.csv" "$ws/orders.pkl"
rm "$ws/orders.csv"; touch "$ws/.complete"
