"""BG/NBD maximum likelihood the way the `lifetimes` package fits it (BetaGeoFitter: the log-likelihood of
Fader, Hardie and Lee 2005 vectorised in numpy, Nelder-Mead on the log-parameters, one row per customer), for
the same calibration summary Segmenta fits; `lifetimes` itself is not in Debian's packages.
usage: bgnbd_scipy.py SUMMARY.csv   (columns x, t_x, T; days)   → one JSON line: fit seconds, parameters, LL."""
import json, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
x, tx, T = data[:, 0], data[:, 1], data[:, 2]


def negative_ll(log_params):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4)) / len(x)


start = time.perf_counter()
fit = minimize(negative_ll, np.zeros(4), method="Nelder-Mead", tol=1e-7, options={"maxiter": 2000})
seconds = time.perf_counter() - start
r, alpha, a, b = np.exp(fit.x)
print(json.dumps({"scipy_bgnbd_fit_seconds": round(seconds, 2), "customers": len(x), "r": r, "alpha": alpha, "a": a, "b": b,
                  "log_likelihood": -fit.fun * len(x), "iterations": int(fit.nit)}))
