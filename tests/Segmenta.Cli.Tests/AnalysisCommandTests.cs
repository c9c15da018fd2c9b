using Segmenta.Testing;

namespace Segmenta.Cli.Tests;

/// <summary>Analysis commands on the public datasets, through the real program.</summary>
public sealed class AnalysisCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-cli-analysis-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Basket_Groceries_410RulesAtArulesSettings()
    {
        var ws = _temp.File("groceries");
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("groceries/groceries.csv"), "--format", "baskets")).ExitCode);

        var run = await SegmentaProcess.RunAsync("-w", ws, "--json", "basket", "--min-support", "0.001", "--min-confidence", "0.8", "--top", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(9_835, run.Json.GetProperty("baskets").GetInt32());
        Assert.Equal(410, run.Json.GetProperty("rules").GetInt32());
        var best = run.Json.GetProperty("top")[0];
        Assert.Equal(11.235269, best.GetProperty("lift").GetDouble(), 6);
        Assert.Equal("bottled beer", best.GetProperty("consequent")[0].GetString());
    }

    [Fact]
    public async Task Basket_SupportAboveOne_ExitsOneWithMessage()
    {
        var ws = _temp.File("groceries");
        await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("groceries/groceries.csv"), "--format", "baskets");

        var run = await SegmentaProcess.RunAsync("-w", ws, "basket", "--min-support", "1.5");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("support", run.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rfm_OnlineRetail_PublishedInputsAndSegmentsThatAddUp()
    {
        var ws = _temp.File("retail");
        await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("online_retail/OnlineRetail.csv.gz"), "--format", "online-retail");

        var run = await SegmentaProcess.RunAsync("-w", ws, "--json", "rfm", "--as-of", "2011-12-10", "--basis", "purchases");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4_338, run.Json.GetProperty("scored").GetInt64());
        Assert.Equal(93.06, run.Json.GetProperty("summary").GetProperty("recency_mean").GetDouble(), 2);
        Assert.Equal(4.272, run.Json.GetProperty("summary").GetProperty("frequency_mean").GetDouble(), 3);
        Assert.Equal(2_054.27, run.Json.GetProperty("summary").GetProperty("monetary_mean").GetDouble(), 2);
        Assert.Equal(4_338, run.Json.GetProperty("segments").EnumerateArray().Sum(s => s.GetProperty("customers").GetInt64()));

        // And the recommender trained before 2011-10-01 beats popularity on hit rate@10 after it
        var rec = await SegmentaProcess.RunAsync("-w", ws, "--json", "recommend", "--evaluate-split", "2011-10-01");
        Assert.Equal(0, rec.ExitCode);
        Assert.True(rec.Json.GetProperty("model").GetProperty("hit_rate").GetDouble() > rec.Json.GetProperty("popularity").GetProperty("hit_rate").GetDouble());
    }

    [Fact]
    public async Task SegmentsCount_Typo_PointsAtTheField()
    {
        var ws = _temp.File("cdnow");
        await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("cdnow/CDNOW_sample.txt"), "--format", "cdnow");

        var run = await SegmentaProcess.RunAsync("-w", ws, "segments", "count", "recnecy > 30 and monetary > 100");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown field 'recnecy' at column 1; did you mean 'recency'?", run.Stderr, StringComparison.Ordinal);
    }
}
