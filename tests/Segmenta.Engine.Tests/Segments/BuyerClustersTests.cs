using Segmenta.Core;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Segments;

/// <summary>Buyer clusters on Online Retail: every buyer placed once, k chosen in range, bad k refused.</summary>
public sealed class BuyerClustersTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-clusters-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_OnlineRetailAuto_EveryBuyerInOneNamedCluster()
    {
        // Given Online Retail
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        // When clustered with k = auto as of 2011-12-10
        var run = await BuyerClusters.RunAsync(ws, null, 42, new DateOnly(2011, 12, 10));

        // Then the 4,338 buyers are split without loss into 2..8 named clusters, crossed with the segments
        Assert.Equal(4_338, run.Customers);
        Assert.InRange(run.K, 2, 8);
        Assert.Equal(4_338, run.Profiles.Sum(p => p.Size));
        Assert.Equal(4_338, run.Segments.Sum(s => s.Customers));
        Assert.Equal(run.K, run.Candidates.Single(c => c.Silhouette == run.Candidates.Max(x => x.Silhouette)).K);
        Assert.All(run.Profiles, p => Assert.False(string.IsNullOrWhiteSpace(p.Name)));
        // And the same seed gives the same clusters
        var again = await BuyerClusters.RunAsync(ws, null, 42, new DateOnly(2011, 12, 10));
        Assert.Equal(run.Profiles.Select(p => p.Size), again.Profiles.Select(p => p.Size));
    }

    [Fact]
    public async Task Run_KLargerThanBuyers_ClearError()
    {
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv",
            "order_id,customer_id,ordered_at,amount\no1,a,2024-01-01 10:00:00,5\no2,b,2024-01-02 10:00:00,7\no3,c,2024-01-03 10:00:00,9\no4,a,2024-01-09 10:00:00,1\n")));

        var error = await Assert.ThrowsAsync<SegmentaInputException>(() => BuyerClusters.RunAsync(ws, 10, 42, null));

        Assert.Contains("k = 10 is larger than the number of customers clustered (3)", error.Message, StringComparison.Ordinal);
    }
}
