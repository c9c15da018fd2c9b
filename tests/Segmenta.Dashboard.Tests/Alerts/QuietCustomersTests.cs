using Segmenta.Engine.Alerts;
using Segmenta.Engine.Workspaces;
using Segmenta.Testing;

namespace Segmenta.Dashboard.Tests.Alerts;

/// <summary>"Valuable customers going quiet" on a hand-built shop whose purchase cycles are easy to compute by hand.</summary>
public sealed class QuietCustomersTests : IDisposable
{
    private readonly TempFolder _folder = new("segmenta-quiet-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Evaluate_ListsVipsLongerSinceTheirLastOrderThanTwiceTheirMedianCycle()
    {
        // Given the hand-built shop (snapshot 2025-03-01; rhythms in HandBuiltShop)
        await using var ws = await Workspace.OpenAsync(_folder.Path);
        var n = await HandBuiltShop.SeedAsync(ws);

        // When the alert rules run with the default k = 2 over vip and lapsing_vip
        var report = await AlertEvaluator.EvaluateAsync(ws);

        // Then exactly A, C and F are listed, highest spend first, with their hand-computed rhythm
        Assert.Equal(new DateOnly(2025, 3, 1), report.SnapshotAsOf);
        Assert.Equal(["A", "C", "F"], report.QuietCustomers.Select(q => q.CustomerId));
        var a = report.QuietCustomers[0];
        Assert.Equal(("vip", 3L, 300.0, new DateOnly(2025, 1, 21), 39, 10.0, 3.9), (a.Segment, a.Orders, a.Monetary, a.LastOrderDay, a.DaysSinceLastOrder, a.MedianCycleDays, a.CycleRatio));
        var c = report.QuietCustomers[1];
        Assert.Equal(("lapsing_vip", 4L, 225.0, new DateOnly(2025, 1, 20), 40, 3.0, 13.33), (c.Segment, c.Orders, c.Monetary, c.LastOrderDay, c.DaysSinceLastOrder, c.MedianCycleDays, c.CycleRatio));
        var f = report.QuietCustomers[2];
        Assert.Equal((2L, 20.0, 19, 5.0, 3.8), (f.Orders, f.Monetary, f.DaysSinceLastOrder, f.MedianCycleDays, f.CycleRatio));
        // And the KPI series end on the last day with data, one value per day
        Assert.Equal(new DateOnly(2025, 3, 1), report.Day);
        Assert.All(report.Series, s => Assert.Equal(report.Day, s.LastDay));
        // (35 days: 01-26..03-01 hold B's three orders and F's three, 1,530 of net revenue, one order on 03-01)
        var orders = report.Series.Single(s => s.Kpi == "orders");
        Assert.Equal((new DateOnly(2025, 1, 26), 35), (orders.FirstDay, orders.Values.Count));
        Assert.Equal(6, orders.Values.Sum());
        Assert.Equal(1, orders.Values[^1]);
        Assert.Equal(1530, report.Series.Single(s => s.Kpi == "net_revenue").Values.Sum(), 9);
    }
}
