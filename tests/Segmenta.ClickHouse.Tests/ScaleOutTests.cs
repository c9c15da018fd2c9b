using System.Globalization;
using Segmenta.Engine.ScaleOut;
using Segmenta.Engine.Segments;
using Segmenta.Storage.ClickHouse;
using Segmenta.Storage.Metrics;

namespace Segmenta.ClickHouse.Tests;

/// <summary>The workflow behind <c>segmenta rfm|metrics --engine clickhouse://…</c> reports what the DuckDB workflow reports.</summary>
[Collection(ClickHouseTests.Name)]
public sealed class ScaleOutTests(ClickHouseWorld world)
{
    private Task<ShippedShop> Shop(string name) => name == "online_retail" ? world.OnlineRetail : world.Simulated;

    [Theory]
    [InlineData("online_retail", 0)]
    [InlineData("online_retail", 60)]
    [InlineData("simulated", 0)]
    [InlineData("simulated", 45)]
    public async Task RfmRun_SummaryAndSegmentFigures_Agree(string dataset, int daysBeforeEnd)
    {
        // daysBeforeEnd > 0: the data reaches 30 days past the as-of date, so next-period conversion is measured
        var shop = await Shop(dataset);
        DateOnly? asOf = daysBeforeEnd == 0 ? null : (await MetricsQueries.DataRangeAsync(shop.Duck, shop.TimeZone))!.Value.To.AddDays(-daysBeforeEnd);
        var d = await Segmentation.RunAsync(shop.Workspace, asOf, null, null);
        var c = await ClickHouseAnalysis.RunAsync(shop.Workspace, shop.Cluster, asOf, null, null);
        Assert.Equal(daysBeforeEnd > 0, c.Segments.All(r => r["next_period_conversion"] is double));

        Assert.Equal((d.AsOf, d.Basis, d.WindowDays, d.Scored, d.Note), (c.AsOf, c.Basis, c.WindowDays, c.Scored, c.Note));
        Assert.Equal(d.Summary.Keys.Order(StringComparer.Ordinal), c.Summary.Keys.Order(StringComparer.Ordinal));
        foreach (var key in d.Summary.Keys)
        {
            AssertSame(d.Summary[key], c.Summary[key], $"summary {key}");
        }
        var duckSegments = d.Segments.ToDictionary(r => (string)r["segment"]!, StringComparer.Ordinal);
        var chSegments = c.Segments.ToDictionary(r => (string)r["segment"]!, StringComparer.Ordinal);
        Assert.Equal(duckSegments.Keys.Order(StringComparer.Ordinal), chSegments.Keys.Order(StringComparer.Ordinal));
        foreach (var (segment, row) in duckSegments)
        {
            foreach (var (column, value) in row)
            {
                AssertSame(value, chSegments[segment][column], $"{segment} {column}");
            }
        }
    }

    [Theory]
    [InlineData("online_retail")]
    [InlineData("simulated")]
    public async Task MetricsTables_Agree(string dataset)
    {
        var shop = await Shop(dataset);
        var (from, to) = (await MetricsQueries.DataRangeAsync(shop.Duck, shop.TimeZone))!.Value;
        from = from.AddDays(20);
        var c = await ClickHouseAnalysis.MetricsAsync(shop.Cluster, shop.TimeZone, from, to);
        Assert.Equal(dataset == "simulated", c.Channels.Count > 0);
        Assert.NotEmpty(c.Campaigns);
        AssertRows(await MetricsQueries.ChannelConversionAsync(shop.Duck, shop.TimeZone, from, to), c.Channels, "channel");
        AssertRows(await MetricsQueries.CampaignRevenueAsync(shop.Duck, shop.TimeZone, from, to), c.Campaigns, "campaign");
        AssertRows(await MetricsQueries.HourByWeekdayAsync(shop.Duck, shop.TimeZone, from, to), c.HourByWeekday, "weekday", "hour");
        AssertRows(await MetricsQueries.MonthlyRevenueAsync(shop.Duck, shop.TimeZone), c.Monthly, "month");
        Assert.Equal(await MetricsQueries.HeadlineAsync(shop.Duck, shop.TimeZone, from, to) with { }, c.Headline, HeadlineComparer.Instance);
    }

