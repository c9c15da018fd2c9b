#!/usr/bin/env python3
"""xgboost (hist) on the same matrix as bench/model-bench: training time only, one JSON line.
usage: xgboost_train.py X.bin y.bin N D ROUNDS DEPTH THREADS"""
import json
import sys
import time

import numpy as np
import xgboost as xgb

n, d = int(sys.argv[3]), int(sys.argv[4])
rounds, depth, threads = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
x = np.fromfile(sys.argv[1], dtype=np.float32).reshape(n, d)
y = np.fromfile(sys.argv[2], dtype=np.uint8)
started = time.perf_counter()
dm = xgb.DMatrix(x, label=y, nthread=threads)
booster = xgb.train({"tree_method": "hist", "max_depth": depth, "eta": 0.1, "objective": "binary:logistic",
                     "nthread": threads, "min_child_weight": 1}, dm, num_boost_round=rounds)
print(json.dumps({"xgboost_train_seconds": round(time.perf_counter() - started, 2)}))
