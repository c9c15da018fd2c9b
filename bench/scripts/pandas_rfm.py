#!/usr/bin/env python3
"""The pandas peer of `segmenta rfm --basis purchases`: per-customer recency/frequency/monetary
from sale lines, 1–5 scores with the same tie rule (rank(method='min'): equal values share the
first position; score = 1 + floor(5 (rank − 1) / n)), and the ten default segments (docs/segments.md).

usage: pandas_rfm.py PICKLE AS_OF [--orders]   (PICKLE: a DataFrame of clean sale lines, made by --prepare;
                                                with --orders, one row per order, made by --prepare-orders)
       pandas_rfm.py --prepare ORDERS.csv PICKLE
       pandas_rfm.py --prepare-orders ORDERS.csv PICKLE   (order_id, customer_id as integers, ordered_at, amount)
"""
import sys
import time

import numpy as np
import pandas as pd

if sys.argv[1] == "--prepare":
    df = pd.read_csv(sys.argv[2], dtype={"customer_id": str, "order_id": str})
    df["ordered_at"] = pd.to_datetime(df["ordered_at"], errors="coerce", format="%Y-%m-%d %H:%M:%S")
    df = df[df["ordered_at"].notna() & df["customer_id"].notna() & (df["quantity"] > 0) & (df["unit_price"] > 0)]
    df["amount"] = df["quantity"] * df["unit_price"]
    df[["order_id", "customer_id", "ordered_at", "amount"]].to_pickle(sys.argv[3])
    sys.exit(0)
if sys.argv[1] == "--prepare-orders":
    # One row per sale order with integer ids: the peer's fastest layout (strings would not fit in memory at 100 M rows).
    df = pd.read_csv(sys.argv[2], dtype={"order_id": "int64", "customer_id": "int64", "amount": "float64"})
    df["ordered_at"] = pd.to_datetime(df["ordered_at"], format="%Y-%m-%d %H:%M:%S")
    df.to_pickle(sys.argv[3])
    sys.exit(0)

started = time.perf_counter()
lines = pd.read_pickle(sys.argv[1])
as_of = pd.Timestamp(sys.argv[2])
lines = lines[lines["ordered_at"] < as_of]
orders_given = "--orders" in sys.argv[3:]
# frequency counts distinct orders: with one row per order that is the group size
frequency = ("order_id", "size") if orders_given else ("order_id", "nunique")
per = lines.groupby("customer_id").agg(last=("ordered_at", "max"), frequency=frequency, monetary=("amount", "sum"), first=("ordered_at", "min"))
per["monetary"] = per["monetary"].round(6)  # as Segmenta: summation order cannot break ties
per["recency_days"] = (as_of.normalize() - per["last"].dt.normalize()).dt.days
n = len(per)


def score(values, ascending):
    rank = values.rank(method="min", ascending=ascending)
    return (1 + np.floor(5 * (rank - 1) / n)).astype(int)


r = score(per["recency_days"], ascending=False)
f = score(per["frequency"], ascending=True)
m = score(per["monetary"], ascending=True)
# "new": first purchase within 30 days
is_new = (as_of.normalize() - per["first"].dt.normalize()).dt.days < 30
conditions = [
    (r >= 4) & (f >= 4) & (m >= 4), r.between(2, 3) & (f >= 4) & (m >= 4), (r >= 4) & (f >= 3) & (m >= 2), is_new,
    r >= 4, r == 3, r == 2, (r == 1) & (f >= 4) & (m >= 4), (r == 1) & (f >= 3) & (m >= 2), r == 1,
]
names = ["vip", "lapsing_vip", "potential_vip", "new", "catch_now", "needs_attention", "at_risk", "churned_vip", "churned_potential_vip", "churned"]
per["segment"] = np.select(conditions, names, default="(none)")
counts = per["segment"].value_counts()
print({"customers": n, "seconds": round(time.perf_counter() - started, 3), "segments": {k: int(v) for k, v in counts.items()}})
