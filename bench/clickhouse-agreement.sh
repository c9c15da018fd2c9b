#!/usr/bin/env bash
# DuckDB and the two-shard ClickHouse cluster on a large simulated shop: runs the agreement tests of
# tests/Segmenta.ClickHouse.Tests (counts, RFM scores per customer, segment counts, metrics, cohorts,
# funnel, quality counts, order features) on the
# "simulated" dataset at the given size instead of CI's 5,000 customers.
# usage: bench/clickhouse-agreement.sh [customers=1000000] [visitors per customer=0.2]
set -euo pipefail
cd "$(dirname "$0")/.."
export SEGMENTA_CH_SIM_CUSTOMERS=${1:-1000000} SEGMENTA_CH_SIM_VISITORS=${2:-0.2}
dotnet build tests/Segmenta.ClickHouse.Tests -c Release -v quiet -nologo >/dev/null
/usr/bin/time -f "agreement tests at $SEGMENTA_CH_SIM_CUSTOMERS customers: %e s wall, %M KB peak RSS" \
  dotnet test tests/Segmenta.ClickHouse.Tests -c Release --no-build \
  --filter "FullyQualifiedName~AgreementTests&DisplayName~simulated|FullyQualifiedName~ScaleOutTests&DisplayName~simulated|FullyQualifiedName~CohortFunnelQualityTests&DisplayName~simulated|FullyQualifiedName~OrderFeatureTests&DisplayName~simulated" \
  --logger "console;verbosity=normal"
