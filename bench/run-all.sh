#!/usr/bin/env bash
# Every end-to-end benchmark at each requested size, each beside its peer in the same run, then the
# tables in docs/benchmarks.md (between <!-- run-all:begin --> and <!-- run-all:end -->).
# Each bench appends one JSON line per run to bench/out/run-all-<stamp>.jsonl:
#   {"bench": "rfm", "size": 1000000, "run": 1, "times": {"segmenta": s, "<peer>": s, ...}, "parts": {...}, "load": "..."}
# (the first tool in "times" is Segmenta, the rest its peers), or {"bench", "size", "skipped": "why"}.
# At the end they are gathered with the machine into bench/out/run-all-<stamp>.json and rendered by
# bench/scripts/render_benchmarks.py. Data goes to bench/data/ (gitignored), generated seeded on first use.
# usage: bench/run-all.sh [--sizes 1m,10m,100m] [--runs 3] [--only import,rfm,metrics,features,model,clv,clustering,basket,ingestion]
#                         [--no-docs]   (write the JSON only, leave docs/benchmarks.md alone)
set -euo pipefail
cd "$(dirname "$0")/.."
command="bench/run-all.sh $*"
sizes=1m,10m,100m; runs=3; only=import,rfm,metrics,features,model,clv,clustering,basket,ingestion; docs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --no-docs) docs=0; shift ;;
    *) echo "usage: bench/run-all.sh [--sizes 1m,10m,100m] [--runs N] [--only a,b,...] [--no-docs]" >&2; exit 2 ;;
  esac
done
count() { # 1m → 1000000, 10k → 10000, plain numbers as they are
  case "$1" in
    *[kK]) echo $(( ${1%[kK]} * 1000 )) ;;
    *[mM]) echo $(( ${1%[mM]} * 1000000 )) ;;
    *[0-9]) echo "$1" ;;
    *) echo "bad size '$1' (use 1m, 10m, 100m, 250k or a plain number)" >&2; exit 2 ;;
  esac
}
size_list=(); for s in ${sizes//,/ }; do size_list+=("$(count "$s")"); done
for b in ${only//,/ }; do
  case "$b" in import|rfm|metrics|features|model|clv|clustering|basket|ingestion) ;;
    *) echo "unknown bench '$b' (import, rfm, metrics, features, model, clv, clustering, basket, ingestion)" >&2; exit 2 ;; esac
done
wanted() { [[ ",$only," == *",$1,"* ]]; }

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p bench/out bench/data
lines=bench/out/run-all-$stamp.jsonl; : > "$lines"
log=bench/out/run-all-$stamp.log
export BENCH_JSONL=$PWD/$lines
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load); started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
say() { echo "[run-all $(date -u +%H:%M:%S), load $(load)] $*" | tee -a "$log" >&2; }
skip() { # bench size reason — printed and recorded, never silent
  say "skip $1 at $2: $3"
  /usr/bin/python3 -c 'import json,sys; print(json.dumps({"bench": sys.argv[1], "size": int(sys.argv[2]), "skipped": sys.argv[3]}))' "$1" "$2" "$3" >> "$lines"
}
human() { /usr/bin/python3 -c 'import sys; n=int(sys.argv[1]); print(f"{n/1e6:g} M" if n >= 1e6 else f"{n:,}")' "$1"; }

say "sizes ${size_list[*]}, $runs runs, benches $only; JSON lines in $lines, log in $log"
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta

# import + quality: `segmenta import orders` + `segmenta quality` on a fresh workspace beside pandas
# loading and cleaning the same CSV by the same rules (bench/scripts/import_bench.py checks equal counts).
if wanted import; then
  for n in "${size_list[@]}"; do
    # pandas holds every column as Python strings: 850 MB peak at 1 M lines (measured), so ~85 GB at 100 M.
    need=$(( n / 1000000 * 850 )); have=$(( $(awk '/MemAvailable/ {print $2}' /proc/meminfo) / 1024 ))
    if [ "$need" -gt "$have" ]; then skip import "$n" "the pandas peer would need about $need MB of RAM for $(human "$n") lines as strings; $have MB available"; continue; fi
    csv=bench/data/orders-$n.csv
    [ -f "$csv" ] || { say "generating $csv (seed 7)"; /usr/bin/python3 bench/scripts/gen_orders.py "$n" "$csv"; }
    say "import + quality at $(human "$n") lines"
    /usr/bin/python3 bench/scripts/import_bench.py "$seg" "$runs" "$csv:csv" --jsonl "$BENCH_JSONL" >>"$log" 2>&1 \
      || skip import "$n" "import_bench.py failed (see $log)"
  done
