using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Clustering;

namespace Segmenta.Engine.Segments;

/// <summary>
/// <c>segmenta cluster</c>: k-means on each buyer's standardised behaviour from the purchases-basis
/// RFM snapshot (recency days, frequency, monetary, average order value; the last three log1p
/// first because they are long-tailed), profiled, named and crossed with the RFM segments.
/// </summary>
public static class BuyerClusters
{
    /// <summary>The features clustered, in order.</summary>
    public static readonly IReadOnlyList<string> Features = ["recency_days", "frequency", "monetary", "average_order_value"];

    /// <summary>Runs the clustering; <paramref name="k"/> null = auto (best silhouette for k = 2..8, on at most 50,000 buyers).</summary>
    public static async Task<ClusterRun> RunAsync(Workspaces.Workspace workspace, int? k, int seed, DateOnly? asOf, CancellationToken ct = default)
    {
        var run = await Segmentation.RunAsync(workspace, asOf, "purchases", null, ct).ConfigureAwait(false);
        var table = await workspace.Engine.QueryAsync("""
            SELECT s.customer_id, s.recency_days::DOUBLE, s.frequency::DOUBLE, s.monetary, s.monetary / s.orders, m.segment_id
            FROM rfm_scores s JOIN segment_members m USING (as_of, basis, customer_id)
            WHERE s.as_of = $1 AND s.basis = 'purchases' AND s.orders > 0 AND s.monetary > 0
            ORDER BY s.customer_id
            """, [run.AsOf.ToDateTime(TimeOnly.MinValue)], ct).ConfigureAwait(false);
        if (table.Rows.Count < 3)
        {
            throw new SegmentaInputException($"clustering needs at least 3 buying customers; the snapshot of {run.AsOf:yyyy-MM-dd} has {table.Rows.Count}");
        }
        var ids = table.Rows.Select(r => (string)r[0]!).ToList();
        var columns = Enumerable.Range(1, Features.Count).Select(c => table.Rows.Select(r => Convert.ToDouble(r[c], CultureInfo.InvariantCulture)).ToArray()).ToList();
        var original = FeatureMatrix.FromColumns(ids, Features, columns);
        // Amounts and counts are long-tailed: log1p before z-scores, so one whale does not make a cluster of its own.
        var standardized = original.Standardize(new StandardizeOptions { LogColumns = ["frequency", "monetary", "average_order_value"] });
        KMeansResult result;
        IReadOnlyList<KCandidate> candidates = [];
        if (k is { } fixedK)
        {
            result = KMeans.Fit(standardized.Matrix, new KMeansOptions { K = fixedK, Seed = seed });
        }
        else
        {
            var sample = ids.Count > 50_000 ? standardized.Matrix.Sample(50_000, seed) : standardized.Matrix;
            var chosen = ClusterQuality.ChooseK(sample, 2, Math.Min(8, sample.RowCount - 1), new KMeansOptions { Seed = seed });
            result = ReferenceEquals(sample, standardized.Matrix) ? chosen.Best : KMeans.Fit(standardized.Matrix, new KMeansOptions { K = chosen.BestK, Seed = seed });
            candidates = chosen.Candidates;
        }
        var profiles = ClusterProfiler.Profile(original, standardized, result.Labels);
        await StoreAsync(workspace, run.AsOf, ids, result.Labels, profiles, ct).ConfigureAwait(false);
        var segments = table.Rows.Select(r => (string?)r[5] ?? "(none)").ToList();
        var crossTab = result.Labels.Select((label, i) => (label, segment: segments[i])).GroupBy(t => t)
            .Select(g => new ClusterSegmentCount(g.Key.label, g.Key.segment, g.Count()))
            .OrderBy(x => x.Cluster).ThenByDescending(x => x.Customers).ToList();
        return new ClusterRun(run.AsOf, ids.Count, result.K, ClusterQuality.Silhouette(standardized.Matrix, result.Labels).Mean,
            ClusterQuality.DaviesBouldin(standardized.Matrix, result.Labels), result.Inertia, candidates,
            profiles, crossTab);
    }

    /// <summary>Stores membership in <c>cluster_members</c> (one snapshot per as-of day) for exports and comparisons.</summary>
    private static Task StoreAsync(Workspaces.Workspace workspace, DateOnly asOf, IReadOnlyList<string> ids, IReadOnlyList<int> labels,
        IReadOnlyList<ClusterProfile> profiles, CancellationToken ct) =>
        workspace.Engine.InTransactionAsync(async token =>
        {
            var day = asOf.ToDateTime(TimeOnly.MinValue);
            await workspace.Engine.ExecuteAsync("CREATE TABLE IF NOT EXISTS cluster_members (as_of DATE, customer_id VARCHAR, cluster INTEGER, name VARCHAR)", null, token).ConfigureAwait(false);
            await workspace.Engine.ExecuteAsync("DELETE FROM cluster_members WHERE as_of = $1", [day], token).ConfigureAwait(false);
            var names = profiles.ToDictionary(p => p.Cluster, p => p.Name);
            using var appender = workspace.Engine.CreateAppender("cluster_members");
            for (var i = 0; i < ids.Count; i++)
            {
                appender.CreateRow().AppendValue(day).AppendValue(ids[i]).AppendValue(labels[i]).AppendValue(names.GetValueOrDefault(labels[i], "")).EndRow();
            }
            return 0;
        }, ct);
}
