using System.Globalization;
using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;
using Segmenta.Storage;
using Segmenta.Storage.ClickHouse;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Rfm;
using Segmenta.Storage.Segments;

namespace Segmenta.ClickHouse.Tests;

/// <summary>
/// The same data analysed by DuckDB and by the two-shard ClickHouse cluster gives identical
/// counts, RFM scores per customer, segment counts and metrics (sums to 1e-9 relative).
/// </summary>
[Collection(ClickHouseTests.Name)]
public sealed class AgreementTests(ClickHouseWorld world)
{
    private const double Relative = 1e-9;

    private Task<ShippedShop> Shop(string name) => name == "online_retail" ? world.OnlineRetail : world.Simulated;

    [Theory]
    [InlineData("online_retail")]
    [InlineData("simulated")]
    public async Task Ship_EveryRowOnExactlyOneShard_EachPersonOnOneShard(string dataset)
    {
        var shop = await Shop(dataset);
        var ch = shop.Cluster;
        foreach (var (table, _) in ClickHouseSchema.ShippedTables)
        {
            var duck = await shop.Duck.ScalarAsync<long>($"SELECT count(*) FROM {table}");
            var perShard = new List<long>();
            for (var h = 0; h < 2; h++)
            {
                perShard.Add((await ch.QueryHostAsync(h, $"SELECT count() FROM {table}_local")).Get<long>(0, "count()"));
            }
            Assert.Equal(duck, await ch.ScalarAsync<long>($"SELECT count() FROM {table}"));
            Assert.Equal(duck, perShard.Sum());
            if (duck > 100)
            {
                // cityHash64 spreads people over both shards
                Assert.All(perShard, n => Assert.InRange(n, duck / 5, duck * 4 / 5));
            }
        }
        // a customer's lines are all on one shard: distinct customers per shard add up to the total
        var total = await ch.ScalarAsync<long>("SELECT uniqExact(customer_id) FROM order_lines");
        long sum = 0;
        for (var h = 0; h < 2; h++)
        {
            sum += (await ch.QueryHostAsync(h, "SELECT uniqExact(customer_id) AS n FROM order_lines_local")).Get<long>(0, "n");
        }
        Assert.Equal(total, sum);
        Assert.Equal(await shop.Duck.ScalarAsync<long>("SELECT count(DISTINCT customer_id) FROM order_lines"), total);
    }

    [Theory]
    [InlineData("online_retail")]
    [InlineData("simulated")]
    public async Task Counts_AndSums_Agree(string dataset)
    {
        var shop = await Shop(dataset);
        // The same SQL text runs on both engines.
        const string Sql = """
            SELECT (SELECT count(*) FROM customers) AS customers,
                   (SELECT count(DISTINCT customer_id) FROM orders WHERE kind = 'sale') AS buyers,
                   (SELECT count(*) FROM orders WHERE kind = 'sale') AS sale_orders,
                   (SELECT count(*) FROM orders WHERE kind = 'cancellation') AS cancellations,
                   (SELECT count(*) FROM order_lines) AS lines,
                   (SELECT count(*) FROM sessions) AS sessions,
                   (SELECT count(DISTINCT actor_id) FROM sessions) AS actors,
                   (SELECT count(*) FROM events) AS events,
                   (SELECT sum(amount) FROM order_lines) AS line_amount,
                   (SELECT sum(quantity) FROM order_lines) AS quantity
            """;
        var d = await shop.Duck.QueryAsync(Sql);
        var c = await shop.Cluster.QueryAsync(Sql);
        foreach (var column in new[] { "customers", "buyers", "sale_orders", "cancellations", "lines", "sessions", "actors", "events" })
        {
            Assert.True(d.Get<long>(0, column) == c.Get<long>(0, column), $"{column}: duckdb {d.Get<long>(0, column)}, clickhouse {c.Get<long>(0, column)}");
        }
        AssertClose(d.Get<double>(0, "line_amount"), c.Get<double>(0, "line_amount"), "line_amount");
        AssertClose(d.Get<double>(0, "quantity"), c.Get<double>(0, "quantity"), "quantity");
        if (dataset == "online_retail")
        {
            // REFERENCES.md: 4,372 distinct customer ids in Online Retail
            Assert.Equal(4_372, await shop.Cluster.ScalarAsync<long>("SELECT uniqExact(customer_id) FROM order_lines WHERE customer_id IS NOT NULL"));
        }
    }

    public static TheoryData<string, string, int, int> RfmCases => new()
    {
        { "online_retail", "purchases", 0, 0 },
        { "online_retail", "purchases", 90, 0 },
        { "online_retail", "purchases", 0, -200 },
        { "simulated", "purchases", 0, 0 },
        { "simulated", "visits", 0, 0 },
        { "simulated", "visits", 60, -30 },
    };

