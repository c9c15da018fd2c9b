#!/usr/bin/env bash
# BG/NBD (+ Gamma-Gamma, predictions for every customer) on 1,000,000 customers with 10,000,000 orders (the
# rfm-scale-bench workspace bench/data/rfm-10000000, built by `bench/rfm-scale-bench.sh 1 10000000` if missing),
# calibration to 2024-10-01 in days, beside a scipy fit of the same BG/NBD likelihood on the same summary (the way
# the `lifetimes` package fits it) in the same run. Prints one JSON line per run and the medians.
# usage: bench/clv-bench.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
ws=bench/data/rfm-10000000
[ -f "$ws/.complete" ] || bench/rfm-scale-bench.sh 1 10000000 >/dev/null
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
# The calibration summary as docs/models.md defines it (purchase days; the workspace keeps UTC), for the peer.
$seg -w "$ws" sql "COPY (
  WITH days AS (SELECT customer_id, CAST(ordered_at AS DATE) AS d FROM order_lines WHERE kind = 'sale' AND customer_id IS NOT NULL GROUP BY 1, 2),
       cal AS (SELECT customer_id, count(*) - 1 AS x, date_diff('day', min(d), max(d)) AS t_x, date_diff('day', min(d), DATE '2024-10-01') AS T
               FROM days WHERE d <= DATE '2024-10-01' GROUP BY 1)
  SELECT x, t_x, T FROM cal WHERE T > 0) TO '$PWD/$ws/clv-summary.csv' (HEADER)" >/dev/null
out=$(mktemp)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  trace=$(mktemp)
  start=$(date +%s.%N)
  SEGMENTA_TRACE=1 $seg -w "$ws" --json clv --calibration-end 2024-10-01 > "$ws/clv.json" 2> "$trace"
  end=$(date +%s.%N)
  fit=$(grep -oP '\[step\s+\K[0-9.]+(?= ms\] fitted bgnbd)' "$trace")
  rm -f "$trace"
  /usr/bin/python3 - "$ws/clv.json" "$start" "$end" "$fit" <<'PY' | tee -a "$out"
import json, sys
r = json.load(open(sys.argv[1]))
p = r["parameters"]
print(json.dumps({"segmenta_clv_seconds": round(float(sys.argv[3]) - float(sys.argv[2]), 2), "segmenta_bgnbd_fit_seconds": round(float(sys.argv[4]) / 1000, 2),
                  "customers": r["customers"], "r": p["r"]["estimate"], "alpha": p["alpha"]["estimate"], "a": p["a"]["estimate"], "b": p["b"]["estimate"],
                  "log_likelihood": r["log_likelihood"]}))
PY
  /usr/bin/python3 bench/scripts/bgnbd_scipy.py "$ws/clv-summary.csv" | tee -a "$out"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    for k, v in json.loads(line).items():
        if k.endswith("_seconds"):
            runs.setdefault(k, []).append(v)
median = {k: statistics.median(v) for k, v in runs.items()}
median["scipy_fit_over_segmenta_fit"] = round(median["scipy_bgnbd_fit_seconds"] / median["segmenta_bgnbd_fit_seconds"], 2)
print(json.dumps({"median": median, "runs": runs}))
PY
rm -f "$out"
