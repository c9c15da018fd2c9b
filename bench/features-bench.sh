#!/usr/bin/env bash
# Purchase-model features for one cutoff at scale (issue 4): 1,000,000 customers + 600,000 anonymous visitors,
# ~100 M events in ~9.5 M sessions, 0.64 M orders, generated once into bench/data/feat-100m/ by
# bench/scripts/gen_events_{plan,month,finish}.sql (deterministic; ~3 GB). Times the whole process a user runs —
# `segmenta predict features --as-of 2024-12-01 --output features.csv` (SQL, conversion to the model's matrix,
# CSV) — beside DuckDB running the same feature SQL alone (bench/duckdb-sql, nothing of Segmenta in between).
# Before the first generation, a 2,000-customer copy is generated, its events exported and imported through the
# real importer, and the sessions, identities and session ids compared: the generator writes what the importer would.
# usage: bench/features-bench.sh [runs=3] [customers=1000000] [anonymous=600000]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; customers=${2:-1000000}; anonymous=${3:-600000}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/duckdb-sql -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
raw="dotnet bench/duckdb-sql/bin/Release/net10.0/DuckDbSql.dll"
mkdir -p bench/out bench/data; out=bench/out/features.jsonl; : > "$out"

generate() { # workspace customers anonymous
  rm -rf "$1"; $seg init "$1" >/dev/null
  for step in plan $(seq 12) finish; do
    file=bench/scripts/gen_events_month.sql; [ "$step" = plan ] && file=bench/scripts/gen_events_plan.sql
    [ "$step" = finish ] && file=bench/scripts/gen_events_finish.sql
    sed "s/__C__/$2/g; s/__A__/$3/g; s/__M__/$step/g" "$file" > "$1/gen.sql"
    SEGMENTA_BENCH_WRITE=1 $raw "$1/segmenta.duckdb" "$1/gen.sql" >/dev/null
  done
}

ws=bench/data/feat-100m; [ "$customers" = 1000000 ] || ws=bench/data/feat-$customers
if [ ! -f "$ws/.complete" ]; then
  check=bench/data/feat-check; generate "$check" 2000 1200
  $seg -w "$check" sql "COPY (SELECT * EXCLUDE (session_id, import_id) FROM events) TO '$PWD/$check/events.csv' (HEADER)" >/dev/null
  rm -rf "$check-import"; $seg init "$check-import" >/dev/null
  $seg -w "$check-import" --json import events "$check/events.csv" >/dev/null
  same=$($seg -w "$check-import" --json sql "ATTACH '$PWD/$check/segmenta.duckdb' AS g (READ_ONLY);
    SELECT (SELECT count(*) FROM (SELECT * FROM sessions EXCEPT SELECT * FROM g.sessions)) + (SELECT count(*) FROM (SELECT * FROM g.sessions EXCEPT SELECT * FROM sessions))
         + (SELECT count(*) FROM (SELECT * FROM identities EXCEPT SELECT * FROM g.identities)) + (SELECT count(*) FROM (SELECT * FROM g.identities EXCEPT SELECT * FROM identities))
         + (SELECT count(*) FROM (SELECT event_id, session_id FROM events EXCEPT SELECT event_id, session_id FROM g.events)) AS differences" | tr -dc '0-9')
  [ "$same" = 0 ] || { echo "the generator's sessions differ from the importer's in $same rows" >&2; exit 1; }
  rm -rf "$check" "$check-import"
  generate "$ws" "$customers" "$anonymous"; rm "$ws/gen.sql"; touch "$ws/.complete"
fi
sizes=$($seg -w "$ws" --json sql "SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sessions) AS sessions,
  (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM customers) AS customers, (SELECT count(DISTINCT actor_id) FROM sessions) AS people" | tr -d ' \n[]')
echo "$sizes"

# The feature SQL as the engine runs it, its parameters inlined (the workspace's zone is UTC; T = 2024-12-01, 7-day horizon).
/usr/bin/python3 - "$ws/features.sql" <<'PY'
import sys
s = open("src/Segmenta.Storage/Features/PurchaseFeatures.cs").read()
sql = s.split('private const string Sql = """')[1].split('""";')[0]
for k, v in [("$1", "'UTC'"), ("$2", "TIMESTAMP '2024-12-01'"), ("$3", "TIMESTAMP '2024-12-01'"), ("$4", "TIMESTAMP '2024-12-08'")]:
    sql = sql.replace(k, v)
open(sys.argv[1], "w").write(sql)
PY
for i in $(seq "$runs"); do
  s=$( { /usr/bin/time -f "%e %M" $seg -w "$ws" --json predict features --as-of 2024-12-01 --output "$ws/features.csv" > "$ws/features.json"; } 2>&1 | tail -1)
  r=$($raw "$ws/segmenta.duckdb" "$ws/features.sql" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')
  echo "{\"run\": $i, \"segmenta_predict_features\": ${s% *}, \"peak_rss_mb\": $(( ${s#* } / 1024 )), \"duckdb_feature_sql\": $r, \"people\": $(grep -o '"people": [0-9]*' "$ws/features.json" | tr -dc '0-9'), \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee -a "$out"
  # bench/run-all.sh's line: size = events read; DuckDB running the same SQL alone is the "no overhead" peer.
  events=$(echo "$sizes" | grep -o '"events":[0-9]*' | tr -dc '0-9')
  line="{\"bench\": \"features\", \"size\": $events, \"run\": $i, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"times\": {\"segmenta\": ${s% *}, \"duckdb raw SQL\": $r}}"
  [ -z "${BENCH_JSONL:-}" ] || echo "$line" >> "$BENCH_JSONL"
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
s = statistics.median(r["segmenta_predict_features"] for r in rows); d = statistics.median(r["duckdb_feature_sql"] for r in rows)
print(json.dumps({"median_segmenta_predict_features": s, "median_duckdb_feature_sql": d, "ratio": round(s / d, 2), "runs": len(rows)}))
PY
