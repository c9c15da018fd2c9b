#!/usr/bin/env python3
"""Checks that `segmenta --json metrics` and bench/scripts/metrics_raw.sql (run by `segmenta --json sql`)
give the same figures: counts exactly, sums to 1e-9 relative (summation order), rounded cents exactly.
Exits 1 with the differences otherwise.

usage: same_metrics.py METRICS.json RAW.json
"""
import json
import sys

seg = json.load(open(sys.argv[1]))
raw = {}
for r in json.load(open(sys.argv[2])):
    raw.setdefault(r["figure"], []).append(r)
h = seg["headline"]
one = lambda f: raw[f][0]
customers = one("customers")
pairs = [
    ("gross revenue", h["gross_revenue"], round(one("gross")["v1"], 2)),
    ("net revenue", h["net_revenue"], round(one("net")["v1"] or 0, 2)),
    ("orders", h["orders"], one("orders")["v1"]),
    ("buying customers", h["customers"], customers["v1"]),
    ("repeat purchase rate", h["repeat_purchase_rate"], customers["v2"] / customers["v1"]),
    ("average lifespan", h["average_lifespan_days"], round(customers["v3"], 2)),
    ("monthly", sorted((m["month"], m["gross_revenue"], m["net_revenue"], m["orders"]) for m in seg["monthly"]),
     sorted((m["k1"], m["v1"], m["v2"], m["v3"]) for m in raw["month"])),
    ("campaigns", sorted((c["campaign"], c["orders"], c["customers"], c["revenue"]) for c in seg["campaigns"]),
     sorted((c["k1"], c["v1"], c["v2"], c["v3"]) for c in raw["campaign"])),
    ("hour x weekday", sorted((c["weekday"], c["hour"], c["activity"]) for c in seg["hour_by_weekday"]),
     sorted((int(c["k1"]), int(c["k2"]), c["v1"]) for c in raw["hour"])),
]
bad = [(name, a, b) for name, a, b in pairs
       if not (a == b or (isinstance(a, float) and abs(a - b) <= 1e-9 * max(abs(a), 1)))]
for name, a, b in bad:
    print(f"{name} differs: segmenta {str(a)[:300]}, raw SQL {str(b)[:300]}")
if bad:
    sys.exit(1)
print(f"same metrics ({h['orders']:,} orders, {h['customers']:,} customers, {len(seg['monthly'])} months)")
