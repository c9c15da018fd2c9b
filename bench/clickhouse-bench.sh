#!/usr/bin/env bash
# RFM + segments on the same workspace: DuckDB (embedded) vs the two-shard ClickHouse 18.16 cluster on
# loopback vs pandas, whole processes, in the same run; checks that both engines give the same segment counts.
# Needs clickhouse-server (Debian package) and python3-pandas.
# usage: bench/clickhouse-bench.sh [lines=10000000] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-10000000}
runs=${2:-3}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
data=bench/data/orders-$lines.csv
mkdir -p bench/data
[ -f "$data" ] || /usr/bin/python3 bench/scripts/gen_orders.py "$lines" "$data"
ws=$(mktemp -d); ch=$(mktemp -d)
trap '.ci/scripts/clickhouse-cluster.sh stop "$ch"; rm -rf "$ws" "$ch"' EXIT
.ci/scripts/clickhouse-cluster.sh start "$ch" 28123 >/dev/null
engine="clickhouse://127.0.0.1:28123,127.0.0.1:28133/bench"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(clickhouse-server --version 2>/dev/null | head -1 || echo clickhouse), load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "segmenta import: %e s" $seg -w "$ws" --json import orders "$data" >/dev/null
/usr/bin/python3 bench/scripts/pandas_rfm.py --prepare "$data" "$ws/lines.pkl"
# First ClickHouse run ships the workspace (timed separately), later runs only check the fingerprint.
/usr/bin/time -f "ship + clickhouse rfm (first run): %e s" $seg -w "$ws" --json rfm --as-of 2025-01-01 --basis purchases --engine "$engine" >"$ws/ch.json"
$seg -w "$ws" --json rfm --as-of 2025-01-01 --basis purchases >"$ws/duck.json"
/usr/bin/python3 - "$ws/duck.json" "$ws/ch.json" <<'PY'
import json, sys
d, c = (json.load(open(f)) for f in sys.argv[1:3])
seg = lambda r: sorted((s["segment"], s["customers"]) for s in r["segments"])
assert d["scored"] == c["scored"] and seg(d) == seg(c), (d["scored"], c["scored"], seg(d), seg(c))
print(f"agreement: {c['scored']:,} customers scored, identical counts in {len(seg(c))} segments")
PY
for i in $(seq "$runs"); do
  /usr/bin/time -f "duckdb rfm:     %e s" $seg -w "$ws" --json rfm --as-of 2025-01-01 --basis purchases >/dev/null
  /usr/bin/time -f "clickhouse rfm: %e s" $seg -w "$ws" --json rfm --as-of 2025-01-01 --basis purchases --engine "$engine" >/dev/null
  /usr/bin/time -f "pandas rfm:     %e s" /usr/bin/python3 bench/scripts/pandas_rfm.py "$ws/lines.pkl" 2025-01-01 >/dev/null
done
