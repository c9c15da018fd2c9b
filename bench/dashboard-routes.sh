#!/usr/bin/env bash
# Times every dashboard JSON route (median of 3 curl requests) against a running `segmenta serve`.
# Usage: bench/dashboard-routes.sh URL ADMIN_KEY     e.g. bench/dashboard-routes.sh http://127.0.0.1:5080 sk_...
set -euo pipefail
url=${1:?server URL}; key=${2:?admin key}
for route in overview segments migration predictions cohorts funnel clusters baskets campaigns alerts; do
  times=$(for _ in 1 2 3; do curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $key" "$url/v1/reports/$route"; done | sort -n)
  printf '%-12s median %6.3f s   (%s)\n' "$route" "$(sed -n 2p <<<"$times")" "$(tr '\n' ' ' <<<"$times")"
done
