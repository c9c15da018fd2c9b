#!/usr/bin/env bash
# Shop metrics (`segmenta metrics`: headline figures, monthly revenue, campaigns, hour × weekday over the
# whole history) on the simulated shops of bench/scripts/rfm_workspace.sh, whole process, beside DuckDB's
# own raw SQL for the same order figures (bench/scripts/metrics_raw.sql, the "no overhead" line), in the
# same run; checks first that both give the same figures. With BENCH_JSONL set, each run also appends a
# bench/run-all.sh JSON line to that file.
# usage: bench/metrics-bench.sh [runs=3] [sizes="1000000 10000000 100000000"]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; sizes=${2:-"1000000 10000000 100000000"}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/duckdb-sql -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
raw="dotnet bench/duckdb-sql/bin/Release/net10.0/DuckDbSql.dll"
for n in $sizes; do
  ws=bench/data/rfm-$n
  bench/scripts/rfm_workspace.sh "$n"
  $seg -w "$ws" --json metrics > "$ws/metrics.json"
  $seg -w "$ws" --json sql "$(grep -v '^--' bench/scripts/metrics_raw.sql)" > "$ws/metrics-raw.json"
  /usr/bin/python3 bench/scripts/same_metrics.py "$ws/metrics.json" "$ws/metrics-raw.json"
  for i in $(seq "$runs"); do
    s=$( { /usr/bin/time -f "%e" $seg -w "$ws" --json metrics > /dev/null; } 2>&1 | tail -1)
    r=$( { /usr/bin/time -f "%e" $raw "$ws/segmenta.duckdb" bench/scripts/metrics_raw.sql > /dev/null; } 2>&1 | tail -1)
    line="{\"bench\": \"metrics\", \"size\": $n, \"run\": $i, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"times\": {\"segmenta\": $s, \"duckdb_raw_sql\": $r}}"
    echo "$line"; [ -z "${BENCH_JSONL:-}" ] || echo "$line" >> "$BENCH_JSONL"
  done
done
