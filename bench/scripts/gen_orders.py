#!/usr/bin/env python3
"""Writes a simulated order-line export of N lines in the canonical layout (docs/quality.md), with
a sprinkle of realistic faults (bad dates, negative quantities, missing customers), reproducibly.

usage: gen_orders.py N OUT.csv [seed]
"""
import sys

import numpy as np
import pandas as pd

n = int(sys.argv[1])
out = sys.argv[2]
rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
lines_per_order = 3
orders = n // lines_per_order + 1
customers = max(orders // 8, 1)
order_of_line = np.repeat(np.arange(orders), lines_per_order)[:n]
customer_of_order = rng.zipf(1.3, orders) % customers
start = np.datetime64("2024-01-01T00:00:00")
seconds = rng.integers(0, 365 * 86400, orders)
times = (start + seconds.astype("timedelta64[s]")).astype(str)
df = pd.DataFrame({
    "order_id": np.char.add("o", order_of_line.astype(str)),
    "customer_id": np.char.add("c", customer_of_order[order_of_line].astype(str)),
    "ordered_at": np.char.replace(times[order_of_line], "T", " "),
    "product_id": np.char.add("p", rng.integers(0, 5000, n).astype(str)),
    "quantity": rng.integers(1, 5, n),
    "unit_price": np.round(rng.lognormal(3, 1, n), 2),
})
fault = rng.random(n)
df.loc[fault < 0.001, "ordered_at"] = "2024-02-30 10:00:00"
df.loc[(fault >= 0.001) & (fault < 0.002), "quantity"] = -1
df.loc[(fault >= 0.002) & (fault < 0.003), "customer_id"] = ""
df.to_csv(out, index=False)
