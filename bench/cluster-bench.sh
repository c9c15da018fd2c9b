#!/usr/bin/env bash
# k-means on 1,000,000 × 10, k = 8, against scikit-learn's KMeans with the same settings, and FP-Growth on
# Groceries at support 0.001 — in the same run. Needs Debian's python3-sklearn.
# usage: bench/cluster-bench.sh [runs=3] [restarts=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
restarts=${2:-5}
n=1000000; d=10; k=8
mkdir -p bench/data
[ -f bench/data/blobs-1m-10.bin ] || /usr/bin/python3 bench/scripts/gen_blobs.py $n $d $k bench/data/blobs-1m-10.bin
dotnet build bench/cluster-bench -c Release -v quiet -nologo >/dev/null
bin=bench/cluster-bench/bin/Release/net10.0/ClusterBench.dll
groceries=${SEGMENTA_DATA:-../shared/data}/groceries/groceries.csv
for i in $(seq "$runs"); do
  dotnet $bin kmeans bench/data/blobs-1m-10.bin $n $d $k "$restarts"
  OMP_NUM_THREADS=2 /usr/bin/python3 bench/scripts/sklearn_kmeans.py bench/data/blobs-1m-10.bin $n $d $k "$restarts"
  dotnet $bin fpgrowth "$groceries" 0.001
done