    [Fact]
    public async Task Ship_UnchangedWorkspace_IsNotShippedAgain()
    {
        var shop = await world.OnlineRetail;
        Assert.True(shop.Ship.Shipped);
        // every accepted row of the 541,909 in Online Retail (REFERENCES.md) is shipped
        var log = await shop.Duck.QueryAsync("SELECT sum(rows_read) AS read, sum(rows_accepted) AS accepted FROM import_log");
        Assert.Equal(541_909, log.Get<long>(0, "read"));
        Assert.Equal(log.Get<long>(0, "accepted"), shop.Ship.Rows["order_lines"]);
        var again = await ClickHouseShipper.EnsureShippedAsync(shop.Duck, shop.Cluster);
        Assert.False(again.Shipped);
        Assert.Equal(shop.Ship.Fingerprint, again.Fingerprint);
    }

    [Fact]
    public async Task Ship_InManySmallRequests_SameRowsAndSums()
    {
        // Online Retail's 540k order lines in requests of 100,000 rows (6 requests) into another database
        var shop = await world.OnlineRetail;
        await using var target = await ClickHouseEngine.OpenAsync(world.Cluster.Location("small_requests"));
        var ship = await ClickHouseShipper.EnsureShippedAsync(shop.Duck, target, force: true, rowsPerRequest: 100_000);
        Assert.True(ship.Rows["order_lines"] > 500_000);
        const string Sql = "SELECT count(*) AS n, count(DISTINCT order_id) AS o, sum(amount) AS a FROM order_lines";
        var d = await shop.Duck.QueryAsync(Sql);
        var c = await target.QueryAsync(Sql);
        Assert.Equal(ship.Rows["order_lines"], d.Get<long>(0, "n"));
        Assert.Equal(d.Get<long>(0, "n"), c.Get<long>(0, "n"));
        Assert.Equal(d.Get<long>(0, "o"), c.Get<long>(0, "o"));
        Assert.Equal(d.Get<double>(0, "a"), c.Get<double>(0, "a"), 1e-9 * Math.Abs(d.Get<double>(0, "a")));
    }

    private static void AssertRows(Segmenta.Storage.ResultTable duck, IReadOnlyList<IReadOnlyDictionary<string, object?>> clickHouse, params string[] keys)
    {
        string Key(IReadOnlyDictionary<string, object?> r) => string.Join("|", keys.Select(k => Text(r[k])));
        var d = duck.ToDictionaries().ToDictionary(Key, StringComparer.Ordinal);
        var c = clickHouse.ToDictionary(Key, StringComparer.Ordinal);
        Assert.Equal(d.Keys.Order(StringComparer.Ordinal), c.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, row) in d)
        {
            foreach (var (column, value) in row)
            {
                AssertSame(value, c[key][column], $"{key} {column}");
            }
        }
    }

    private static void AssertSame(object? expected, object? actual, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: duckdb {Text(expected)}, clickhouse {Text(actual)}");
            return;
        }
        if (expected is string || actual is string)
        {
            Assert.Equal(Text(expected), Text(actual));
            return;
        }
        var x = Convert.ToDouble(expected, CultureInfo.InvariantCulture);
        var y = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
        Assert.True(x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y)), $"{what}: duckdb {Text(expected)}, clickhouse {Text(actual)}");
    }

    private static string Text(object? v) => v switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };

    private sealed class HeadlineComparer : IEqualityComparer<HeadlineMetrics>
    {
        public static readonly HeadlineComparer Instance = new();

        public bool Equals(HeadlineMetrics? x, HeadlineMetrics? y) => x is not null && y is not null &&
            x.Orders == y.Orders && x.Customers == y.Customers && x.Sessions == y.Sessions && x.Visitors == y.Visitors &&
            Close(x.GrossRevenue, y.GrossRevenue) && Close(x.NetRevenue, y.NetRevenue) && Close(x.SimpleLtv, y.SimpleLtv);

        public int GetHashCode(HeadlineMetrics obj) => 0;

        private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
    }
}