fi

# RFM + segments beside DuckDB's raw SQL (counting, and storing) and pandas: bench/rfm-scale-bench.sh,
# which also checks that Segmenta and pandas find the same segment counts.
if wanted rfm; then
  for n in "${size_list[@]}"; do
    say "rfm + segments at $(human "$n") orders"
    if ! bench/rfm-scale-bench.sh "$runs" "$n" > "$log.rfm" 2>&1; then
      cat "$log.rfm" >> "$log"; skip rfm "$n" "rfm-scale-bench.sh failed (see $log)"; continue
    fi
    cat "$log.rfm" >> "$log"
    grep '^{"orders"' "$log.rfm" | /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print(json.dumps({"bench": "rfm", "size": r["orders"], "run": r["run"], "load": r["load"],
                      "times": {k: r[k] for k in ("segmenta", "duckdb_raw_sql", "duckdb_raw_sql_stored", "pandas")}}))' >> "$lines"
  done
  rm -f "$log.rfm"
fi

# Shop metrics beside DuckDB's raw SQL for the same order figures, on the same simulated shops
# (bench/metrics-bench.sh checks both give the same figures first).
if wanted metrics; then
  for n in "${size_list[@]}"; do
    say "metrics at $(human "$n") orders"
    bench/metrics-bench.sh "$runs" "$n" >>"$log" 2>&1 || skip metrics "$n" "metrics-bench.sh failed (see $log)"
  done
fi

# Feature building: bench/features-bench.sh belongs to the feature work; it is called with the runs
# and BENCH_JSONL set, and is expected to append run-all lines (bench "features") itself.
if wanted features; then
  if [ -x bench/features-bench.sh ]; then
    before=$(grep -c '"bench": "features"' "$lines" || true)
    say "features: bench/features-bench.sh $runs"
    bench/features-bench.sh "$runs" > "$log.features" 2>&1 || say "features-bench.sh exited non-zero (see $log)"
    cat "$log.features" >> "$log"
    # run-all lines it printed rather than appended are taken too (once)
    if [ "$(grep -c '"bench": "features"' "$lines" || true)" = "$before" ]; then
      grep '^{"bench": "features"' "$log.features" >> "$lines" || true
    fi
    rm -f "$log.features"
    if [ "$(grep -c '"bench": "features"' "$lines" || true)" = "$before" ]; then
      for n in "${size_list[@]}"; do skip features "$n" "bench/features-bench.sh wrote no run-all JSON lines to \$BENCH_JSONL (its output is in $log)"; done
    fi
  else
    for n in "${size_list[@]}"; do skip features "$n" "bench/features-bench.sh does not exist yet"; done
  fi
fi

# Purchase model: training on 1 M customers × 60 features beside xgboost (hist, same rounds and
# threads), scoring 10 M rows (no peer). bench/model-bench.sh's arguments are fixed by its owners, so
# only the size it measures is run; the medians line it prints carries every run.
if wanted model; then
  if [[ " ${size_list[*]} " == *" 1000000 "* ]]; then
    say "model: bench/model-bench.sh $runs"
    if bench/model-bench.sh "$runs" > "$log.model" 2>&1; then
      cat "$log.model" >> "$log"
      grep '^{"median"' "$log.model" | tail -1 | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin)["runs"]
for i, (s, x) in enumerate(zip(r["segmenta_train_seconds"], r["xgboost_train_seconds"]), 1):
    print(json.dumps({"bench": "training", "size": 1000000, "run": i, "times": {"segmenta": s, "xgboost": x}}))
for i, s in enumerate(r.get("segmenta_score_seconds", []), 1):
    print(json.dumps({"bench": "scoring", "size": 10000000, "run": i, "times": {"segmenta": s}}))' >> "$lines"
    else
      cat "$log.model" >> "$log"; skip training 1000000 "model-bench.sh failed (see $log)"
    fi
    rm -f "$log.model"
  fi
  for n in "${size_list[@]}"; do
    [ "$n" = 1000000 ] || skip training "$n" "bench/model-bench.sh trains on 1 M customers × 60 features and scores 10 M rows only (its arguments are fixed)"
  done
