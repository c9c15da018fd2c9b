using Segmenta.Engine.Alerts;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Segments;
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
        // Given a snapshot at 2025-03-01 and these sale lines (day, amount):
        await using var ws = await Workspace.OpenAsync(_folder.Path);
        (string Customer, string Segment, (string Day, double Amount)[] Lines)[] shop =
        [
            // gaps 10, 10 → cycle 10; last 01-21 → 39 days → 39 > 20: quiet (ratio 3.9)
            ("A", "vip", [("2025-01-01", 100), ("2025-01-11", 100), ("2025-01-21", 100)]),
            // gaps 14, 7 → cycle 10.5; last 02-22 → 7 days: not quiet
            ("B", "vip", [("2025-02-01", 500), ("2025-02-15", 500), ("2025-02-22", 500)]),
            // two orders on 01-01 are one order day; gaps 1, 3, 15 → cycle 3; last 01-20 → 40 days: quiet (ratio 13.33)
            ("C", "lapsing_vip", [("2025-01-01", 50), ("2025-01-01", 25), ("2025-01-02", 50), ("2025-01-05", 50), ("2025-01-20", 50)]),
            // not a valuable segment
            ("D", "churned", [("2025-01-01", 900), ("2025-01-03", 900)]),
            // one order day: no cycle to compare with
            ("E", "vip", [("2025-01-02", 2000)]),
            // an order on the snapshot day itself is not before it: gaps 5 → cycle 5; last 02-10 → 19 days: quiet (ratio 3.8)
            ("F", "vip", [("2025-02-05", 10), ("2025-02-10", 10), ("2025-03-01", 10)]),
        ];
        await SegmentQueries.SnapshotsAsync(ws.Engine); // creates segment_members
        var n = 0;
        foreach (var (customer, segment, lines) in shop)
        {
            await ws.Engine.ExecuteAsync("INSERT INTO segment_members VALUES ('2025-03-01', 'purchases', $1, $2)", [customer, segment]);
            foreach (var (day, amount) in lines)
            {
                var order = $"o{++n}";
                var at = DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddHours(12);
                await ws.Engine.ExecuteAsync(
                    "INSERT INTO orders (order_id, customer_id, ordered_at, kind, status, amount) VALUES ($1, $2, $3, 'sale', 'placed', $4)", [order, customer, at, amount]);
                await ws.Engine.ExecuteAsync(
                    "INSERT INTO order_lines (order_id, line_number, customer_id, ordered_at, kind, status, quantity, unit_price, amount) VALUES ($1, 1, $2, $3, 'sale', 'placed', 1, $4, $4)",
                    [order, customer, at, amount]);
            }
        }

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
