#!/usr/bin/env python3
"""The pandas peer of `segmenta import orders FILE` + `segmenta quality`: the same load, the same
cleaning rules (docs/quality.md) and the same report counts, in memory.

usage: pandas_import.py FILE (online-retail|csv)
"""
import json
import sys
import time

import numpy as np
import pandas as pd

MAX_QTY = 10_000
MAX_PRICE = 10_000


def load(path, fmt):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    if fmt == "online-retail":
        df = pd.DataFrame({
            "order_id": raw["InvoiceNo"].str.strip(),
            "customer_id": raw["CustomerID"].str.strip().str.replace(r"\.0$", "", regex=True),
            "ordered_at": raw["InvoiceDate"].str.strip(),
            "product_id": raw["StockCode"].str.strip(),
            "quantity": raw["Quantity"].str.strip(),
            "unit_price": raw["UnitPrice"].str.strip(),
            "country": raw["Country"].str.strip(),
        })
        inv = df["order_id"].str.upper()
        df["kind"] = np.where(inv.str.startswith("C"), "cancellation", np.where(inv.str.startswith("A"), "adjustment", "sale"))
        zone, allow_guest = "Europe/London", True
    else:
        df = raw.apply(lambda c: c.str.strip())
        df["kind"] = "sale"
        zone, allow_guest = "UTC", False
    df = df.replace("", np.nan)
    df["row"] = np.arange(1, len(df) + 1)
    return df, zone, allow_guest


def clean(df, zone, allow_guest):
    t = pd.to_datetime(df["ordered_at"], errors="coerce", format="%Y-%m-%d %H:%M:%S")
    df["t_time"] = t.dt.tz_localize(zone, ambiguous="NaT", nonexistent="NaT").dt.tz_convert("UTC").dt.tz_localize(None)
    df["t_qty"] = pd.to_numeric(df["quantity"], errors="coerce")
    df["t_price"] = pd.to_numeric(df["unit_price"], errors="coerce")
    reason = pd.Series(None, index=df.index, dtype=object)

    def rule(mask, name):
        reason.loc[mask & reason.isna()] = name

    rule(df["order_id"].isna(), "missing")
    if not allow_guest:
        rule(df["customer_id"].isna(), "missing")
    rule(df["ordered_at"].isna(), "missing")
    rule(df["ordered_at"].notna() & df["t_time"].isna(), "bad_date")
    rule(df["quantity"].notna() & df["t_qty"].isna(), "bad_number")
    rule(df["unit_price"].notna() & df["t_price"].isna(), "bad_number")
    rule(df["kind"] == "adjustment", "adjustment")
    rule((df["kind"] == "sale") & (df["t_qty"] < 0), "negative_quantity")
    rule(df["t_price"] < 0, "negative_price")
    ok = reason.isna()
    # an order id belongs to the first customer named for it; a valid row naming another (or none) is a duplicate
    first_customer = df[df["order_id"].notna() & df["customer_id"].notna()].groupby("order_id")["customer_id"].first()
    fc = df["order_id"].map(first_customer)
    dup = ok & ~((fc == df["customer_id"]) | (fc.isna() & df["customer_id"].isna()))
    rule(dup, "duplicate_order")
    ok = reason.isna()
    lines = df[ok].copy()
    lines["amount"] = lines["t_qty"].fillna(1) * lines["t_price"]
    flags = []
    flags.append(np.where(lines["t_price"] == 0, "zero_price", ""))
    flags.append(np.where(lines["t_qty"].abs() > MAX_QTY, "outlier_quantity", ""))
    flags.append(np.where(lines["t_price"] > MAX_PRICE, "outlier_price", ""))
    flags.append(np.where(lines["customer_id"].isna(), "no_customer", ""))
    lines["flags"] = [",".join(x for x in f if x) for f in zip(*flags)]
    # link cancellations to the latest earlier sale of the same customer and product
    canc = lines[(lines["kind"] == "cancellation") & lines["customer_id"].notna()][["row", "customer_id", "product_id", "t_time"]]
    sales = lines[(lines["kind"] == "sale") & lines["customer_id"].notna()][["order_id", "customer_id", "product_id", "t_time"]].rename(columns={"order_id": "order_id_s"})
    m = canc.merge(sales, on=["customer_id", "product_id"], suffixes=("", "_s"))
    m = m[m["t_time_s"] <= m["t_time"]]
    m = m.loc[m.groupby("row")["t_time_s"].idxmax()] if len(m) else m
    lines = lines.merge(m[["row", "order_id_s"]] if len(m) else pd.DataFrame(columns=["row", "order_id_s"]), on="row", how="left")
    orders = lines.groupby("order_id").agg(customer_id=("customer_id", "first"), ordered_at=("t_time", "min"),
                                           kind=("kind", "first"), lines=("row", "size"), items=("t_qty", "sum"), amount=("amount", "sum"))
    customers = lines["customer_id"].dropna().unique()
    quarantine = df[~ok].assign(reason=reason[~ok])
    report = {
        "rows_read": int(len(df)), "rows_accepted": int(len(lines)), "rows_quarantined": int(len(quarantine)),
        "quarantined_by_reason": {k: int(v) for k, v in quarantine["reason"].value_counts().items()},
        "orders_read": int(df["order_id"].nunique()),
        "cancellation_orders_read": int(df.loc[df["kind"] == "cancellation", "order_id"].nunique()),
        "customers_read": int(df["customer_id"].nunique()),
        "orders": int(len(orders)), "customers": int(len(customers)),
        "cancellation_lines_linked": int(lines["order_id_s"].notna().sum()),
        "gross_revenue": float(lines.loc[lines["kind"] == "sale", "amount"].sum()),
        "net_revenue": float(lines["amount"].sum()),
        "flags": {f: int(lines["flags"].str.contains(f).sum()) for f in ["zero_price", "outlier_quantity", "outlier_price", "no_customer"]},
    }
    return report


def main():
    path, fmt = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "csv"
    started = time.perf_counter()
    df, zone, allow_guest = load(path, fmt)
    report = clean(df, zone, allow_guest)
    report["seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
