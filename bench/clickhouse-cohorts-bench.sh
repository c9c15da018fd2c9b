#!/usr/bin/env bash
# Cohorts (monthly and weekly) and the quality report on the same workspace: DuckDB (embedded) vs the
# two-shard ClickHouse 18.16 cluster on loopback, whole processes, in the same run; checks first that
# both engines print the same cohort grid and stored counts. Needs clickhouse-server (Debian package).
# usage: bench/clickhouse-cohorts-bench.sh [lines=1000000] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
runs=${2:-5}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
data=bench/data/orders-$lines.csv
mkdir -p bench/data
[ -f "$data" ] || /usr/bin/python3 bench/scripts/gen_orders.py "$lines" "$data"
ws=$(mktemp -d); ch=$(mktemp -d)
trap '.ci/scripts/clickhouse-cluster.sh stop "$ch"; rm -rf "$ws" "$ch"' EXIT
.ci/scripts/clickhouse-cluster.sh start "$ch" 28223 >/dev/null
engine="clickhouse://127.0.0.1:28223,127.0.0.1:28233/bench"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "segmenta import: %e s" $seg -w "$ws" --json import orders "$data" >/dev/null
/usr/bin/time -f "ship + clickhouse cohorts (first run): %e s" $seg -w "$ws" --json cohorts --engine "$engine" >"$ws/ch.json"
$seg -w "$ws" --json cohorts >"$ws/duck.json"
$seg -w "$ws" --json quality --engine "$engine" >"$ws/chq.json"
$seg -w "$ws" --json quality >"$ws/duckq.json"
/usr/bin/python3 - "$ws/duck.json" "$ws/ch.json" "$ws/duckq.json" "$ws/chq.json" <<'PY'
import json, sys
d, c, dq, cq = (json.load(open(f)) for f in sys.argv[1:5])
key = lambda r: [(x["cohort"], x["period"], x["cohort_size"], x["customers"]) for x in r["cells"]]
assert key(d) == key(c), "cohort grids differ"
assert all(abs(a["revenue"] - b["revenue"]) <= 1e-9 * max(abs(a["revenue"]), 1) for a, b in zip(d["cells"], c["cells"]))
for k, v in dq["stored"].items():
    w = cq["stored"][k]
    assert v == w or (isinstance(v, float) and abs(v - w) <= 1e-9 * abs(v)), (k, v, w)
print(f"agreement: {c['cohorts']} cohorts, {len(c['cells'])} cells identical; {len(cq['stored'])} stored counts identical")
PY
for i in $(seq "$runs"); do
  /usr/bin/time -f "duckdb cohorts:            %e s" $seg -w "$ws" --json cohorts >/dev/null
  /usr/bin/time -f "clickhouse cohorts:        %e s" $seg -w "$ws" --json cohorts --engine "$engine" >/dev/null
  /usr/bin/time -f "duckdb cohorts (week):     %e s" $seg -w "$ws" --json cohorts --period week >/dev/null
  /usr/bin/time -f "clickhouse cohorts (week): %e s" $seg -w "$ws" --json cohorts --period week --engine "$engine" >/dev/null
  /usr/bin/time -f "duckdb quality:            %e s" $seg -w "$ws" --json quality >/dev/null
  /usr/bin/time -f "clickhouse quality:        %e s" $seg -w "$ws" --json quality --engine "$engine" >/dev/null
done
