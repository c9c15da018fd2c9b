#!/usr/bin/env bash
# RFM + segments at 1 M, 10 M and 100 M orders (customers = orders / 10), whole process, beside
# DuckDB's own raw SQL for the same aggregation — counting the segments (bench/scripts/rfm_raw.sql,
# the "no overhead" line) and storing every customer's scores and segment (rfm_raw_store.sql) — and
# the pandas peer (groupby + rank + np.select on a pre-loaded pickle) in the same run.
# Needs Debian's python3-pandas. Workspaces and pickles are kept in bench/data/ for reruns.
# usage: bench/rfm-scale-bench.sh [runs=3] [sizes="1000000 10000000 100000000"]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; sizes=${2:-"1000000 10000000 100000000"}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/duckdb-sql -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
raw="dotnet bench/duckdb-sql/bin/Release/net10.0/DuckDbSql.dll"
out=bench/out/rfm-scale.jsonl; mkdir -p bench/out bench/data; : > "$out"
for n in $sizes; do
  ws=bench/data/rfm-$n
  bench/scripts/rfm_workspace.sh "$n"
  for i in $(seq "$runs"); do
    s=$( { /usr/bin/time -f "%e" $seg -w "$ws" --json rfm --as-of 2025-01-01 --basis purchases > "$ws/rfm.json"; } 2>&1 | tail -1)
    r=$( { /usr/bin/time -f "%e" $raw "$ws/segmenta.duckdb" bench/scripts/rfm_raw.sql > /dev/null; } 2>&1 | tail -1)
    w=$( { SEGMENTA_BENCH_WRITE=1 /usr/bin/time -f "%e" $raw "$ws/segmenta.duckdb" bench/scripts/rfm_raw_store.sql > /dev/null; } 2>&1 | tail -1)
    $seg -w "$ws" sql "DROP TABLE bench_raw_scores; CHECKPOINT" > /dev/null
    p=$( { /usr/bin/time -f "%e" /usr/bin/python3 bench/scripts/pandas_rfm.py "$ws/orders.pkl" 2025-01-01 --orders > "$ws/pandas.txt"; } 2>&1 | tail -1)
    echo "{\"orders\": $n, \"run\": $i, \"segmenta\": $s, \"duckdb_raw_sql\": $r, \"duckdb_raw_sql_stored\": $w, \"pandas\": $p, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee -a "$out"
  done
  /usr/bin/python3 bench/scripts/same_segments.py "$ws/rfm.json" "$ws/pandas.txt"
done
/usr/bin/python3 bench/scripts/scale_table.py "$out" segmenta duckdb_raw_sql duckdb_raw_sql_stored pandas
