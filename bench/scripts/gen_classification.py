#!/usr/bin/env python3
"""A seeded synthetic purchase-like classification matrix: N rows × D float32 features (row-major) and 0/1 labels.
Label = Bernoulli(sigmoid(nonlinear score of the first 10 features)); the rest are noise.
usage: gen_classification.py N D X.bin y.bin"""
import sys
import numpy as np

n, d = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(7)
x = rng.standard_normal((n, d), dtype=np.float32)
s = (1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.6 * x[:, 2] * x[:, 3] + 0.9 * np.abs(x[:, 4]) - 0.5 * x[:, 5] ** 2
     + 0.4 * np.sin(2 * x[:, 6]) + 0.3 * x[:, 7] - 2.0)
y = (rng.random(n) < 1 / (1 + np.exp(-s))).astype(np.uint8)
x.tofile(sys.argv[3])
y.tofile(sys.argv[4])
