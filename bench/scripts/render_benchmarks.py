#!/usr/bin/env python3
"""Renders a bench/run-all.sh result (bench/out/run-all-<stamp>.json) as Markdown: the machine, the
command, then one table per benchmark — size, the median of each tool's wall times (Segmenta first,
then its peers), each peer's median divided by Segmenta's (above 1: Segmenta is faster), and the
log-log slope of time against size per tool (1 = linear growth) — and lists every skipped size with
its reason. Writes it between <!-- run-all:begin --> and <!-- run-all:end --> in the docs file, or
prints it when no docs file is given. Several result files (e.g. cheap benches at 10 M in a second
run) are merged: each run's command and machine are listed; a bench re-measured at a size in a later file
(after a change) replaces the earlier file's runs of that bench at that size, and the table says so.

usage: render_benchmarks.py RUN-ALL.json [RUN-ALL.json ...] [docs/benchmarks.md]
"""
import json
import math
import os
import statistics
import sys

BEGIN, END = "<!-- run-all:begin -->", "<!-- run-all:end -->"
# What each bench times, in the order the tables appear: (title, unit of size, what the tools do).
BENCHES = {
    "import": ("Import + data quality", "order lines",
               "`segmenta import orders` + `segmenta quality` on a fresh workspace vs pandas loading and cleaning the same CSV "
               "by the same rules (`bench/scripts/import_bench.py`, which checks both read and quarantine the same rows). "
               "Data: `bench/scripts/gen_orders.py N` (seed 7)."),
    "rfm": ("RFM + segments", "orders",
            "`segmenta rfm --basis purchases` (scores, the ten segments, snapshots stored) vs DuckDB's own raw SQL for the same "
            "aggregation counting the segments (`duckdb_raw_sql`, the \"no overhead\" line) and storing every customer's scores "
            "(`duckdb_raw_sql_stored`), and pandas on a pre-loaded pickle (`bench/rfm-scale-bench.sh`, which checks Segmenta and "
            "pandas find the same segment counts). Data: `bench/scripts/gen_orders.sql` (hash-seeded), customers = orders / 10."),
    "metrics": ("Shop metrics", "orders",
                "`segmenta metrics` (headline figures, monthly revenue, campaigns, hour × weekday over the whole history) vs DuckDB's own "
                "raw SQL for the same order figures (`bench/scripts/metrics_raw.sql`, the \"no overhead\" line; `bench/metrics-bench.sh`, "
                "which checks both give the same figures). Same simulated shops as RFM."),
    "features": ("Feature building", "events", "`bench/features-bench.sh` (see its section)."),
    "training": ("Purchase-model training", "customers",
                 "Segmenta's LightGBM trainer vs xgboost (hist, depth 6, 100 rounds, 2 threads) on the same 60-feature matrix "
                 "(`bench/model-bench.sh`; data `gen_classification.py`, seed 7)."),
    "scoring": ("Purchase-model scoring", "rows", "Segmenta scoring the trained model (last run of `bench/model-bench.sh`; no peer)."),
    "clv": ("CLV (BG/NBD + Gamma-Gamma)", "orders",
            "`segmenta clv` (both fits in days, then every customer's P(alive), expected purchases in 365 days and 12-month "
            "discounted CLV, stored) vs the same steps with pandas + scipy.optimize on a pre-loaded pickle (`bench/scripts/scipy_clv.py`; "
            "`bench/clv-bench.sh`, which checks both reach the same customers and BG/NBD fit). Same simulated shops as RFM."),
    "clustering": ("k-means", "points",
                   "`KMeans.Fit` vs scikit-learn `KMeans.fit` (k = 8, 10 features, k-means++, 5 restarts, Lloyd, tol 1e-4, "
                   "OMP_NUM_THREADS=2), fit only, same file (`bench/cluster-bench.sh`; data `gen_blobs.py`, seed 1)."),
    "basket": ("Basket analysis (FP-Growth)", "baskets",
               "FP-Growth mining on Groceries at support 0.001 (`bench/cluster-bench.sh … fpgrowth`; no peer in Debian's packages)."),
    "ingestion": ("Ingestion", "events acknowledged",
                  "`bench/ingest-bench.sh 30 4`: 4 connections posting batches of 100 track events to `segmenta serve` for 30 s, then "
                  "the engine is reconciled with what was acknowledged (a rate: higher is better; no peer)."),
}