    [Theory]
    [MemberData(nameof(RfmCases))]
    public async Task Rfm_ScoresPerCustomer_AndSegmentCounts_Agree(string dataset, string basisName, int windowDays, int shiftDays)
    {
        var shop = await Shop(dataset);
        var range = (await MetricsQueries.DataRangeAsync(shop.Duck, shop.TimeZone))!.Value;
        Assert.Equal(range, await ClickHouseMetrics.DataRangeAsync(shop.Cluster, shop.TimeZone));
        var basis = basisName == "purchases" ? RfmBasis.Purchases : RfmBasis.Visits;
        var request = new RfmRequest(range.To.AddDays(1 + shiftDays), basis, windowDays, 30, shop.TimeZone);

        var duckCount = await RfmQueries.ScoreAsync(shop.Duck, request);
        var chCount = await ClickHouseRfm.ScoreAsync(shop.Cluster, request);
        Assert.Equal(duckCount, chCount);
        Assert.True(chCount > 100, $"only {chCount} scored");
        if (dataset == "online_retail" && windowDays == 0 && shiftDays == 0)
        {
            Assert.Equal(4_338, chCount); // REFERENCES.md, as of 2011-12-10
        }

        const string Columns = "customer_id, is_customer, recency_days, frequency, orders, is_new, r_score, f_score, m_score, monetary, monetary_net, first_activity";
        var d = await shop.Duck.QueryAsync($"SELECT {Columns} FROM rfm_scores WHERE as_of = $1 AND basis = $2 ORDER BY customer_id",
            [request.AsOf.ToDateTime(TimeOnly.MinValue), basisName]);
        var c = await shop.Cluster.QueryAsync($"SELECT {Columns} FROM rfm_scores ORDER BY customer_id");
        Assert.Equal(d.Rows.Count, c.Rows.Count);
        var mismatches = new List<string>();
        for (var i = 0; i < d.Rows.Count && mismatches.Count < 10; i++)
        {
            var exact = new[] { "customer_id", "is_customer", "recency_days", "frequency", "orders", "is_new", "r_score", "f_score", "m_score" }
                .Where(col => !string.Equals(Text(d.Rows[i][d.IndexOf(col)]), Text(c.Rows[i][c.IndexOf(col)]), StringComparison.Ordinal))
                .Select(col => $"{col} {Text(d.Rows[i][d.IndexOf(col)])} vs {Text(c.Rows[i][c.IndexOf(col)])}");
            // Sums of the same amounts in another order differ in the last bits; relative to the amounts summed
            // (the customer's gross spend), not to a net that may cancel to 0 (0 vs 2.8e-14 for customer 18072).
            var scale = Math.Max(Math.Abs(d.Get<double>(i, "monetary")), Math.Abs(d.Get<double>(i, "monetary_net")));
            var close = new[] { "monetary", "monetary_net" }
                .Where(col => Math.Abs(d.Get<double>(i, col) - c.Get<double>(i, col)) > Relative * scale)
                .Select(col => $"{col} {d.Get<double>(i, col)} vs {c.Get<double>(i, col)}");
            var firstDay = Day(d.Rows[i][d.IndexOf("first_activity")]) == Day(c.Rows[i][c.IndexOf("first_activity")]) ? [] : new[] { "first_activity" };
            var diff = exact.Concat(close).Concat(firstDay).ToList();
            if (diff.Count > 0)
            {
                mismatches.Add($"{d.Rows[i][0]}: {string.Join("; ", diff)}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));

        // The ten default segments, counted by both engines
        var rules = SegmentRuleTable.Default;
        var duckSegments = await SegmentQueries.AssignAsync(shop.Duck, shop.TimeZone, request.AsOf, basis, rules);
        var chSegments = await ClickHouseRfm.SegmentCountsAsync(shop.Cluster, rules);
        Assert.Equal(duckSegments.OrderBy(kv => kv.Key, StringComparer.Ordinal), chSegments.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(chCount, chSegments.Values.Sum());
    }

    public static TheoryData<string, int, int> MetricCases => new()
    {
        // (dataset, days from the data's first day to the period's start, period length in days)
        { "online_retail", 0, 10_000 },
        { "online_retail", 120, 30 },
        { "online_retail", 300, 1 },
        { "simulated", 0, 10_000 },
        { "simulated", 60, 30 },
        { "simulated", 95, 7 },
    };

    [Theory]
    [MemberData(nameof(MetricCases))]
    public async Task HeadlineMetrics_Agree(string dataset, int offsetDays, int lengthDays)
    {
        var shop = await Shop(dataset);
        var range = (await MetricsQueries.DataRangeAsync(shop.Duck, shop.TimeZone))!.Value;
        var from = range.From.AddDays(offsetDays);
        var to = lengthDays > 5000 ? range.To : from.AddDays(lengthDays - 1);
        var d = await MetricsQueries.HeadlineAsync(shop.Duck, shop.TimeZone, from, to);
        var c = await ClickHouseMetrics.HeadlineAsync(shop.Cluster, shop.TimeZone, from, to);
        Assert.True(d.Orders > 0, "the period has orders");
        Assert.Equal(
            (d.Orders, d.Customers, d.NewCustomers, d.ReturningCustomers, d.Sessions, d.Visitors),
            (c.Orders, c.Customers, c.NewCustomers, c.ReturningCustomers, c.Sessions, c.Visitors));
        foreach (var (name, x, y) in new[]
                 {
                     ("gross", d.GrossRevenue, c.GrossRevenue), ("net", d.NetRevenue, c.NetRevenue), ("aov", d.AverageOrderValue, c.AverageOrderValue),
                     ("repeat", d.RepeatPurchaseRate, c.RepeatPurchaseRate), ("conversion", d.SessionConversionRate, c.SessionConversionRate),
                     ("without purchase", d.VisitorsWithoutPurchaseShare, c.VisitorsWithoutPurchaseShare), ("churn", d.ChurnRate ?? -1, c.ChurnRate ?? -1),
                     ("lifespan", d.AverageLifespanDays, c.AverageLifespanDays), ("ltv", d.SimpleLtv, c.SimpleLtv),
                 })
        {
            AssertClose(x, y, name);
        }
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Close(expected, actual), $"{what}: duckdb {expected.ToString("R", CultureInfo.InvariantCulture)}, clickhouse {actual.ToString("R", CultureInfo.InvariantCulture)}");

    private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= Relative * Math.Max(Math.Abs(a), Math.Abs(b));

    private static string Text(object? v) => v switch
    {
        null => "null",
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };

    private static DateOnly? Day(object? v) => v switch
    {
        null => null,
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidOperationException(v.GetType().Name),
    };
}
