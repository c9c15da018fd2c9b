"""1,000,000 × 10 standardised points in 8 Gaussian groups (seed 1), written as raw float64 for both peers."""
import sys
import numpy as np

n, d, k, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = np.random.default_rng(1)
centres = rng.normal(0, 3, size=(k, d))
X = centres[rng.integers(0, k, n)] + rng.normal(0, 1, size=(n, d))
X = (X - X.mean(0)) / X.std(0)
X.astype(np.float64).tofile(path)
