#!/usr/bin/env python3
"""Checks that `segmenta --json rfm` and the pandas peer found the same segment counts (exits 1 if not).

usage: same_segments.py RFM.json PANDAS.txt
"""
import ast
import json
import sys

segmenta = {s["segment"]: s["customers"] for s in json.load(open(sys.argv[1]))["segments"]}
pandas = ast.literal_eval(open(sys.argv[2]).read().strip())["segments"]
if segmenta != pandas:
    print(f"segment counts differ:\n  segmenta {sorted(segmenta.items())}\n  pandas   {sorted(pandas.items())}")
    sys.exit(1)
print(f"same segment counts ({sum(segmenta.values()):,} customers)")
