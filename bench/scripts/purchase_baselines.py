#!/usr/bin/env python3
"""Purchase-model baselines on Segmenta's exported matrices (segmenta predict train --export-features DIR).

Same rows, same time split: trains on training.csv, scores validation.csv, prints one JSON line:
  rfm_logistic  - logistic regression on recency (days_since_order), frequency (orders_all) and
                  monetary (orders_all x average_order_value), log1p-scaled and standardised
  xgboost       - xgboost (hist) on all of Segmenta's features, depth 6, 200 rounds, eta 0.1
Usage: purchase_baselines.py DIR
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

folder = sys.argv[1]
train = pd.read_csv(f"{folder}/training.csv")
valid = pd.read_csv(f"{folder}/validation.csv")
features = [c for c in train.columns if c not in ("person_id", "cutoff", "label")]


def rfm(frame):
    # 9999 means "never ordered": cap it at one year past the longest history so the scale stays sane.
    recency = np.minimum(frame["days_since_order"], 800)
    return np.column_stack([np.log1p(recency), np.log1p(frame["orders_all"]),
                            np.log1p(frame["orders_all"] * frame["average_order_value"])])


result = {"training_rows": len(train), "validation_rows": len(valid), "features": len(features)}
started = time.perf_counter()
logistic = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
logistic.fit(rfm(train), train["label"])
result["rfm_logistic_auc"] = roc_auc_score(valid["label"], logistic.predict_proba(rfm(valid))[:, 1])
result["rfm_logistic_seconds"] = time.perf_counter() - started

started = time.perf_counter()
booster = xgb.XGBClassifier(tree_method="hist", max_depth=6, n_estimators=200, learning_rate=0.1,
                            n_jobs=1, random_state=1)
booster.fit(train[features], train["label"])
result["xgboost_auc"] = roc_auc_score(valid["label"], booster.predict_proba(valid[features])[:, 1])
result["xgboost_seconds"] = time.perf_counter() - started
print(json.dumps(result))
