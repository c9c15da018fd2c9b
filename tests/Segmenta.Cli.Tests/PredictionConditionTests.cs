using Segmenta.Testing;

namespace Segmenta.Cli.Tests;

/// <summary>Predictions flow into segment conditions.</summary>
public sealed class PredictionConditionTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-cli-pred-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SegmentsCount_ClvCondition_UsesStoredPredictions()
    {
        // Given CDNOW with CLV fitted on the first 39 weeks
        var ws = _temp.File("cdnow");
        await SegmentaProcess.RunAsync("-w", ws, "import", "orders", TestData.Path("cdnow/CDNOW_sample.txt"), "--format", "cdnow");
        var clv = await SegmentaProcess.RunAsync("-w", ws, "--json", "clv", "--calibration-end", "1997-09-30", "--unit", "weeks");
        Assert.Equal(0, clv.ExitCode);
        Assert.Equal(1_882, clv.Json.GetProperty("holdout").GetProperty("actual_repeat_purchases").GetDouble());

        // When customers are counted by predicted value at the end of the data
        var all = await SegmentaProcess.RunAsync("-w", ws, "--json", "segments", "count", "clv >= 0", "--basis", "purchases");
        var valuable = await SegmentaProcess.RunAsync("-w", ws, "--json", "segments", "count", "clv > 100", "--basis", "purchases");

        // Then every scored customer has a CLV, and a minority is above 100
        Assert.Equal(all.Json.GetProperty("scored").GetInt64(), all.Json.GetProperty("customers").GetInt64());
        var high = valuable.Json.GetProperty("customers").GetInt64();
        Assert.InRange(high, 1, all.Json.GetProperty("customers").GetInt64() / 2);
    }
}
