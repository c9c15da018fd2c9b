using System.Globalization;
using Segmenta.Core;
using Segmenta.Core.Clustering;
using Segmenta.Engine.Segments;
using Segmenta.Storage.Features;

namespace Segmenta.Engine.Tests.Segments;

/// <summary>Behavioural clusters against the simulator's true customer types (docs/models.md#clustering).</summary>
public sealed class SimulatedShopClusterTests(SimulatedShopFixture shop) : IClassFixture<SimulatedShopFixture>
{
    [Fact]
    public async Task KMeansFiveClusters_MatchTheSimulatedTypes()
    {
        // When the customers of the simulated shop are clustered on their behaviour with k-means, k = 5
        var run = await BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { K = 5 });

        // Then the clusters agree with the five simulated types far beyond chance (the RFM features gave 0.05):
        // adjusted Rand index ≥ 0.8, the bar (docs/models.md)
        Assert.Equal(BuyerClusters.BehaviourFeatures, run.Features);
        var ari = await AgreementAsync(run.AsOf);
        Assert.True(ari >= 0.8, string.Create(CultureInfo.InvariantCulture, $"ARI {ari:0.000}"));
        // And the customers seen fewer than 3 times are clustered too, placed in the nearest cluster, and counted
        var fewSessions = await shop.Workspace.Engine.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT customer_id FROM sessions WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING count(*) < 3)");
        Assert.Equal(fewSessions, run.FewSessions);
        Assert.True(fewSessions > 0);
        // And every clustered customer is counted once in the profiles, the RFM cross-tab and the revenue shares
        Assert.Equal(run.Customers, run.Profiles.Sum(p => p.Size));
        Assert.Equal(run.Customers, run.Segments.Sum(s => s.Customers));
        Assert.Equal(1.0, run.Outcomes.Sum(o => o.RevenueShare), 9);
        Assert.All(run.Outcomes, o => Assert.InRange(o.Retention90d ?? 0, 0, 1));
        // And the simulated hours show in the names: each cluster is named after a distinct typical hour
        Assert.Equal(5, run.Outcomes.Select(o => (int)Math.Round(o.TypicalHour!.Value) % 24).Distinct().Count());
        // And the report draws them: a point per customer (up to 2,000) and a heatmap cell per cluster and feature
        var html = await File.ReadAllTextAsync(await Reports.WorkspaceReport.WriteAsync(shop.Workspace, TimeProvider.System));
        Assert.Contains("Customer clusters", html, StringComparison.Ordinal);
        Assert.Equal(Math.Min(2000, run.Customers), CountOf(html, "<circle "));
        Assert.Contains("Profile heatmap", html, StringComparison.Ordinal);
        Assert.Equal(5 * run.Features.Count, CountOf(html, "text-anchor=\"middle\">"));
    }

    [Fact]
    public async Task KAuto_PicksTheSimulatedNumberOfTypes()
    {
        // When k-means chooses k itself (best silhouette for k = 2..8; clusters learned from customers with 3+ sessions)
        var run = await BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest());

        // Then it finds the simulator's 5 customer types, and they agree with the truth at ARI ≥ 0.8
        Assert.Equal(5, run.K);
        Assert.Equal(Enumerable.Range(2, 7), run.Candidates.Select(c => c.K));
        Assert.Equal(run.Candidates.Max(c => c.Silhouette), run.Candidates.Single(c => c.K == 5).Silhouette);
        var ari = await AgreementAsync(run.AsOf);
        Assert.True(ari >= 0.8, string.Create(CultureInfo.InvariantCulture, $"ARI {ari:0.000}"));
    }

    [Fact]
    public async Task EveryCustomerShapingTheClusters_GivesTheOldSplitIntoSmallClusters()
    {
        // When the rule is off (min sessions 1), the one- and two-visit customers shape the clusters again:
        // the silhouette keeps rising with k and k = auto takes the largest k tried (the diagnosis in docs/models.md)
        var run = await BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { MinSessions = 1 });

        Assert.Equal(8, run.K);
        Assert.Equal(0, run.FewSessions);
        var bad = await Assert.ThrowsAsync<SegmentaInputException>(() => BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { MinSessions = 0 }));
        Assert.Contains("--min-sessions 0", bad.Message, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    [Theory]
    [InlineData(ClusterAlgorithm.KMedoids)]
    [InlineData(ClusterAlgorithm.Ward)]
    public async Task OtherAlgorithms_AlsoFindTheTypes(ClusterAlgorithm algorithm)
    {
        var run = await BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { K = 5, Algorithm = algorithm });

        Assert.Equal(5, run.K);
        var ari = await AgreementAsync(run.AsOf);
        Assert.True(ari >= 0.7, string.Create(CultureInfo.InvariantCulture, $"{algorithm}: ARI {ari:0.000}"));
    }

    [Fact]
    public async Task Dbscan_InjectedOutliers_AreNoise()
    {
        // Given the simulated customers' behaviour plus 5 injected customers far from everyone
        // (hundreds of sessions, 40 product views each, luxury prices, or a bot's hour)
        var run = await BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { K = 5 });
        var table = await ClusterFeatures.BuildAsync(shop.Workspace.Engine, "UTC", run.AsOf);
        var columns = BuyerClusters.BehaviourFeatures.Select(f => ClusterFeatures.All.ToList().IndexOf(f) + 1).ToList();
        var rows = table.Rows.Where(r => r[1] is not null)
            .Select(r => columns.Select(c => Convert.ToDouble(r[c], CultureInfo.InvariantCulture)).ToArray()).ToList();
        double[][] outliers =
        [
            [900, 40, 0, 0, 0, 1], [2, 60, 30, 4, -1, 0], [500, 1, 20, -3, 0, -1], [1, 30, 0, 5, 1, 0], [700, 35, 25, 3, -0.7, 0.7],
        ];
        var ids = Enumerable.Range(0, rows.Count + outliers.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var matrix = new FeatureMatrix(ids, BuyerClusters.BehaviourFeatures, [.. rows, .. outliers]);
        var z = matrix.Standardize(new StandardizeOptions { LogColumns = ["sessions"] }).Matrix;

        // When DBSCAN runs with eps from the k-distance curve's knee (min points 5)
        var result = Dbscan.Fit(z, new DbscanOptions());

        // Then every injected customer is noise, while nearly all real customers are in clusters
        Assert.True(result.EpsSuggested);
        Assert.All(Enumerable.Range(rows.Count, outliers.Length), i => Assert.Equal(-1, result.Labels[i]));
        Assert.True(result.NoiseCount < 0.1 * rows.Count, string.Create(CultureInfo.InvariantCulture, $"{result.NoiseCount} noise of {rows.Count}"));
    }

    [Fact]
    public async Task BadRequests_ClearMessages()
    {
        var tooMany = await Assert.ThrowsAsync<SegmentaInputException>(() => BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { K = 100_000 }));
        Assert.Contains("k = 100000 is larger than the number of customers clustered", tooMany.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<SegmentaInputException>(() => BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { Features = ["sessions", "shoe_size"] }));
        Assert.StartsWith("--features: unknown feature 'shoe_size'; known: sessions, ", unknown.Message, StringComparison.Ordinal);
        var dbscanK = await Assert.ThrowsAsync<SegmentaInputException>(() => BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest { K = 3, Algorithm = ClusterAlgorithm.Dbscan }));
        Assert.Contains("--k does not apply to DBSCAN", dbscanK.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CategoryPreferences_FollowTheSimulatedFavouriteCategory()
    {
        // When buyers are put in category-preference segments (threshold 0.5)
        var run = await CategorySegments.RunAsync(shop.Workspace, null, 0.5);

        // Then every buyer is in exactly one segment, and the customers and spend add up
        Assert.Equal(run.Customers, run.Segments.Sum(s => s.Customers));
        Assert.Equal(1.0, run.Segments.Sum(s => s.SpendShare), 9);
        Assert.Equal(run.Customers, await shop.Workspace.Engine.ScalarAsync<long>(
            "SELECT count(DISTINCT customer_id) FROM order_lines WHERE kind = 'sale' AND amount > 0 AND customer_id IS NOT NULL"));
        // And a buyer with a named category has it as the simulator's favourite (at least half their taste; prices and few
        // orders blur spend) far more often than the 1 in 12 of chance: 0.585 measured
        var agreement = await shop.Workspace.Engine.ScalarAsync<double>("""
            SELECT avg(CASE WHEN p.segment = t.favourite_category THEN 1.0 ELSE 0.0 END)
            FROM category_preferences p JOIN sim_truth t ON t.person_id = p.customer_id WHERE p.segment <> 'mixed'
            """);
        Assert.True(agreement > 0.5, string.Create(CultureInfo.InvariantCulture, $"{agreement:0.000}"));
    }

    private async Task<double> AgreementAsync(DateOnly asOf)
    {
        var pairs = await shop.Workspace.Engine.QueryAsync("""
            SELECT m.cluster, t.type FROM cluster_members m JOIN sim_truth t ON t.person_id = m.customer_id
            WHERE m.as_of = $1 ORDER BY m.customer_id
            """, [asOf.ToDateTime(TimeOnly.MinValue)]);
        var types = pairs.Rows.Select(r => (string)r[1]!).Distinct().ToList();
        return AdjustedRandIndex.Compute(pairs.Rows.Select(r => types.IndexOf((string)r[1]!)).ToList(),
            pairs.Rows.Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).ToList());
    }
}
