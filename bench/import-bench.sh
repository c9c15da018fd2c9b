#!/usr/bin/env bash
# Import + quality, whole process, against the pandas peer in the same run (docs/benchmarks.md).
# Needs Debian's python3-pandas:  apt-get install -y python3-pandas
# usage: bench/import-bench.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
mkdir -p bench/data
[ -f bench/data/orders-10m.csv ] || /usr/bin/python3 bench/scripts/gen_orders.py 10000000 bench/data/orders-10m.csv
/usr/bin/python3 bench/scripts/import_bench.py src/Segmenta.Cli/bin/Release/net10.0/segmenta "$runs" \
  ../shared/data/online_retail/OnlineRetail.csv.gz:online-retail bench/data/orders-10m.csv:csv
