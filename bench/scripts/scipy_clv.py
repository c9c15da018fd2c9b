#!/usr/bin/env python3
"""The scipy peer of `segmenta clv` (BG/NBD + Gamma-Gamma, days, calibration to the last order day,
365-day horizon, 1 % monthly discount) on a simulated shop's pickle of one row per order (made by
bench/scripts/rfm_workspace.sh), the textbook way (Fader, Hardie & Lee 2005, as the `lifetimes`
package does it, which Debian does not ship): the calibration summary with pandas (purchase days:
x = days − 1, t_x = last − first, T = end − first, spend = mean of the repeat days), both likelihoods
maximised by scipy.optimize (L-BFGS-B on log parameters, identical (x, t_x, T) weighted once), then
per customer P(alive), expected purchases in the horizon and the 12-month discounted CLV.
Prints one JSON line: seconds, customers, the parameters and the BG/NBD log-likelihood.

usage: scipy_clv.py ORDERS.pkl
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

started = time.perf_counter()
orders = pd.read_pickle(sys.argv[1])
orders["day"] = orders["ordered_at"].dt.floor("D")
days = orders.groupby(["customer_id", "day"], sort=True)["amount"].sum().reset_index()
end = days["day"].max()
per = days.groupby("customer_id").agg(n=("day", "size"), first=("day", "min"), last=("day", "max"), total=("amount", "sum"),
                                       first_spend=("amount", "first"))
x = (per["n"] - 1).to_numpy(float)
tx = (per["last"] - per["first"]).dt.days.to_numpy(float)
T = (end - per["first"]).dt.days.to_numpy(float)
keep = T > 0
x, tx, T = x[keep], tx[keep], T[keep]
spend = ((per["total"] - per["first_spend"]).to_numpy(float)[keep] / np.maximum(x, 1))

patterns, weights = np.unique(np.column_stack([x, tx, T]), axis=0, return_counts=True)
px, ptx, pT = patterns.T


def bgnbd_ll(log_params):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + px) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + px) - betaln(a, b)
    a3 = -(r + px) * np.log(alpha + pT)
    a4 = np.where(px > 0, np.log(a) - np.log(np.maximum(b + px - 1, 1e-300)) - (r + px) * np.log(alpha + ptx), -np.inf)
    return -np.sum(weights * (a1 + a2 + np.logaddexp(a3, a4)))


fit = minimize(bgnbd_ll, np.log([1.0, 1.0, 1.0, 1.0]), method="L-BFGS-B")
r, alpha, a, b = np.exp(fit.x)

rep = x > 0
gx, gm = x[rep], spend[rep]


def gamma_gamma_ll(log_params):
    p, q, v = np.exp(log_params)
    return -np.sum(gammaln(p * gx + q) - gammaln(p * gx) - gammaln(q) + q * np.log(v) + (p * gx - 1) * np.log(gm)
                   + p * gx * np.log(gx) - (p * gx + q) * np.log(gx * gm + v))


gg = minimize(gamma_gamma_ll, np.log([1.0, 1.0, 1.0]), method="L-BFGS-B")
p, q, v = np.exp(gg.x)
expected_spend = np.where(rep, (q - 1) / (p * np.maximum(x, 1) + q - 1) * (v * p / (q - 1))
                          + (p * np.maximum(x, 1)) / (p * np.maximum(x, 1) + q - 1) * spend, p * v / (q - 1))

with np.errstate(all="ignore"):
    ratio = ((alpha + T) / (alpha + tx)) ** (r + x)
    alive = 1 / (1 + np.where(x > 0, a / (b + x - 1) * ratio, 0))

    def expected(t):
        hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
        return (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp) * alive

    purchases = expected(365.0)
    previous, clv = 0.0, 0.0
    for month in range(1, 13):
        now = expected(month * 365.0 / 12)
        clv = clv + (now - previous) * expected_spend / 1.01 ** month
        previous = now
finite = np.isfinite(clv)
print(json.dumps({"seconds": round(time.perf_counter() - started, 3), "customers": int(len(x)), "repeat_buyers": int(rep.sum()),
                  "bgnbd": {"r": r, "alpha": alpha, "a": a, "b": b}, "log_likelihood": -fit.fun,
                  "gamma_gamma": {"p": p, "q": q, "v": v}, "predicted": int(finite.sum()),
                  "expected_purchases": float(np.nansum(purchases[finite])), "total_clv": float(np.nansum(clv[finite]))}))
