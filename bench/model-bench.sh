#!/usr/bin/env bash
# Purchase-model training on 1,000,000 customers × 60 features against xgboost (hist, depth 6, same rounds,
# same threads) on the same matrix, in the same run, alternating; then scoring 10,000,000 rows. Needs python3-xgboost.
# Prints every run's JSON line, then the medians and the ratio. MLNET=1 adds ML.NET FastTree (the purchase model's
# trainer before LightGBM) and ML.NET's LightGBM trainer to each run.
# usage: bench/model-bench.sh [runs=3] [rounds=100] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; rounds=${2:-100}; threads=${3:-2}
n=1000000; d=60
mkdir -p bench/data
[ -f bench/data/cls-1m-60.x ] || /usr/bin/python3 bench/scripts/gen_classification.py $n $d bench/data/cls-1m-60.x bench/data/cls-1m-60.y
dotnet build bench/model-bench -c Release -v quiet -nologo >/dev/null
bench="dotnet bench/model-bench/bin/Release/net10.0/ModelBench.dll bench/data/cls-1m-60.x bench/data/cls-1m-60.y $n $d $rounds 64 $threads"
out=$(mktemp)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  # 64 leaves ≈ depth 6; LightGBM grows leaf-wise, xgboost depth-wise. Scoring 10 M rows in the last run only.
  $bench "$([ "$i" = "$runs" ] && echo 10000000 || echo 0)" | tee -a "$out"
  /usr/bin/python3 bench/scripts/xgboost_train.py bench/data/cls-1m-60.x bench/data/cls-1m-60.y $n $d "$rounds" 6 "$threads" | tee -a "$out"
  if [ "${MLNET:-0}" = 1 ]; then
    $bench 0 fasttree | tee -a "$out"
    $bench 0 mlnet-lightgbm no-metric | tee -a "$out"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    for k, v in json.loads(line).items():
        if k.endswith("_seconds") and (k != "segmenta_score_seconds" or v > 0):
            runs.setdefault(k, []).append(v)
median = {k: statistics.median(v) for k, v in runs.items()}
median["segmenta_over_xgboost"] = round(median["segmenta_train_seconds"] / median["xgboost_train_seconds"], 3)
print(json.dumps({"median": median, "runs": runs}))
PY
rm -f "$out"
