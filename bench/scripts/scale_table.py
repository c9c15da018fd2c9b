#!/usr/bin/env python3
"""Summarises a benchmark's JSON lines (one object per run: a size column, then one wall time per tool):
median per size and tool, each peer's time divided by the first tool's, and the log-log slope of time
against size per tool (1 = linear growth), as a Markdown table for docs/benchmarks.md.

usage: scale_table.py RUNS.jsonl TOOL [PEER ...]      (the size column is the first key of each line)
"""
import json
import math
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
tools = sys.argv[2:]
size_key = next(iter(rows[0]))
sizes = sorted({r[size_key] for r in rows})
median = {(n, t): statistics.median(r[t] for r in rows if r[size_key] == n) for n in sizes for t in tools}
head = [size_key] + [f"{t} (s, median of {sum(1 for r in rows if r[size_key] == sizes[0])})" for t in tools] + [f"{p} / {tools[0]}" for p in tools[1:]]
print("| " + " | ".join(head) + " |")
print("|" + "---:|" * len(head))
for n in sizes:
    cells = [f"{n:,}"] + [f"{median[n, t]:.2f}" for t in tools] + [f"{median[n, p] / median[n, tools[0]]:.2f}×" for p in tools[1:]]
    print("| " + " | ".join(cells) + " |")


def slope(t):
    xs = [math.log(n) for n in sizes]
    ys = [math.log(median[n, t]) for n in sizes]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


if len(sizes) > 1:
    print()
    print("log-log slope of time against size (1 = linear): " + ", ".join(f"{t} {slope(t):.2f}" for t in tools))
