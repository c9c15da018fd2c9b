#!/usr/bin/env python3
"""End-to-end import + quality benchmark: `segmenta import` then `segmenta quality` (whole
processes, fresh workspace each run) beside the pandas peer (pandas_import.py) doing the same load
and cleaning, in the same run. Prints a markdown table with medians and the ratio.

usage: import_bench.py SEGMENTA_BINARY RUNS FILE:FORMAT [FILE:FORMAT ...] [--jsonl OUT]
  --jsonl OUT  also appends one line per run for bench/run-all.sh (bench "import", size = rows read)
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
jsonl = None
if "--jsonl" in args:
    at = args.index("--jsonl")
    jsonl = args[at + 1]
    del args[at:at + 2]
segmenta, runs = args[0], int(args[1])


def timed(cmd):
    started = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - started, out.stdout


rows = []
for spec in args[2:]:
    path, fmt = spec.rsplit(":", 1)
    ours, parts, peer, loads, facts = [], [], [], [], None
    for _ in range(runs):
        ws = tempfile.mkdtemp(prefix="segbench-")
        try:
            t1, out = timed([segmenta, "-w", ws, "--json", "import", "orders", path, "--format", fmt])
            t2, _ = timed([segmenta, "-w", ws, "--json", "quality"])
            ours.append(t1 + t2)
            parts.append((t1, t2))
            facts = json.loads(out)
        finally:
            shutil.rmtree(ws)
        t, out = timed(["/usr/bin/python3", os.path.join(here, "pandas_import.py"), path, fmt])
        peer.append(t)
        loads.append(" ".join(f"{x:.2f}" for x in os.getloadavg()))
        peer_facts = json.loads(out)
        # each run as it ends, on stderr: a long benchmark's partial results survive an interruption
        print(f"{os.path.basename(path)}: segmenta {ours[-1]:.2f} s, pandas {t:.2f} s, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    assert facts["rows_read"] == peer_facts["rows_read"], (facts["rows_read"], peer_facts["rows_read"])
    assert facts["rows_quarantined"] == peer_facts["rows_quarantined"], (facts["quarantined_by_reason"], peer_facts["quarantined_by_reason"])
    if jsonl:
        with open(jsonl, "a") as f:
            for i, ((t1, t2), t, load) in enumerate(zip(parts, peer, loads), 1):
                f.write(json.dumps({"bench": "import", "size": facts["rows_read"], "run": i, "load": load,
                                    "times": {"segmenta": round(t1 + t2, 3), "pandas": round(t, 3)},
                                    "parts": {"segmenta import": round(t1, 3), "segmenta quality": round(t2, 3)}}) + "\n")
    o, p = statistics.median(ours), statistics.median(peer)
    rows.append((os.path.basename(path), facts["rows_read"], o, p, p / o))

print("| file | rows | segmenta import + quality (s) | pandas load + clean (s) | pandas / segmenta |")
print("|---|---:|---:|---:|---:|")
for name, n, o, p, r in rows:
    print(f"| {name} | {n:,} | {o:.2f} | {p:.2f} | {r:.1f}× |")
