using Segmenta.Engine.Predictions;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Predictions;

/// <summary>The whole path raw CDNOW file → import → SQL calibration summary → fit, against the published BG/NBD figures.</summary>
public sealed class ClvAnalysisTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-clv-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_CdnowSampleFromRawFile_ReproducesFaderHardieLee()
    {
        // Given the raw CDNOW sample imported into a UTC workspace
        await using var ws = await Workspace.OpenAsync(_temp.Path);
        await ws.CreateImporter().ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("cdnow/CDNOW_sample.txt"), "cdnow"));

        // When BG/NBD is fitted in weeks on the 39-week calibration period (1997-01-01 .. 1997-09-30)
        var result = await ClvAnalysis.RunAsync(ws, new ClvRequest { CalibrationEnd = new DateOnly(1997, 9, 30), Unit = "weeks" });

        // Then the parameters and log-likelihood are the paper's (r 0.243, α 4.414, a 0.793, b 2.426; LL −9582.43)
        Assert.Equal(2_357, result.Customers);
        Assert.Equal(946, result.RepeatBuyers);
        Assert.Equal(0.243, result.Parameters["r"].Estimate, 0.001);
        Assert.Equal(4.414, result.Parameters["alpha"].Estimate, 0.001);
        Assert.Equal(0.793, result.Parameters["a"].Estimate, 0.001);
        Assert.Equal(2.426, result.Parameters["b"].Estimate, 0.001);
        Assert.Equal(-9582.43, result.LogLikelihood, 0.01);
        // And Gamma-Gamma on the 946 repeat buyers: p 6.25, q 3.74, v 15.44
        Assert.Equal(6.25, result.SpendParameters["p"].Estimate, 0.01);
        Assert.Equal(3.74, result.SpendParameters["q"].Estimate, 0.01);
        Assert.Equal(15.44, result.SpendParameters["v"].Estimate, 0.01);
        // And the weeks 40–78 holdout holds exactly the published 1,882 repeat purchases
        Assert.Equal(1_882, result.Holdout!.ActualRepeatPurchases);
        Assert.InRange(result.Holdout.ForecastRepeatPurchases, 1_600, 1_700);
        // And predictions are stored per customer
        Assert.Equal(2_357, await ws.Engine.ScalarAsync<long>("SELECT count(*) FROM clv_predictions"));
    }
}
