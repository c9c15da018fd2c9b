"""scikit-learn KMeans with the settings Segmenta uses (k-means++ greedy seeding, n_init, max_iter 300, tol 1e-4, Lloyd)."""
import sys, time
import numpy as np
from sklearn.cluster import KMeans

path, n, d, k, n_init = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(path, dtype=np.float64).reshape(n, d)
t = time.perf_counter()
km = KMeans(n_clusters=k, init="k-means++", n_init=n_init, max_iter=300, tol=1e-4, algorithm="lloyd", random_state=0).fit(X)
print(f"sklearn kmeans fit: {time.perf_counter() - t:.2f} s, inertia {km.inertia_:.3f}, iterations {km.n_iter_}")
