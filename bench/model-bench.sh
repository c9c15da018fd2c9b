#!/usr/bin/env bash
# Purchase-model training on 1,000,000 customers × 60 features against xgboost (hist, depth 6, same rounds,
# same threads) on the same matrix, in the same run; then scoring 10,000,000 rows. Needs python3-xgboost.
# usage: bench/model-bench.sh [runs=3] [rounds=100] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; rounds=${2:-100}; threads=${3:-2}
n=1000000; d=60
mkdir -p bench/data
[ -f bench/data/cls-1m-60.x ] || /usr/bin/python3 bench/scripts/gen_classification.py $n $d bench/data/cls-1m-60.x bench/data/cls-1m-60.y
dotnet build bench/model-bench -c Release -v quiet -nologo >/dev/null
for i in $(seq "$runs"); do
  # 64 leaves ≈ depth 6; ML.NET FastTree grows leaf-wise, xgboost depth-wise.
  dotnet bench/model-bench/bin/Release/net10.0/ModelBench.dll bench/data/cls-1m-60.x bench/data/cls-1m-60.y $n $d "$rounds" 64 "$threads" 10000000
  # the candidate replacement: ML.NET's LightGBM trainer, same rounds, leaves and threads (training only)
  dotnet bench/model-bench/bin/Release/net10.0/ModelBench.dll bench/data/cls-1m-60.x bench/data/cls-1m-60.y $n $d "$rounds" 64 "$threads" 0 lightgbm
  /usr/bin/python3 bench/scripts/xgboost_train.py bench/data/cls-1m-60.x bench/data/cls-1m-60.y $n $d "$rounds" 6 "$threads"
done
