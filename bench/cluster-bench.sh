#!/usr/bin/env bash
# k-means on 1,000,000 × 10, k = 8, against scikit-learn's KMeans with the same settings, and FP-Growth on
# Groceries at support 0.001 — in the same run. Needs Debian's python3-sklearn.
# POINTS sets the k-means size (seeded data, bench/data/blobs-<POINTS>-10.bin); WHAT runs only kmeans or
# only fpgrowth. With BENCH_JSONL set, each run also appends a bench/run-all.sh JSON line to that file.
# usage: bench/cluster-bench.sh [runs=3] [restarts=5] [points=1000000] [what=both|kmeans|fpgrowth]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
restarts=${2:-5}
n=${3:-1000000}; d=10; k=8
what=${4:-both}
blobs=bench/data/blobs-$n-10.bin
[ "$n" = 1000000 ] && blobs=bench/data/blobs-1m-10.bin
mkdir -p bench/data
if [ "$what" != fpgrowth ] && [ ! -f "$blobs" ]; then /usr/bin/python3 bench/scripts/gen_blobs.py $n $d $k "$blobs"; fi
dotnet build bench/cluster-bench -c Release -v quiet -nologo >/dev/null
bin=bench/cluster-bench/bin/Release/net10.0/ClusterBench.dll
groceries=${SEGMENTA_DATA:-../shared/data}/groceries/groceries.csv
seconds() { sed -n 's/.*fit: \([0-9.]*\) s.*/\1/p; s/.*mine \([0-9.]*\) s.*/\1/p' <<<"$1"; }
record() { [ -z "${BENCH_JSONL:-}" ] || echo "$1" >> "$BENCH_JSONL"; }
for i in $(seq "$runs"); do
  if [ "$what" != fpgrowth ]; then
    ours=$(dotnet $bin kmeans "$blobs" $n $d $k "$restarts"); echo "$ours"
    peer=$(OMP_NUM_THREADS=2 /usr/bin/python3 bench/scripts/sklearn_kmeans.py "$blobs" $n $d $k "$restarts"); echo "$peer"
    record "{\"bench\": \"clustering\", \"size\": $n, \"run\": $i, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"times\": {\"segmenta\": $(seconds "$ours"), \"scikit-learn\": $(seconds "$peer")}}"
  fi
  if [ "$what" != kmeans ]; then
    ours=$(dotnet $bin fpgrowth "$groceries" 0.001); echo "$ours"
    record "{\"bench\": \"basket\", \"size\": 9835, \"run\": $i, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"times\": {\"segmenta\": $(seconds "$ours")}}"
  fi
done
