using System.Globalization;
using Segmenta.Storage;
using Segmenta.Storage.ClickHouse;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Quality;

namespace Segmenta.ClickHouse.Tests;

/// <summary>
/// Cohorts, the session funnel and the quality report computed by the two-shard cluster equal
/// DuckDB's on the same shipped data: counts exactly, sums and ratios to 1e-9 relative.
/// </summary>
[Collection(ClickHouseTests.Name)]
public sealed class CohortFunnelQualityTests(ClickHouseWorld world)
{
    private const double Relative = 1e-9;

    private Task<ShippedShop> Shop(string name) => name == "online_retail" ? world.OnlineRetail : world.Simulated;

    [Theory]
    [InlineData("online_retail", false)]
    [InlineData("online_retail", true)]
    [InlineData("simulated", false)]
    [InlineData("simulated", true)]
    public async Task Cohorts_EveryCell_Agrees(string dataset, bool weekly)
    {
        var shop = await Shop(dataset);
        var d = await CohortQueries.RetentionAsync(shop.Duck, shop.TimeZone, weekly);
        var c = await ClickHouseCohorts.RetentionAsync(shop.Cluster, shop.TimeZone, weekly);
        Assert.Equal(d.Columns, c.Columns);
        AssertSameRows(d, c, ["cohort", "cohort_size", "period", "customers"], ["retention", "revenue"]);

        // Every cohort has period 0 at 100 %, and the cohort sizes add up to the buyers with a positive sale line
        var zero = c.ToDictionaries().Where(r => Convert.ToInt64(r["period"], CultureInfo.InvariantCulture) == 0).ToList();
        Assert.All(zero, r => Assert.Equal(1.0, Convert.ToDouble(r["retention"], CultureInfo.InvariantCulture)));
        var buyers = await shop.Duck.ScalarAsync<long>("SELECT count(DISTINCT customer_id) FROM order_lines WHERE kind = 'sale' AND amount > 0");
        Assert.Equal(buyers, zero.Sum(r => Convert.ToInt64(r["cohort_size"], CultureInfo.InvariantCulture)));
        if (dataset == "online_retail" && !weekly)
        {
            // docs/metrics.md: 13 monthly cohorts, 2010-12 to 2011-12, sizes adding up to the 4,338 buying customers (REFERENCES.md)
            Assert.Equal(13, zero.Count);
            Assert.Equal("2010-12-01", zero[0]["cohort"]);
            Assert.Equal("2011-12-01", zero[^1]["cohort"]);
            Assert.Equal(4_338, zero.Sum(r => Convert.ToInt64(r["cohort_size"], CultureInfo.InvariantCulture)));
        }
        if (weekly)
        {
            // ISO weeks start on Monday
            Assert.All(zero, r => Assert.Equal(DayOfWeek.Monday, DateOnly.ParseExact((string)r["cohort"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfWeek));
        }
    }

    public static TheoryData<string, int, int> FunnelCases => new()
    {
        // (dataset, days from the data's first day to the period's start, period length in days)
        { "simulated", 0, 10_000 },
        { "simulated", 30, 14 },
        { "simulated", 100, 1 },
        { "online_retail", 0, 10_000 }, // no events: every step 0, ratios NULL on both engines
    };

    [Theory]
    [MemberData(nameof(FunnelCases))]
    public async Task Funnel_EveryStep_Agrees(string dataset, int offsetDays, int lengthDays)
    {
        var shop = await Shop(dataset);
        var range = (await MetricsQueries.DataRangeAsync(shop.Duck, shop.TimeZone))!.Value;
        var from = range.From.AddDays(offsetDays);
        var to = lengthDays > 5000 ? range.To : from.AddDays(lengthDays - 1);
        var d = await CohortQueries.FunnelAsync(shop.Duck, shop.TimeZone, from, to);
        var c = await ClickHouseCohorts.FunnelAsync(shop.Cluster, shop.TimeZone, from, to);
        Assert.Equal(d.Columns, c.Columns);
        AssertSameRows(d, c, ["step", "name", "sessions"], ["share_of_sessions", "drop_off"]);

        var sessions = c.Rows.Select(r => ResultTable.Convert<long>(r[c.IndexOf("sessions")])).ToList();
        Assert.Equal(5, sessions.Count);
        // each step is a subset of the one before
        Assert.True(sessions.Zip(sessions.Skip(1)).All(p => p.First >= p.Second), string.Join(" ≥ ", sessions));
        if (dataset == "simulated")
        {
            Assert.True(sessions[4] > 0, "the period has purchasing sessions");
            // step 1 is every session that started in the period, counted on the workspace directly
            var start = ShopTime.LocalMidnightToUtc(from, shop.TimeZone);
            var end = ShopTime.LocalMidnightToUtc(to.AddDays(1), shop.TimeZone);
            Assert.Equal(await shop.Duck.ScalarAsync<long>("SELECT count(*) FROM sessions WHERE started_at >= $1 AND started_at < $2", [start, end]), sessions[0]);
        }
        else
        {
            Assert.All(sessions, n => Assert.Equal(0, n));
        }
    }

    [Theory]
    [InlineData("online_retail")]
    [InlineData("simulated")]
    public async Task Quality_FlagsAndStoredCounts_Agree(string dataset)
    {
        var shop = await Shop(dataset);
        var d = await QualityAnalyzer.AnalyzeAsync(shop.Duck);
        var c = await ClickHouseQuality.AnalyzeAsync(shop.Duck, shop.Cluster);
        Assert.Equal(d.Flags.OrderBy(kv => kv.Key, StringComparer.Ordinal), c.Flags.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(d.Stored.Keys, c.Stored.Keys);
        foreach (var (name, value) in d.Stored)
        {
            var other = c.Stored[name];
            if (value is double x)
            {
                AssertClose(x, Convert.ToDouble(other, CultureInfo.InvariantCulture), name);
            }
            else
            {
                Assert.True(Text(value) == Text(other), $"{name}: duckdb {Text(value)}, clickhouse {Text(other)}");
            }
        }
        Assert.Equal(d.Imports.Count, c.Imports.Count);
        Assert.True(c.AllImportsBalanced);
        if (dataset == "online_retail")
        {
            // REFERENCES.md: 541,909 rows, 4,372 distinct customer ids; rows without a customer id are kept, as lines without customer
            Assert.Equal(4_372L, c.Stored["customers_with_orders"]);
            Assert.True((long)c.Stored["lines_without_customer"]! > 100_000);
            Assert.NotEmpty(c.Flags);
        }
        else
        {
            Assert.True((long)c.Stored["sessions"]! > 0 && (long)c.Stored["anonymous_visitors"]! > 0);
        }
    }

    private static void AssertSameRows(ResultTable d, ResultTable c, string[] exact, string[] close)
    {
        Assert.True(d.Rows.Count == c.Rows.Count, $"rows: duckdb {d.Rows.Count}, clickhouse {c.Rows.Count}");
        Assert.True(d.Rows.Count > 0);
        var mismatches = new List<string>();
        for (var i = 0; i < d.Rows.Count && mismatches.Count < 10; i++)
        {
            var diff = exact
                .Where(col => Text(d.Rows[i][d.IndexOf(col)]) != Text(c.Rows[i][c.IndexOf(col)]))
                .Concat(close.Where(col => !SameNumber(d.Rows[i][d.IndexOf(col)], c.Rows[i][c.IndexOf(col)])))
                .Select(col => $"{col} {Text(d.Rows[i][d.IndexOf(col)])} vs {Text(c.Rows[i][c.IndexOf(col)])}")
                .ToList();
            if (diff.Count > 0)
            {
                mismatches.Add($"row {i}: {string.Join("; ", diff)}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static bool SameNumber(object? a, object? b) =>
        (a, b) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ => Close(Convert.ToDouble(a, CultureInfo.InvariantCulture), Convert.ToDouble(b, CultureInfo.InvariantCulture)),
        };

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
}

/// <summary>
/// The order-based purchase features built inside ClickHouse equal DuckDB's
/// <see cref="Segmenta.Storage.Features.PurchaseFeatures"/> for every customer with an order before the cutoff.
/// </summary>
[Collection(ClickHouseTests.Name)]
public sealed class OrderFeatureTests(ClickHouseWorld world)
{
    public static TheoryData<string, int, int> Cases => new()
    {
        // (dataset, cutoff in days after the data's first day, horizon days)
        { "online_retail", 270, 30 },
        { "online_retail", 120, 90 },
        { "simulated", 60, 14 },
        { "simulated", 100, 7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OrderFeatures_EveryCustomer_Agrees(string dataset, int cutoffDays, int horizonDays)
    {
        var shop = await (dataset == "online_retail" ? world.OnlineRetail : world.Simulated);
        var range = (await MetricsQueries.DataRangeAsync(shop.Duck, shop.TimeZone))!.Value;
        var cutoff = range.From.AddDays(cutoffDays);
        var duck = await Segmenta.Storage.Features.PurchaseFeatures.BuildAsync(shop.Duck, shop.TimeZone, cutoff, horizonDays);
        var ch = await ClickHouseFeatures.OrderFeaturesAsync(shop.Cluster, shop.TimeZone, cutoff, horizonDays);
        Assert.Equal(["person", .. ClickHouseFeatures.OrderNames, "label"], ch.Columns);

        // DuckDB's rows of the people with an order before the cutoff; its columns are the person, Names, label, visited
        var names = Segmenta.Storage.Features.PurchaseFeatures.Names.ToList();
        var ordersAll = 1 + names.IndexOf("orders_all");
        var expected = duck.Rows.Where(r => Convert.ToDouble(r[ordersAll], CultureInfo.InvariantCulture) > 0).ToList();
        Assert.Equal(expected.Count, ch.Rows.Count);
        Assert.True(ch.Rows.Count > 100, $"only {ch.Rows.Count} customers");
        var mismatches = new List<string>();
        for (var i = 0; i < expected.Count && mismatches.Count < 10; i++)
        {
            var (d, c) = (expected[i], ch.Rows[i]);
            if ((string)d[0]! != (string)c[0]!)
            {
                mismatches.Add($"row {i}: person {d[0]} vs {c[0]}");
                continue;
            }
            var columns = ClickHouseFeatures.OrderNames.Select(n => (n, 1 + names.IndexOf(n))).Append(("label", 1 + names.Count));
            foreach (var (name, at) in columns)
            {
                var x = Convert.ToDouble(d[at], CultureInfo.InvariantCulture);
                var y = Convert.ToDouble(c[ch.IndexOf(name)], CultureInfo.InvariantCulture);
                // sums of the same amounts in another order differ in the last bits: relative to the larger
                if (x != y && Math.Abs(x - y) > 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y)))
                {
                    mismatches.Add($"{d[0]} {name}: duckdb {x.ToString("R", CultureInfo.InvariantCulture)}, clickhouse {y.ToString("R", CultureInfo.InvariantCulture)}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // some customers buy in the horizon, some do not
        var labels = ch.Rows.Select(r => ResultTable.Convert<long>(r[ch.IndexOf("label")])).ToList();
        Assert.Contains(0L, labels);
        Assert.Contains(1L, labels);
    }
}
