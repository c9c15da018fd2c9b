using Segmenta.Core.Segments;
using Segmenta.Storage.Segments;
using Segmenta.Storage.Import;
using Segmenta.Core.Rfm;
using Segmenta.Storage.Rfm;
using Segmenta.Testing;

namespace Segmenta.Storage.Tests.Rfm;

/// <summary>RFM inputs and scores against REFERENCES.md (Online Retail) and hand-computed cases.</summary>
public sealed class RfmQueriesTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-rfm-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Score_OnlineRetailPurchases_MatchesPublishedFigures()
    {
        // Given Online Retail in a UTC shop
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        // When scored on purchases as of 2011-12-10 over all history
        var n = await RfmQueries.ScoreAsync(ws.Engine, new RfmRequest(new DateOnly(2011, 12, 10), RfmBasis.Purchases, 0, 30, "UTC"));
        var s = await RfmQueries.SummaryAsync(ws.Engine, new DateOnly(2011, 12, 10), RfmBasis.Purchases);

        // Then REFERENCES.md: 4,338 customers; recency mean 93.06 (median 51); frequency mean 4.272 (median 2, max 209);
        // monetary mean 2,054.27 (median 674.48, max 280,206.02 for customer 14646)
        Assert.Equal(4_338, n);
        Assert.Equal(93.06, s.Get<double>(0, "recency_mean"), 2);
        Assert.Equal(51, s.Get<double>(0, "recency_median"));
        Assert.Equal(4.272, s.Get<double>(0, "frequency_mean"), 3);
        Assert.Equal(2, s.Get<double>(0, "frequency_median"));
        Assert.Equal(209, s.Get<long>(0, "frequency_max"));
        Assert.Equal(2_054.27, s.Get<double>(0, "monetary_mean"), 2);
        Assert.Equal(674.48, s.Get<double>(0, "monetary_median"), 1);
        Assert.Equal(280_206.02, s.Get<double>(0, "monetary_max"), 2);
        Assert.Equal("14646", await ws.Engine.ScalarAsync<string>("SELECT customer_id FROM rfm_scores ORDER BY monetary DESC LIMIT 1"));
        // Net of cancellations is lower on average, never higher than gross
        Assert.True(s.Get<double>(0, "monetary_net_mean") < s.Get<double>(0, "monetary_mean"));
        Assert.Equal(0, await ws.CountAsync("SELECT count(*) FROM rfm_scores WHERE monetary_net > monetary + 1e-9"));
        // Quintiles: each score holds about a fifth of the customers (ties may shift a little)
        var shares = await ws.Engine.QueryAsync("SELECT m_score, count(*) FROM rfm_scores GROUP BY m_score ORDER BY m_score");
        Assert.All(shares.Rows, r => Assert.InRange(Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), 860, 875));
    }

    [Fact]
    public async Task Score_TiedFrequencies_ShareTheLowerScore()
    {
        // Given five customers with 1, 1, 2, 3 and 5 orders (all on 2024-01-0x, amounts 10 each)
        await using var ws = await TestWorkspace.CreateAsync();
        var rows = new List<string> { "order_id,customer_id,ordered_at,amount" };
        var counts = new[] { ("a", 1), ("b", 1), ("c", 2), ("d", 3), ("e", 5) };
        var k = 0;
        foreach (var (customer, orders) in counts)
        {
            for (var i = 0; i < orders; i++)
            {
                rows.Add(FormattableString.Invariant($"o{k++},{customer},2024-01-0{1 + i} 12:00:00,10"));
            }
        }
        var file = _temp.File("o.csv");
        File.WriteAllLines(file, rows);
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, file));

        // When scored as of 2024-02-01
        await RfmQueries.ScoreAsync(ws.Engine, new RfmRequest(new DateOnly(2024, 2, 1), RfmBasis.Purchases, 0, 30, "UTC"));

        // Then F by hand: ranks 1,1,3,4,5 of n=5 give 1 + floor(5(rank-1)/5) = 1,1,3,4,5; recency days 31,31,30,29,27 → R 1,1,3,4,5
        var scores = await ws.Engine.QueryAsync("SELECT customer_id, recency_days, f_score, r_score, m_score FROM rfm_scores ORDER BY customer_id");
        Assert.Equal(["a:31:1:1", "b:31:1:1", "c:30:3:3", "d:29:4:4", "e:27:5:5"],
            scores.Rows.Select(r => $"{r[0]}:{r[1]}:{r[2]}:{r[3]}").ToArray());
    }

    [Fact]
    public async Task Score_RefundsInsideTheWindow_TakenOffNetMonetaryOnly()
    {
        // Given c1: 100 placed (5 Jan) and 40 refunded (20 Jan); c2: 50 refunded long before the window (1 Jun 2023)
        // and 30 placed (10 Jan); c3: only a refunded order
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", """
            order_id,customer_id,ordered_at,amount,status
            o1,c1,2024-01-05 10:00:00,100,placed
            o2,c1,2024-01-20 10:00:00,40,refunded
            o3,c2,2023-06-01 10:00:00,50,refunded
            o4,c2,2024-01-10 10:00:00,30,placed
            o5,c3,2024-01-15 10:00:00,25,refunded
            """)));

        // When scored as of 1 February 2024 over a 90-day window (from 3 November 2023)
        await RfmQueries.ScoreAsync(ws.Engine, new RfmRequest(new DateOnly(2024, 2, 1), RfmBasis.Purchases, 90, 30, "UTC"));

        // Then by hand: gross counts every sale in the window (c1 140 over 2 orders, c2 30, c3 25); net takes back the
        // refunds in the window only (c1 100, c2 30: its refund is outside, c3 0)
        var rows = await ws.Engine.QueryAsync("SELECT customer_id, frequency, monetary, monetary_net FROM rfm_scores ORDER BY customer_id");
        Assert.Equal(["c1:2:140:100", "c2:1:30:30", "c3:1:25:0"],
            rows.Rows.Select(r => FormattableString.Invariant($"{r[0]}:{r[1]}:{r[2]}:{r[3]}")).ToArray());
    }

    [Fact]
    public async Task Score_ShopInSeoul_DaysAndWindowInLocalTime()
    {
        // Given a Seoul shop: order a at 2024-01-31 20:00 UTC (= 1 February 05:00 in Seoul),
        // order b at 2024-02-09 16:00 UTC (= 10 February 01:00 in Seoul, on the as-of day: excluded)
        await using var ws = await TestWorkspace.CreateAsync(new ImportSettings { ShopTimeZone = "Asia/Seoul" });
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", """
            order_id,customer_id,ordered_at,amount
            a,c1,2024-01-31T20:00:00Z,10
            b,c2,2024-02-09T16:00:00Z,10
            """)));

        // When scored as of 10 February (Seoul)
        await RfmQueries.ScoreAsync(ws.Engine, new RfmRequest(new DateOnly(2024, 2, 10), RfmBasis.Purchases, 0, 30, "Asia/Seoul"));

        // Then c1's last purchase day is 1 February locally (9 days), and c2 bought on the as-of day itself: not scored
        var rows = await ws.Engine.QueryAsync("SELECT customer_id, recency_days, first_activity FROM rfm_scores");
        var row = Assert.Single(rows.Rows);
        Assert.Equal("c1", row[0]);
        Assert.Equal(9, Convert.ToInt32(row[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Assign_RulesReadingContactsOrLastOrder_SameAsByHand()
    {
        // Given a Seoul shop: c1 (KR) last bought 1 February local time, c2 (US) on 20 January local time
        await using var ws = await TestWorkspace.CreateAsync(new ImportSettings { ShopTimeZone = "Asia/Seoul" });
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", """
            order_id,customer_id,ordered_at,amount,country
            a,c1,2024-01-31T20:00:00Z,10,KR
            b,c2,2024-01-20T00:00:00Z,10,US
            """)));
        await RfmQueries.ScoreAsync(ws.Engine, new RfmRequest(new DateOnly(2024, 2, 10), RfmBasis.Purchases, 0, 30, "Asia/Seoul"));

        // When a rule table reads the country (not in the snapshot: the full profile) and days since the last order
        var rules = new SegmentRuleTable(
        [
            new SegmentRule("korea", "Korea", "한국", "", "", "country = 'KR'"),
            new SegmentRule("quiet", "Quiet", "휴면", "", "", "days_since_last_order >= 15"),
        ], FieldCatalog.Default);
        var counts = await SegmentQueries.AssignAsync(ws.Engine, "Asia/Seoul", new DateOnly(2024, 2, 10), RfmBasis.Purchases, rules);

        // Then c1 is Korean (9 days) and c2 quiet (21 days: 20 January 09:00 in Seoul to 10 February)
        Assert.Equal(1, counts["korea"]);
        Assert.Equal(1, counts["quiet"]);
        var quiet = await ws.Engine.QueryAsync("SELECT customer_id FROM segment_members WHERE segment_id = 'quiet'");
        Assert.Equal("c2", Assert.Single(quiet.Rows)[0]);

        // And a table of score rules only (read from the snapshot alone) with the same last-order rule agrees
        var snapshotOnly = new SegmentRuleTable([new SegmentRule("quiet", "Quiet", "휴면", "", "", "days_since_last_order >= 15")], FieldCatalog.Default);
        var again = await SegmentQueries.AssignAsync(ws.Engine, "Asia/Seoul", new DateOnly(2024, 2, 10), RfmBasis.Purchases, snapshotOnly);
        Assert.Equal(1, again["quiet"]);
        Assert.Equal(1, again["(none)"]);
    }

    [Fact]
    public async Task Profiles_SnapshotStoredBeforeLastOrderDay_GetsItFromTheOrders()
    {
        // Given a Seoul shop whose snapshot table was written by a version without last_order_day:
        // c2 last bought 20 January 09:00 Seoul time, and again after the as-of day (which must not count)
        await using var ws = await TestWorkspace.CreateAsync(new ImportSettings { ShopTimeZone = "Asia/Seoul" });
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, _temp.Write("o.csv", """
            order_id,customer_id,ordered_at,amount
            a,c2,2024-01-20T00:00:00Z,10
            b,c2,2024-02-12T00:00:00Z,10
            """)));
        await ws.Engine.ExecuteAsync("""
            CREATE TABLE rfm_scores (as_of DATE, basis VARCHAR, customer_id VARCHAR, is_customer BOOLEAN,
                recency_days INTEGER, frequency BIGINT, monetary DOUBLE, monetary_net DOUBLE,
                first_activity DATE, is_new BOOLEAN, r_score INTEGER, f_score INTEGER, m_score INTEGER, orders BIGINT);
            INSERT INTO rfm_scores VALUES ('2024-02-10', 'purchases', 'c2', true, 21, 1, 10, 10, '2024-01-20', false, 1, 1, 1, 1);
            """);

        // When a segment condition reads days since the last order of that snapshot
        var n = await SegmentQueries.CountAsync(ws.Engine, "Asia/Seoul", new DateOnly(2024, 2, 10), RfmBasis.Purchases,
            SegmentCondition.Parse("days_since_last_order = 21", FieldCatalog.Default));

        // Then the old snapshot answers from the orders: 20 January to 10 February is 21 days
        Assert.Equal(1, n);
        Assert.Equal("2024-01-20", await ws.Engine.ScalarAsync<string>("SELECT CAST(last_order_day AS VARCHAR) FROM rfm_scores"));
    }

    [Fact]
    public async Task Score_AsOfBeforeAllData_ScoresNobody()
    {
        await using var ws = await TestWorkspace.CreateAsync();
        await ws.Importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("cdnow/CDNOW_sample.txt"), "cdnow"));

        var n = await RfmQueries.ScoreAsync(ws.Engine, new RfmRequest(new DateOnly(1990, 1, 1), RfmBasis.Purchases, 0, 30, "UTC"));

        Assert.Equal(0, n);
    }
}