fi

# CLV: BG/NBD + Gamma-Gamma and every customer's prediction beside the scipy peer doing the same steps
# (bench/clv-bench.sh checks both reach the same fit first).
if wanted clv; then
  for n in "${size_list[@]}"; do
    if [ "$n" -gt 10000000 ]; then skip clv "$n" "cost grows about linearly, so a run pair takes about 10× its 10 M time (≈ 25 min on the shared 2-core machine; 3 runs over an hour): run bench/clv-bench.sh 1 $n by hand"; continue; fi
    say "clv at $(human "$n") orders"
    bench/clv-bench.sh "$runs" "$n" >>"$log" 2>&1 || skip clv "$n" "clv-bench.sh failed or the fits differ (see $log)"
  done
fi

# k-means (k = 8, 10 features, 5 restarts) beside scikit-learn's KMeans with the same settings.
if wanted clustering; then
  for n in "${size_list[@]}"; do
    # both processes hold the float64 matrix (80 B a point) plus scikit-learn's working copies
    need=$(( n / 1000000 * 400 )); have=$(( $(awk '/MemAvailable/ {print $2}' /proc/meminfo) / 1024 ))
    if [ "$need" -gt "$have" ]; then skip clustering "$n" "k-means on $(human "$n") points × 10 needs about $need MB of RAM for both peers; $have MB available"; continue; fi
    say "clustering at $(human "$n") points"
    bench/cluster-bench.sh "$runs" 5 "$n" kmeans >>"$log" 2>&1 || skip clustering "$n" "cluster-bench.sh failed (see $log)"
  done
fi

# FP-Growth on Groceries (9,835 baskets, support 0.001): the only basket data set, so one size.
if wanted basket; then
  say "basket: FP-Growth on Groceries"
  bench/cluster-bench.sh "$runs" 5 0 fpgrowth >>"$log" 2>&1 || skip basket 9835 "cluster-bench.sh fpgrowth failed (see $log)"
  for n in "${size_list[@]}"; do skip basket "$n" "FP-Growth is measured on Groceries (9,835 baskets) only: no basket data set of $(human "$n") baskets"; done
fi

# Ingestion: a sustained rate (events/s over 30 s, 4 connections) into `segmenta serve`, exact
# reconciliation afterwards; a rate, so it runs once per run, not per size.
if wanted ingestion; then
  for i in $(seq "$runs"); do
    say "ingestion run $i: bench/ingest-bench.sh 30 4"
    bench/ingest-bench.sh 30 4 >>"$log" 2>&1 || skip ingestion 0 "ingest-bench.sh run $i failed (see $log)"
  done
  for n in "${size_list[@]}"; do skip ingestion "$n" "ingestion is measured as a sustained rate over 30 s runs, not at a fixed number of events"; done
fi

load_end=$(load)
json=bench/out/run-all-$stamp.json
/usr/bin/python3 - "$lines" "$json" "$command" "$started" "$load_start" "$load_end" "$runs" <<'PY'
import json, os, platform, subprocess, sys
lines, out, command, started, load_start, load_end, runs = sys.argv[1:8]
def first(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.strip().splitlines()[0]
    except (IndexError, OSError):
        return "?"
machine = {
    "cores": os.cpu_count(),
    "cpu": first("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-").strip(),
    "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    "os": first(". /etc/os-release && echo $PRETTY_NAME"),
    "dotnet": first("dotnet --version"),
    "python": platform.python_version(),
    "peers": first("/usr/bin/python3 -c 'import pandas, sklearn, xgboost; print(f\"pandas {pandas.__version__}, scikit-learn {sklearn.__version__}, xgboost {xgboost.__version__}\")'"),
    "load_start": load_start, "load_end": load_end,
}
doc = {"command": command, "started": started, "runs": int(runs), "commit": first("git rev-parse --short HEAD"),
       "machine": machine, "results": [json.loads(l) for l in open(lines) if l.strip()]}
json.dump(doc, open(out, "w"), indent=1)
PY
say "wrote $json"
if [ "$docs" = 1 ]; then
  /usr/bin/python3 bench/scripts/render_benchmarks.py "$json" docs/benchmarks.md
  say "rendered into docs/benchmarks.md"
fi
