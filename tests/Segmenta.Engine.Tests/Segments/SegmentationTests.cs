using Segmenta.Core;
using Segmenta.Core.Rfm;
using Segmenta.Engine.Demo;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Import;
using Segmenta.Storage.Segments;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Segments;

/// <summary>RFM segments end to end: Online Retail (REFERENCES.md) and a simulated shop on the visits basis.</summary>
public sealed class SegmentationTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-seg-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_OnlineRetail_SegmentsAddUpAndMigrationRowsSumToCustomersAtBothDates()
    {
        // Given Online Retail
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"));

        // When segmented on purchases as of 2011-12-10 and 2011-06-01
        var late = await Segmentation.RunAsync(ws, new DateOnly(2011, 12, 10), "purchases", 0);
        var early = await Segmentation.RunAsync(ws, new DateOnly(2011, 6, 1), "purchases", 0);

        // Then the 4,338 scored customers are split over the segments without loss
        Assert.Equal(4_338, late.Scored);
        Assert.Equal(4_338, late.Segments.Sum(s => Convert.ToInt64(s["customers"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(late.Segments, s => (string)s["segment"]! == "(none)");
        Assert.Equal(1.0, late.Segments.Sum(s => Convert.ToDouble(s["revenue_share"], System.Globalization.CultureInfo.InvariantCulture)), 9);
        // And the migration matrix covers exactly the customers scored at both dates
        var matrix = await SegmentQueries.MigrationAsync(ws.Engine, new DateOnly(2011, 6, 1), new DateOnly(2011, 12, 10), RfmBasis.Purchases);
        var both = await ws.Engine.ScalarAsync<long>(
            "SELECT count(*) FROM rfm_scores a JOIN rfm_scores b USING (customer_id) WHERE a.as_of = DATE '2011-06-01' AND b.as_of = DATE '2011-12-10' AND a.basis = 'purchases' AND b.basis = 'purchases'");
        Assert.Equal(both, matrix.Rows.Sum(r => Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(early.Scored, both);
        // And the June snapshot can be backtested on the 30 days after it
        Assert.All(early.Segments, s => Assert.NotNull(s["next_period_conversion"]));
        var vip = early.Segments.Single(s => (string)s["segment"]! == "vip");
        var churned = early.Segments.Single(s => (string)s["segment"]! == "churned");
        Assert.True(Convert.ToDouble(vip["next_period_conversion"], System.Globalization.CultureInfo.InvariantCulture)
                    > 2 * Convert.ToDouble(churned["next_period_conversion"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Run_VisitsBasisOnSimulatedShop_VisitorsWhoNeverBoughtAreScoredIntoLowInterestSegments()
    {
        // Given a simulated shop with anonymous visitors
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await DemoRunner.RunAsync(ws, new DemoOptions { Customers = 1_500, Days = 90, Seed = 3 }, TimeProvider.System);

        // When segmented on visits (auto picks visits when there are events)
        var run = await Segmentation.RunAsync(ws, null, null, null);

        // Then visitors who never bought are scored and land in new, catch_now, needs_attention, at_risk or churned
        Assert.Equal(RfmBasis.Visits, run.Basis);
        var landing = await ws.Engine.QueryAsync("""
            SELECT m.segment_id, count(*) FROM segment_members m JOIN rfm_scores s USING (as_of, basis, customer_id)
            WHERE s.monetary = 0 GROUP BY 1 ORDER BY 1
            """);
        Assert.NotEmpty(landing.Rows);
        Assert.All(landing.Rows, r => Assert.Contains((string)r[0]!, new[] { "new", "catch_now", "needs_attention", "at_risk", "churned" }));
        Assert.True(await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM rfm_scores WHERE NOT is_customer") > 1_000);
        Assert.Equal(0, await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM segment_members WHERE segment_id IS NULL"));
    }

    [Fact]
    public async Task Run_AsOfBeforeAllData_EmptyExplainedResult()
    {
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("cdnow/CDNOW_sample.txt"), "cdnow"));

        var run = await Segmentation.RunAsync(ws, new DateOnly(1996, 1, 1), "purchases", 0);

        Assert.Equal(0, run.Scored);
        Assert.Contains("before the first day with data (1997-01-01)", run.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_BadRuleInSettings_ErrorNamesFileAndRule()
    {
        // Given segmenta.json whose first rule misspells a field
        await using (await Workspace.OpenAsync(_temp.Path)) { }
        var file = _temp.File(Workspace.SettingsFile);
        File.WriteAllText(file, File.ReadAllText(file).Replace("r >= 4 and f >= 4 and m >= 4", "r >= 4 and frq >= 4", StringComparison.Ordinal));
        await using var ws = await Workspace.OpenAsync(_temp.Path);

        var error = Assert.Throws<SegmentaInputException>(() => Segmentation.Rules(ws));

        Assert.Contains("segmenta.json: segments: segment rule 1 'vip' condition: unknown field 'frq'", error.Message, StringComparison.Ordinal);
    }
}
