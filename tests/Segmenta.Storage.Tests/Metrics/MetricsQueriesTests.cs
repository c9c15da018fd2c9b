using Segmenta.Storage.Import;
using Segmenta.Storage.Metrics;
using Segmenta.Testing;

namespace Segmenta.Storage.Tests.Metrics;

/// <summary>Period metrics on a case small enough to compute by hand (docs/metrics.md).</summary>
public sealed class MetricsQueriesTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-metrics-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Headline_March_ChurnLifespanLtvNewReturningByHand()
    {
        // Given a: 10 Jan (20) and 5 Mar 10:00 (30); b: 20 Jan (40); c: 10 Mar 15:00 (50), campaign spring
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", """
            order_id,customer_id,ordered_at,amount,campaign_id
            1,a,2024-01-10 09:00:00,20,
            2,b,2024-01-20 09:00:00,40,
            3,a,2024-03-05 10:00:00,30,
            4,c,2024-03-10 15:00:00,50,spring
            """)));

        // When March is measured
        var m = await MetricsQueries.HeadlineAsync(ws.Engine, "UTC", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));

        // Then by hand: buyers a, c (new c, returning a); churn: of a, b (bought in the 90 days before), b did not buy → 0.5;
        // lifespan (55 + 0)/2 = 27.5 days; AOV 80/2 = 40; LTV = 40 × 1 order per buyer × max(1, 27.5/365) = 40
        Assert.Equal((2L, 1L, 1L, 2L), (m.Customers, m.NewCustomers, m.ReturningCustomers, m.Orders));
        Assert.Equal(0.5, m.ChurnRate);
        Assert.Equal(27.5, m.AverageLifespanDays);
        Assert.Equal(40, m.AverageOrderValue);
        Assert.Equal(40, m.SimpleLtv);

        // And the breakdowns: campaign spring has one order of 50; activity on Tuesday 10:00 and Sunday 15:00
        var campaigns = await MetricsQueries.CampaignRevenueAsync(ws.Engine, "UTC", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));
        Assert.Equal(["(none):1:30", "spring:1:50"], campaigns.Rows.Select(r => $"{r[0]}:{r[1]}:{Convert.ToDouble(r[3], System.Globalization.CultureInfo.InvariantCulture)}").Order().ToArray());
        var grid = await MetricsQueries.HourByWeekdayAsync(ws.Engine, "UTC", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31));
        Assert.Equal(["2@10=1", "7@15=1"], grid.Rows.Select(r => $"{r[0]}@{r[1]}={r[2]}").ToArray());
    }
}
