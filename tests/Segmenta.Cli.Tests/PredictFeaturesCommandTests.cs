using Segmenta.Testing;

namespace Segmenta.Cli.Tests;

/// <summary><c>segmenta predict features</c>: the feature matrix at one cutoff, without training.</summary>
public sealed class PredictFeaturesCommandTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-cli-features-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PredictFeatures_Cdnow_OneRowPerCustomerWithTheHorizonsBuyersLabelled()
    {
        // Given CDNOW's 2,357 customers, all of whom first bought in January to March 1997
        var ws = _temp.File("cdnow");
        Assert.Equal(0, (await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("cdnow/CDNOW_sample.txt"), "--format", "cdnow")).ExitCode);
        var file = Path.Combine(_temp.File("out"), "july", "features.csv");

        // When the features at 1 July 1997 are built with a 30-day horizon, into a folder that does not exist yet
        var run = await SegmentaProcess.RunAsync("-w", ws, "--json", "predict", "features", "--as-of", "1997-07-01", "--horizon", "30", "--output", file);

        // Then every customer has one row of 66 features, and the labels are the customers who bought in July
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2_357, run.Json.GetProperty("people").GetInt32());
        Assert.Equal(66, run.Json.GetProperty("features").GetInt32());
        var lines = File.ReadAllLines(file);
        Assert.Equal(2_358, lines.Length);
        Assert.StartsWith("person_id,cutoff,is_customer,", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Equal(69, l.Split(',').Length));
        var buyers = await SegmentaProcess.RunAsync("-w", ws, "--json", "sql",
            "SELECT count(DISTINCT customer_id) AS n FROM orders WHERE kind = 'sale' AND ordered_at >= '1997-07-01' AND ordered_at < '1997-07-31'");
        var expected = buyers.Json[0].GetProperty("n").GetInt64();
        Assert.InRange(expected, 100, 2_000);
        Assert.Equal(expected, lines.Skip(1).Count(l => l.EndsWith(",1", StringComparison.Ordinal)));
        Assert.All(lines.Skip(1), l => Assert.Equal("1997-07-01", l.Split(',')[1]));
        Assert.Equal(2_357, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task PredictFeatures_BadDate_NamesTheOption()
    {
        var ws = _temp.File("empty");
        Assert.Equal(0, (await SegmentaProcess.RunAsync("init", ws)).ExitCode);
        var run = await SegmentaProcess.RunAsync("-w", ws, "predict", "features", "--as-of", "July", "--output", _temp.File("f.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--as-of July", run.Stderr, StringComparison.Ordinal);
    }
}