def slope(points):
    """Least-squares slope of log(time) on log(size) over (size, time) pairs."""
    xs, ys = [math.log(n) for n, _ in points], [math.log(t) for _, t in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def timing_table(rows):
    tools, parts = [], []
    for r in rows:
        tools += [t for t in r["times"] if t not in tools]
        parts += [p for p in r.get("parts", {}) if p not in parts]
    sizes = sorted({r["size"] for r in rows})
    med = {}
    for n in sizes:
        at = [r for r in rows if r["size"] == n]
        for key in tools + parts:
            values = [r["times"].get(key, r.get("parts", {}).get(key)) for r in at]
            values = [v for v in values if v is not None]
            if values:
                med[n, key] = statistics.median(values)
        med[n, "runs"] = len(at)
        med[n, "load"] = ", ".join(r["load"].split()[0] for r in at if r.get("load"))
    base, peers = tools[0], tools[1:]
    head = ["size", "runs"] + [f"{t} (s)" for t in tools] + [f"{p} (s)" for p in parts] + [f"{p} / {base}" for p in peers] + ["load (1 min) per run"]
    out = ["| " + " | ".join(head) + " |", "|" + "---:|" * (len(head) - 1) + "---|"]
    for n in sizes:
        cells = [f"{n:,}", str(med[n, "runs"])]
        cells += [f"{med[n, k]:.2f}" if (n, k) in med else "–" for k in tools + parts]
        cells += [f"{med[n, p] / med[n, base]:.2f}×" if (n, p) in med and med[n, base] > 0 else "–" for p in peers]
        cells.append(med[n, "load"])
        out.append("| " + " | ".join(cells) + " |")
    if len(sizes) > 1:
        cells = ["log-log slope", ""]
        for k in tools + parts:
            pts = [(n, med[n, k]) for n in sizes if (n, k) in med and med[n, k] > 0]
            cells.append(f"{slope(pts):.2f}" if len(pts) > 1 else "–")
        cells += [""] * len(peers) + [""]
        out.append("| " + " | ".join(cells) + " |")
    return out


def number(v):
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def rate_table(rows):
    keys = []
    for r in rows:
        keys += [k for k in r["rates"] if k not in keys]
    head = ["run", "events acknowledged"] + keys + ["", "load (1 min)"]
    out = ["| " + " | ".join(head) + " |", "|" + "---:|" * (len(head) - 2) + "---|---|"]
    for i, r in enumerate(rows, 1):
        out.append("| " + " | ".join([str(i), f"{r['size']:,}"] + [number(r['rates'][k]) for k in keys] + [r.get("note", ""), r.get("load", "").split(" ")[0]]) + " |")
    if len(rows) > 1:
        out.append("| median | " + " | ".join([f"{statistics.median(r['size'] for r in rows):,.0f}"] + [number(statistics.median(r['rates'][k] for r in rows)) for k in keys] + ["", ""]) + " |")
    return out


def render(docs, files=()):
    out = []
    if len(files) > 1:
        out += [f"Rendered by `bench/scripts/render_benchmarks.py {' '.join(files)} docs/benchmarks.md` from {len(files)} runs:", ""]
    for doc in docs:
        m = doc["machine"]
        busy = max(float(m["load_start"].split()[0]), float(m["load_end"].split()[0])) > m["cores"] * 0.75
        out += [f"* `{doc['command'].strip()}` at {doc['started']} (commit {doc['commit']}): {m['cores']} cores ({m['cpu']}), "
                f"{m['ram_gib']} GiB RAM, {m['os']}, .NET {m['dotnet']}, Python {m['python']} ({m['peers']}); load average "
                f"(1, 5, 15 min) at start {m['load_start']}, at end {m['load_end']}"
                + (" — a shared machine: read the ratios (peers measured in the same run), not the absolute times." if busy else ".")]
    out += ["", "Medians of the runs shown; each peer's column divided by Segmenta's (above 1×: Segmenta is faster); "
            "log-log slope of median time against size (1 = linear growth).", ""]
    # A later file's measurement of a bench at a size supersedes the earlier files' (files are in run order).
    results, superseded = [], []
    for doc in docs:
        fresh = {(r["bench"], r["size"]) for r in doc["results"]}
        superseded += [(r["bench"], r["size"], doc["started"]) for r in results if (r["bench"], r["size"]) in fresh and "skipped" not in r]
        results = [r for r in results if (r["bench"], r["size"]) not in fresh] + doc["results"]
    order = list(BENCHES) + sorted({r["bench"] for r in results} - set(BENCHES))
    for bench in order:
        rows = [r for r in results if r["bench"] == bench and "skipped" not in r]
        skipped = [r for r in results if r["bench"] == bench and "skipped" in r]
        if not rows and not skipped:
            continue
        title, unit, what = BENCHES.get(bench, (bench, "size", ""))
        out += [f"#### {title} (size: {unit})", "", what, ""] if what else [f"#### {title} (size: {unit})", ""]
        if rows:
            out += (rate_table(rows) if "rates" in rows[0] else timing_table(rows)) + [""]
        for r in skipped:
            out.append(f"* not run at {r['size']:,}: {r['skipped']}" if r["size"] else f"* not run: {r['skipped']}")
        for size, started in sorted({(n, at) for b, n, at in superseded if b == bench}):
            out.append(f"* at {size:,}: the runs of {started} (a re-measurement) replace the earlier file's")
        if skipped or any(b == bench for b, _, _ in superseded):
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def main():
    files = [a for a in sys.argv[1:] if a.endswith(".json")]
    target = next((a for a in sys.argv[1:] if not a.endswith(".json")), None)
    block = render([json.load(open(f)) for f in files], [os.path.relpath(f) for f in files])
    if target is None:
        print(block, end="")
        return
    text = open(target).read()
    if BEGIN not in text or END not in text:
        sys.exit(f"{target}: no {BEGIN} … {END} block to fill")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    open(target, "w").write(head + BEGIN + "\n" + block + END + tail)


if __name__ == "__main__":
    main()
