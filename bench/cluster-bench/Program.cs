// k-means and FP-Growth timings for docs/benchmarks.md (bench/cluster-bench.sh runs this beside scikit-learn).
// usage: ClusterBench kmeans POINTS.bin N D K RESTARTS | fpgrowth GROCERIES.csv SUPPORT
using System.Diagnostics;
using System.Globalization;
using Segmenta.Core.Baskets;
using Segmenta.Core.Clustering;

var inv = CultureInfo.InvariantCulture;
if (args[0] == "kmeans")
{
    var n = int.Parse(args[2], inv);
    var d = int.Parse(args[3], inv);
    // Row-major float64, little-endian, as numpy's tofile writes it.
    var values = new double[(long)n * d];
    using (var file = File.OpenRead(args[1]))
    {
        file.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }
    var ids = Enumerable.Range(0, n).Select(i => i.ToString(inv)).ToArray();
    var points = FeatureMatrix.FromRowMajor(ids, Enumerable.Range(0, d).Select(j => "f" + j.ToString(inv)).ToArray(), values);
    var options = new KMeansOptions { K = int.Parse(args[4], inv), Restarts = int.Parse(args[5], inv), MaxIterations = 300, Tolerance = 1e-4, Seed = 0 };
    var watch = Stopwatch.StartNew();
    var result = KMeans.Fit(points, options);
    Console.WriteLine(string.Create(inv, $"segmenta kmeans fit: {watch.Elapsed.TotalSeconds:0.00} s, inertia {result.Inertia:0.###}, iterations {result.Iterations}"));
}
else
{
    var watch = Stopwatch.StartNew();
    var baskets = BasketSet.FromLines(File.ReadLines(args[1]));
    var load = watch.Elapsed.TotalSeconds;
    var itemsets = FpGrowth.Mine(baskets, new FrequentItemsetOptions { MinSupport = double.Parse(args[2], inv) });
    Console.WriteLine(string.Create(inv, $"segmenta fp-growth: load {load:0.000} s, mine {watch.Elapsed.TotalSeconds - load:0.000} s, {itemsets.Itemsets.Count} itemsets"));
}
