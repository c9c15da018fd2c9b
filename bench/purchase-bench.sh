#!/usr/bin/env bash
# Purchase model vs the issue's baselines on the same rows and the same time split:
# Online Retail, 30-day horizon, validation 2011-09-09, six monthly training cutoffs.
# Segmenta's LightGBM + Platt model against an RFM-only logistic regression (scikit-learn) and xgboost (hist)
# on Segmenta's own exported features. Needs Debian's python3-pandas, python3-sklearn, python3-xgboost.
# usage: bench/purchase-bench.sh [DATA_FOLDER=../shared/data]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
dotnet build src/Segmenta.Cli -c Release -v quiet -nologo >/dev/null
seg=src/Segmenta.Cli/bin/Release/net10.0/segmenta
ws=$(mktemp -d)
$seg -w "$ws" --json import orders "$data/online_retail/OnlineRetail.csv.gz" --format online-retail >/dev/null
start=$(date +%s.%N)
$seg -w "$ws" --json predict train --horizon 30 --validation-cutoff 2011-09-09 --cutoffs 6 --step 30 \
  --export-features "$ws/features" > "$ws/report.json"
end=$(date +%s.%N)
/usr/bin/python3 - "$ws/report.json" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
v = r["validation"]
print(json.dumps({"segmenta_auc": v["auc"], "segmenta_seconds_features_train_score": float(sys.argv[3]) - float(sys.argv[2]),
                  "validation_people": v["customers"], "validation_converted": v["positives"]}))
PY
/usr/bin/python3 bench/scripts/purchase_baselines.py "$ws/features"
rm -rf "$ws"
