using System.Globalization;
using Segmenta.Core.Clustering;
using Segmenta.Engine.Segments;

namespace Segmenta.Engine.Tests.Segments;

/// <summary>Behavioural clusters against the simulator's true customer types (docs/models.md#clustering).</summary>
public sealed class SimulatedShopClusterTests(SimulatedShopFixture shop) : IClassFixture<SimulatedShopFixture>
{
    [Fact]
    public async Task KMeansAuto_RecoversTheFiveSimulatedTypes()
    {
        // When the customers of the simulated shop are clustered with k-means, k = auto
        var run = await BuyerClusters.RunAsync(shop.Workspace, new ClusterRequest());

        var t = await Segmenta.Storage.Features.ClusterFeatures.BuildAsync(shop.Workspace.Engine, "UTC", run.AsOf);
        await File.WriteAllLinesAsync("/tmp/clus-exp/feat.csv", [string.Join(",", t.Columns), .. t.Rows.Select(r => string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))]);
        await shop.Workspace.Engine.ExecuteAsync("COPY sim_truth TO '/tmp/clus-exp/truth.csv' (HEADER)");
        // Then k = auto picks the five simulated types, and the clusters match them (adjusted Rand index ≥ 0.8)
        Assert.Equal(BuyerClusters.BehaviourFeatures, run.Features);
        var ari = await AgreementAsync(run.AsOf);
        var seen = string.Join("; ", run.Candidates.Select(c => FormattableString.Invariant($"k {c.K}: {c.Silhouette:0.000}"))) + FormattableString.Invariant($"; ARI {ari:0.000}, {run.Customers} customers");
        Assert.True(run.K == 5, seen);
        Assert.True(ari >= 0.8, $"ARI {ari:0.000}");
        Assert.Equal(run.Customers, run.Profiles.Sum(p => p.Size));
        Assert.Equal(run.Customers, run.Segments.Sum(s => s.Customers));
        Assert.Equal(1.0, run.Outcomes.Sum(o => o.RevenueShare), 9);
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
