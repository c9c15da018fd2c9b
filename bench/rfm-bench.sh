#!/usr/bin/env bash
# RFM + segments, whole process, against pandas groupby + rank (same tie rule, same ten rules) in the same run.
# Needs Debian's python3-pandas. Uses bench/data/orders-10m.csv (made by import-bench.sh).
# usage: bench/rfm-bench.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
ws=$(mktemp -d)
[ -f bench/data/orders-10m.csv ] || /usr/bin/python3 bench/scripts/gen_orders.py 10000000 bench/data/orders-10m.csv
$seg -w "$ws" --json import orders bench/data/orders-10m.csv >/dev/null
# pandas gets its fastest start: the cleaned lines already in a pickle (not timed).
/usr/bin/python3 bench/scripts/pandas_rfm.py --prepare bench/data/orders-10m.csv "$ws/lines.pkl"
for i in $(seq "$runs"); do
  /usr/bin/time -f "segmenta rfm: %e s" $seg -w "$ws" --json rfm --as-of 2025-01-01 --basis purchases >/dev/null
  /usr/bin/time -f "pandas rfm:   %e s" /usr/bin/python3 bench/scripts/pandas_rfm.py "$ws/lines.pkl" 2025-01-01 >/dev/null
done
rm -rf "$ws"
