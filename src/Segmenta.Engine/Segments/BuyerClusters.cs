using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Clustering;
using Segmenta.Storage;
using Segmenta.Storage.Features;

namespace Segmenta.Engine.Segments;

/// <summary>
/// <c>segmenta cluster</c>: behavioural clusters of customers from standardised per-customer features
/// (how often they visit, how they browse, what price level they look at, when they shop — or, for
/// shops without events, recency, frequency, spend and basket size), profiled, named in the shop's
/// words, valued (revenue, repeat rate, retention) and crossed with the RFM segments
/// (docs/models.md#clustering).
/// </summary>
public static class BuyerClusters
{
    /// <summary>The default features when customers have sessions: behaviour seen in events.</summary>
    public static readonly IReadOnlyList<string> BehaviourFeatures =
        ["sessions", "views_per_session", "cart_adds_per_session", "price_index", "hour_sin", "hour_cos"];

    /// <summary>The default features for shops without events: the purchases-basis RFM snapshot.</summary>
    public static readonly IReadOnlyList<string> PurchaseFeatures = ["recency_days", "frequency", "monetary", "average_order_value"];

    /// <summary>Every feature <c>--features</c> accepts.</summary>
    public static IReadOnlyList<string> Features => ClusterFeatures.All;

    /// <summary>Counts and amounts are long-tailed: log1p before z-scores, so one whale does not make a cluster of its own.</summary>
    private static readonly HashSet<string> LogFeatures = new(StringComparer.Ordinal) { "sessions", "frequency", "monetary", "average_order_value" };

    /// <summary>Up to this many customers k = auto fits every k on all; above, on a seeded sample of this size.</summary>
    private const int ChooseKSample = 50_000;

