using Segmenta.Storage.Import;
using Segmenta.Storage.Metrics;
using Segmenta.Testing;

namespace Segmenta.Storage.Tests.Metrics;

/// <summary>Cohort retention and the funnel: a hand-computed case, Online Retail, and a hand-made session set.</summary>
public sealed class CohortQueriesTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-cohort-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Retention_HandComputedCase_MatchesByHand()
    {
        // Given: a (Jan, Feb, Apr), b (Jan), c (Feb, Mar), d (Feb) — two January and two... three February customers
        await using var ws = await TestWorkspace.CreateAsync();
        var file = _temp.File("o.csv");
        File.WriteAllText(file, """
            order_id,customer_id,ordered_at,amount
            1,a,2024-01-05 10:00:00,10
            2,b,2024-01-20 10:00:00,20
            3,a,2024-02-01 10:00:00,5
            4,c,2024-02-10 10:00:00,7
            5,d,2024-02-11 10:00:00,1
            6,c,2024-03-03 10:00:00,3
            7,a,2024-04-30 10:00:00,2
            """);
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file));

        // When the monthly matrix is computed
        var t = await CohortQueries.RetentionAsync(ws.Engine, "UTC", weekly: false);

        // Then by hand: Jan cohort (2): m0 2 (100 %), m1 1 (a, 50 %), m3 1 (a, 50 %); Feb cohort (2: c, d): m0 2, m1 1 (c, 50 %)
        Assert.Equal(
            ["2024-01-01:2:0:2:1:30", "2024-01-01:2:1:1:0.5:5", "2024-01-01:2:3:1:0.5:2", "2024-02-01:2:0:2:1:8", "2024-02-01:2:1:1:0.5:3"],
            t.Rows.Select(r => string.Join(':', r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))).ToArray());
    }

    [Fact]
    public async Task Retention_OnlineRetail_ThirteenMonthlyCohortsFromDecember2010()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        var t = await CohortQueries.RetentionAsync(ws.Engine, "UTC", weekly: false);

        var cohorts = t.Rows.Select(r => (string)r[0]!).Distinct().ToList();
        Assert.Equal(13, cohorts.Count);
        Assert.Equal("2010-12-01", cohorts[0]);
        Assert.Equal("2011-12-01", cohorts[^1]);
        Assert.All(t.Rows.Where(r => Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture) == 0), r => Assert.Equal(1.0, Convert.ToDouble(r[4], System.Globalization.CultureInfo.InvariantCulture)));
        // Cohort sizes add up to the 4,338 buying customers
        Assert.Equal(4_338, t.Rows.Where(r => Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture) == 0).Sum(r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Funnel_HandMadeSessions_StepsAndDropOff()
    {
        // Given four sessions: view only; view+cart; view+cart+checkout; view+cart+checkout+purchase
        await using var ws = await TestWorkspace.CreateAsync();
        var file = _temp.File("e.csv");
        File.WriteAllText(file, """
            event_id,anonymous_id,event_type,occurred_at
            1,v1,product_view,2024-05-01 10:00:00
            2,v2,product_view,2024-05-01 10:00:00
            3,v2,add_to_cart,2024-05-01 10:01:00
            4,v3,product_view,2024-05-01 10:00:00
            5,v3,add_to_cart,2024-05-01 10:01:00
            6,v3,begin_checkout,2024-05-01 10:02:00
            7,v4,product_view,2024-05-01 10:00:00
            8,v4,add_to_cart,2024-05-01 10:01:00
            9,v4,begin_checkout,2024-05-01 10:02:00
            10,v4,purchase,2024-05-01 10:03:00
            """);
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Events, file));

        // When the funnel is computed for that day
        var t = await CohortQueries.FunnelAsync(ws.Engine, "UTC", new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 1));

        // Then 4 → 4 → 3 → 2 → 1 sessions; drop-off 0, 25 %, 33.3 %, 50 %
        Assert.Equal([4L, 4L, 3L, 2L, 1L], t.Rows.Select(r => Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.Equal(0.25, Convert.ToDouble(t.Rows[2][4], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal(0.5, Convert.ToDouble(t.Rows[4][4], System.Globalization.CultureInfo.InvariantCulture), 9);
    }
}
