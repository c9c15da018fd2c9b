#!/usr/bin/env bash
# Ingestion load test (issue 7 "Load"): a fresh workspace, an ingest and an admin key, `segmenta serve`
# on loopback, then bench/ingest-load for SECONDS with WORKERS connections posting batches of 100
# track events; afterwards it waits for the loader and checks the engine holds exactly the
# acknowledged events (count, distinct message ids, value checksum).
# With BENCH_JSONL set, also appends a bench/run-all.sh JSON line (events/s, latency, exactness) to that file.
# usage: bench/ingest-bench.sh [SECONDS=60] [WORKERS=4]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${1:-60}
WORKERS=${2:-4}
PORT=5097
dotnet build src/Segmenta.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/ingest-load -c Release -v q -nologo >/dev/null
WS=$(mktemp -d /tmp/segmenta-ingest-bench.XXXXXX)
S="dotnet src/Segmenta.Cli/bin/Release/net10.0/segmenta.dll -w $WS"
$S init >/dev/null
INGEST=$($S keys create load --scope ingest --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
ADMIN=$($S keys create ops --scope admin --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
$S serve --urls http://127.0.0.1:$PORT >"$WS/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WS"' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$PORT/v1/health >/dev/null && break; sleep 0.2; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
dotnet bench/ingest-load/bin/Release/net10.0/ingest-load.dll http://127.0.0.1:$PORT "$INGEST" "$ADMIN" "$SECONDS_RUN" "$WORKERS" 100 | tee "$WS/load.txt"
if [ -n "${BENCH_JSONL:-}" ]; then
  /usr/bin/python3 - "$WS/load.txt" "$SECONDS_RUN" "$WORKERS" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$BENCH_JSONL" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
num = lambda pattern: float(re.search(pattern, text).group(1).replace(",", ""))
print(json.dumps({"bench": "ingestion", "size": int(num(r"(\d+) events acknowledged")), "load": sys.argv[4],
                  "rates": {"events/s": num(r"= ([\d,.]+) events/s"), "p99 ms": num(r"p99 ([\d.]+) ms"), "429s": num(r"429s (\d+)")},
                  "note": f"{sys.argv[2]} s, {sys.argv[3]} connections, " + ("exact" if "EXACT" in text else "MISMATCH")}))
PY
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