    private static readonly ClusterNaming Naming = new(
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["sessions"] = ("frequent visitors", "rare visitors"),
            ["views_per_session"] = ("long browsers", "short visits"),
            ["cart_adds_per_session"] = ("cart fillers", "few cart adds"),
            ["session_conversion"] = ("buy when they visit", "look without buying"),
            ["price_index"] = ("dear products", "cheap products"),
            ["weekend_share"] = ("weekend shoppers", "weekday shoppers"),
            ["mobile_share"] = ("mobile", "desktop"),
            ["recency_days"] = ("lapsed", "recent"),
            ["frequency"] = ("frequent buyers", "rare buyers"),
            ["monetary"] = ("high spend", "low spend"),
            ["average_order_value"] = ("big baskets", "small baskets"),
            ["coupon_order_share"] = ("discount-driven", "full price"),
        },
        new HashSet<string>(StringComparer.Ordinal) { "hour_sin", "hour_cos" },
        features => TypicalHour(features) is { } h ? string.Create(CultureInfo.InvariantCulture, $"around {(int)Math.Round(h) % 24:00}:00") : null);

    /// <summary>k-means on the default features; <paramref name="k"/> null = auto.</summary>
    public static Task<ClusterRun> RunAsync(Workspaces.Workspace workspace, int? k, int seed, DateOnly? asOf, CancellationToken ct = default) =>
        RunAsync(workspace, new ClusterRequest { K = k, Seed = seed, AsOf = asOf }, ct);

    /// <summary>Runs the clustering described by <paramref name="request"/> and stores the membership and profiles.</summary>
    public static async Task<ClusterRun> RunAsync(Workspaces.Workspace workspace, ClusterRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Algorithm == ClusterAlgorithm.Dbscan && request.K is not null)
        {
            throw new SegmentaInputException("--k does not apply to DBSCAN, which finds the number of clusters itself: leave --k out (or use --eps / --min-points)");
        }
        if (request.MinSessions < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"--min-sessions {request.MinSessions}: must be at least 1"));
        }
        if (request.K is < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"--k {request.K}: the number of clusters must be at least 1"));
        }
        var run = await Segmentation.RunAsync(workspace, request.AsOf, "purchases", null, ct).ConfigureAwait(false);
        var zone = workspace.Settings.Shop.TimeZone;
        var table = await ClusterFeatures.BuildAsync(workspace.Engine, zone, run.AsOf, ct).ConfigureAwait(false);
        var features = request.Features ?? (table.Rows.Any(r => r[1] is not null) ? BehaviourFeatures : PurchaseFeatures);
        var columns = CheckFeatures(features);
        var kept = table.Rows.Where(r => columns.All(c => r[c] is not null)).ToList();
        var excluded = table.Rows.Count - kept.Count;
        if (kept.Count < 3)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"clustering needs at least 3 customers with data for every feature ({string.Join(", ", features)}); the snapshot of {run.AsOf:yyyy-MM-dd} has {kept.Count}"));
        }
        if (request.K is { } wanted && wanted > kept.Count)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"--k {wanted}: k = {wanted} is larger than the number of customers clustered ({kept.Count}): choose k ≤ {kept.Count}"));
        }
        var notes = new List<string>();
        if (excluded > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{excluded:N0} customers lack data for some feature (no session, or no purchase) and are not clustered"));
        }
        if (request.Algorithm == ClusterAlgorithm.Dbscan && kept.Count > Dbscan.MaxPoints)
        {
            kept = Sample(kept, Dbscan.MaxPoints, request.Seed);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"DBSCAN compares all pairs: a seeded sample of {Dbscan.MaxPoints:N0} customers is clustered"));
        }
        var ids = kept.Select(r => (string)r[0]!).ToList();
        var original = FeatureMatrix.FromColumns(ids, features,
            columns.Select(c => kept.Select(r => Convert.ToDouble(r[c], CultureInfo.InvariantCulture)).ToArray()).ToList());
        var standardized = original.Standardize(new StandardizeOptions { LogColumns = [.. features.Where(LogFeatures.Contains)] });
        var points = standardized.Matrix;

        // Per-session rates of a customer seen once or twice are whole numbers from one visit: such
        // customers sit on a lattice of their own and would pull centroids and win extra small
        // clusters. k-means learns the clusters (and k) from the well-observed and places the rest.
        var wellObserved = request.Algorithm == ClusterAlgorithm.KMeans ? WellObserved(kept, features, request.MinSessions) : null;
        var fewSessions = wellObserved is null ? 0 : wellObserved.Count(w => !w);
        var fitRows = Enumerable.Range(0, kept.Count).Where(i => wellObserved?[i] ?? true).ToList();
        if (fewSessions > 0 && fitRows.Count < Math.Max(9, request.K ?? 0))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"only {fitRows.Count:N0} customers have {request.MinSessions} or more sessions: everyone shapes the clusters"));
            fitRows = [.. Enumerable.Range(0, kept.Count)];
            wellObserved = null;
            fewSessions = 0;
        }
        else if (fewSessions > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{fewSessions:N0} customers with fewer than {request.MinSessions} sessions are placed in the nearest cluster but do not shape the clusters or the choice of k"));
        }

        IReadOnlyList<KCandidate> candidates = [];
        int? k = request.K;
        IReadOnlyList<int> labels;
        double? eps = null;
        if (k is null && request.Algorithm != ClusterAlgorithm.Dbscan)
        {
            var scored = Enumerable.Range(0, points.RowCount).ToList();
            if (scored.Count > ChooseKSample)
            {
                scored = SampleRows(scored.Count, ChooseKSample, request.Seed);
            }
            var sample = scored.Count == points.RowCount ? points : Rows(points, scored);
            var fitOn = wellObserved is null ? sample : Rows(sample, [.. Enumerable.Range(0, scored.Count).Where(i => wellObserved[scored[i]])]);
            if (fitOn.RowCount < 9)
            {
                fitOn = sample;
            }
            var chosen = ClusterQuality.ChooseK(sample, fitOn, 2, Math.Min(8, Math.Min(sample.RowCount - 1, fitOn.RowCount)), new KMeansOptions { Seed = request.Seed });
            candidates = chosen.Candidates;
            k = chosen.BestK;
        }
        switch (request.Algorithm)
        {
            case ClusterAlgorithm.KMeans:
                var fitted = KMeans.Fit(wellObserved is null ? points : Rows(points, fitRows), new KMeansOptions { K = k!.Value, Seed = request.Seed });
                labels = wellObserved is null ? fitted.Labels : KMeans.AssignNearest(points, fitted.Centroids);
                break;
            case ClusterAlgorithm.KMedoids:
                labels = KMedoids.Fit(points, new KMedoidsOptions { K = k!.Value, Seed = request.Seed }).Labels;
                break;
            case ClusterAlgorithm.Ward:
                labels = Ward.Fit(points, new WardOptions { K = k!.Value, Seed = request.Seed }).Labels;
                break;
            default:
                var fit = Dbscan.Fit(points, new DbscanOptions { Eps = request.Eps, MinPoints = request.MinPoints });
                labels = fit.Labels;
                eps = fit.Eps;
                break;
        }
        var clusters = labels.Where(l => l >= 0).Distinct().Count();
        var noise = labels.Count(l => l < 0);
        var (silhouette, daviesBouldin, inertia) = Quality(points, labels, clusters, notes);

        var profiles = ClusterProfiler.Profile(original, standardized, labels, Naming);
        var outcomes = await OutcomesAsync(workspace, run.AsOf, ids, labels, profiles, ct).ConfigureAwait(false);
        var pca = PrincipalComponents.Fit(points);
        await StoreAsync(workspace, run.AsOf, ids, labels, points, pca, profiles, outcomes, ct).ConfigureAwait(false);
        var segmentColumn = table.Columns.Count - 1;
        var crossTab = labels.Select((label, i) => (label, segment: (string?)kept[i][segmentColumn] ?? "(none)")).GroupBy(t => t)
            .Select(g => new ClusterSegmentCount(g.Key.label, g.Key.segment, g.Count()))
            .OrderBy(x => x.Cluster).ThenByDescending(x => x.Customers).ThenBy(x => x.Segment, StringComparer.Ordinal).ToList();
        return new ClusterRun(run.AsOf, request.Algorithm.ToString().ToLowerInvariant(), features, ids.Count, excluded, clusters,
            silhouette, daviesBouldin, inertia, noise, eps, candidates, profiles, outcomes, crossTab,
            notes.Count == 0 ? null : string.Join("; ", notes))
        { FewSessions = fewSessions };
    }

    /// <summary>Per kept row whether the customer has at least <paramref name="minSessions"/> sessions; null when no session feature is clustered or the rule is off.</summary>
    private static bool[]? WellObserved(List<object?[]> rows, IReadOnlyList<string> features, int minSessions)
    {
        if (minSessions <= 1 || !features.Any(ClusterFeatures.SessionFeatures.Contains))
        {
            return null;
        }
        return [.. rows.Select(r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture) >= minSessions)];
    }

    private static FeatureMatrix Rows(FeatureMatrix points, IReadOnlyList<int> rows)
    {
        var d = points.ColumnCount;
        var values = new double[rows.Count * d];
        for (var r = 0; r < rows.Count; r++)
        {
            points.Row(rows[r]).CopyTo(values.AsSpan(r * d, d));
        }
        return FeatureMatrix.FromRowMajor([.. rows.Select(i => points.Ids[i])], points.FeatureNames, values);
    }

    /// <summary>A seeded sample of row numbers without replacement (partial Fisher–Yates), ascending.</summary>
    private static List<int> SampleRows(int n, int size, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        for (var i = 0; i < size; i++)
        {
            var j = rng.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return [.. order[..size].Order()];
    }

    /// <summary>Parses an algorithm name (kmeans, kmedoids, dbscan, ward).</summary>
    public static ClusterAlgorithm ParseAlgorithm(string name) => name switch
    {
        "kmeans" => ClusterAlgorithm.KMeans,
        "kmedoids" => ClusterAlgorithm.KMedoids,
        "dbscan" => ClusterAlgorithm.Dbscan,
        "ward" => ClusterAlgorithm.Ward,
        _ => throw new SegmentaInputException($"--algorithm {name}: expected kmeans, kmedoids, dbscan or ward"),
    };

    /// <summary>The circular mean hour (0–24) of a cluster from its hour_sin/hour_cos means, or null.</summary>
    public static double? TypicalHour(IReadOnlyList<FeatureProfile> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var sin = features.FirstOrDefault(f => f.Feature == "hour_sin");
        var cos = features.FirstOrDefault(f => f.Feature == "hour_cos");
        if (sin is null || cos is null || (Math.Abs(sin.Mean) < 1e-12 && Math.Abs(cos.Mean) < 1e-12))
        {
            return null;
        }
        var hour = Math.Atan2(sin.Mean, cos.Mean) * 24 / (2 * Math.PI);
        return hour < 0 ? hour + 24 : hour;
    }

    private static List<int> CheckFeatures(IReadOnlyList<string> features)
    {
        if (features.Count == 0)
        {
            throw new SegmentaInputException($"--features: name at least one of {string.Join(", ", ClusterFeatures.All)}");
        }
        var columns = new List<int>();
        foreach (var f in features)
        {
            var index = ClusterFeatures.All.ToList().IndexOf(f);
            if (index < 0)
            {
                throw new SegmentaInputException($"--features: unknown feature '{f}'; known: {string.Join(", ", ClusterFeatures.All)}");
            }
            if (columns.Contains(index + 1))
            {
                throw new SegmentaInputException($"--features: '{f}' is listed twice");
            }
            columns.Add(index + 1);
        }
        return columns;
    }

    private static List<object?[]> Sample(List<object?[]> rows, int size, int seed) => [.. SampleRows(rows.Count, size, seed).Select(i => rows[i])];

    /// <summary>Silhouette, Davies–Bouldin and within-cluster sum of squares over the non-noise customers.</summary>
    private static (double Silhouette, double DaviesBouldin, double Inertia) Quality(FeatureMatrix points, IReadOnlyList<int> labels, int clusters, List<string> notes)
    {
        var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] >= 0).ToList();
        var d = points.ColumnCount;
        var values = new double[rows.Count * d];
        for (var r = 0; r < rows.Count; r++)
        {
            points.Row(rows[r]).CopyTo(values.AsSpan(r * d, d));
        }
        var matrix = FeatureMatrix.FromRowMajor(rows.Select(i => points.Ids[i]).ToList(), points.FeatureNames, values);
        var kept = rows.Select(i => labels[i]).ToList();
        var inertia = 0.0;
        foreach (var group in Enumerable.Range(0, kept.Count).GroupBy(i => kept[i]))
        {
            var mean = new double[d];
            foreach (var i in group)
            {
                for (var j = 0; j < d; j++)
                {
                    mean[j] += values[(i * d) + j] / group.Count();
                }
            }
            foreach (var i in group)
            {
                for (var j = 0; j < d; j++)
                {
                    var t = values[(i * d) + j] - mean[j];
                    inertia += t * t;
                }
            }
        }
        if (clusters < 2)
        {
            notes.Add("fewer than two clusters: silhouette and Davies–Bouldin are undefined and shown as 0");
            return (0, 0, inertia);
        }
        return (ClusterQuality.Silhouette(matrix, kept).Mean, ClusterQuality.DaviesBouldin(matrix, kept), inertia);
    }

    private static async Task<IReadOnlyList<ClusterOutcome>> OutcomesAsync(Workspaces.Workspace workspace, DateOnly asOf, IReadOnlyList<string> ids,
        IReadOnlyList<int> labels, IReadOnlyList<ClusterProfile> profiles, CancellationToken ct)
    {
        var table = await ClusterFeatures.OutcomesAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, asOf, ct).ConfigureAwait(false);
        var byCustomer = table.Rows.ToDictionary(r => (string)r[0]!, r => r);
        var total = ids.Sum(id => byCustomer.TryGetValue(id, out var r) ? Convert.ToDouble(r[1], CultureInfo.InvariantCulture) : 0);
        return profiles.Select(p =>
        {
            var members = Enumerable.Range(0, ids.Count).Where(i => labels[i] == p.Cluster)
                .Select(i => byCustomer.GetValueOrDefault(ids[i])).ToList();
            var buyers = members.Where(r => r is not null).ToList();
            var revenue = buyers.Sum(r => Convert.ToDouble(r![1], CultureInfo.InvariantCulture));
            var repeat = buyers.Count(r => Convert.ToInt64(r![2], CultureInfo.InvariantCulture) >= 2);
            var before = buyers.Where(r => (bool)r![3]!).ToList();
            return new ClusterOutcome(p.Cluster, p.Name, p.Size, buyers.Count, revenue, total > 0 ? revenue / total : 0, revenue / p.Size,
                buyers.Count > 0 ? (double)repeat / buyers.Count : null,
                before.Count > 0 ? (double)before.Count(r => (bool)r![4]!) / before.Count : null,
                TypicalHour(p.Features));
        }).ToList();
    }

    /// <summary>Stores membership (with two principal-component coordinates for the report) and profiles, one snapshot per as-of day.</summary>
    private static Task StoreAsync(Workspaces.Workspace workspace, DateOnly asOf, IReadOnlyList<string> ids, IReadOnlyList<int> labels,
        FeatureMatrix points, PrincipalComponents pca, IReadOnlyList<ClusterProfile> profiles, IReadOnlyList<ClusterOutcome> outcomes, CancellationToken ct) =>
        workspace.Engine.InTransactionAsync(async token =>
        {
            var engine = workspace.Engine;
            var day = asOf.ToDateTime(TimeOnly.MinValue);
            // Derived tables: an older layout (before the coordinates) is rebuilt rather than migrated.
            if (await engine.ScalarAsync<long>("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'cluster_members' AND column_name = 'pc1'", null, token).ConfigureAwait(false) == 0)
            {
                await engine.ExecuteAsync("DROP TABLE IF EXISTS cluster_members", null, token).ConfigureAwait(false);
            }
            await engine.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS cluster_members (as_of DATE, customer_id VARCHAR, cluster INTEGER, name VARCHAR, pc1 DOUBLE, pc2 DOUBLE);
                CREATE TABLE IF NOT EXISTS cluster_profiles (as_of DATE, cluster INTEGER, name VARCHAR, customers BIGINT, revenue DOUBLE, revenue_share DOUBLE,
                    repeat_rate DOUBLE, retention_90d DOUBLE, typical_hour DOUBLE, feature VARCHAR, mean DOUBLE, overall_mean DOUBLE, z DOUBLE);
                """, null, token).ConfigureAwait(false);
            await engine.ExecuteAsync("DELETE FROM cluster_members WHERE as_of = $1", [day], token).ConfigureAwait(false);
            await engine.ExecuteAsync("DELETE FROM cluster_profiles WHERE as_of = $1", [day], token).ConfigureAwait(false);
            var names = profiles.ToDictionary(p => p.Cluster, p => p.Name);
            using (var appender = engine.CreateAppender("cluster_members"))
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    var xy = pca.Project(points.Row(i));
                    appender.CreateRow().AppendValue(day).AppendValue(ids[i]).AppendValue(labels[i]).AppendValue(names.GetValueOrDefault(labels[i], ""))
                        .AppendValue(xy[0]).AppendValue(xy.Length > 1 ? xy[1] : 0.0).EndRow();
                }
            }
            using (var appender = engine.CreateAppender("cluster_profiles"))
            {
                foreach (var (p, o) in profiles.Zip(outcomes))
                {
                    foreach (var f in p.Features)
                    {
                        appender.CreateRow().AppendValue(day).AppendValue(p.Cluster).AppendValue(p.Name).AppendValue((long)p.Size).AppendValue(o.Revenue)
                            .AppendValue(o.RevenueShare).AppendValue(o.RepeatRate).AppendValue(o.Retention90d).AppendValue(o.TypicalHour)
                            .AppendValue(f.Feature).AppendValue(f.Mean).AppendValue(f.OverallMean).AppendValue(f.ZScore).EndRow();
                    }
                }
            }
            return 0;
        }, ct);
}
