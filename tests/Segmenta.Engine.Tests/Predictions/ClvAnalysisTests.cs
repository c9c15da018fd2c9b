using Segmenta.Core.Lifetime;
using Segmenta.Engine.Predictions;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Import;
using Segmenta.Storage.Lifetime;
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
        var request = new ClvRequest { CalibrationEnd = new DateOnly(1997, 9, 30), Unit = "weeks" };
        var result = await ClvAnalysis.RunAsync(ws, request);

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

        // And each stored prediction is the customer's own: P(alive), expected purchases over the horizon and the
        // discounted CLV computed straight from that customer's history with the fitted parameters
        var bgnbd = new BetaGeoModel(new BetaGeoParameters(
            result.Parameters["r"].Estimate, result.Parameters["alpha"].Estimate, result.Parameters["a"].Estimate, result.Parameters["b"].Estimate));
        var spend = new GammaGammaModel(new GammaGammaParameters(
            result.SpendParameters["p"].Estimate, result.SpendParameters["q"].Estimate, result.SpendParameters["v"].Estimate));
        var clv = new ClvOptions { Months = 12, MonthlyDiscountRate = request.MonthlyDiscountRate, TimeUnitsPerMonth = 30 / 7.0 };
        var stored = (await ws.Engine.QueryAsync("SELECT customer_id, p_alive, expected_purchases, clv FROM clv_predictions"))
            .Rows.ToDictionary(r => (string)r[0]!, r => (PAlive: ResultTable.Convert<double>(r[1]), Expected: ResultTable.Convert<double>(r[2]), Clv: ResultTable.Convert<double>(r[3])));
        foreach (var row in await LifetimeInputs.ReadAsync(ws.Engine, "UTC", request.CalibrationEnd.Value, null, 7))
        {
            var h = row.History;
            var (pAlive, expected, value) = stored[h.CustomerId];
            Assert.Equal(bgnbd.ProbabilityAlive(h), pAlive, 1e-12);
            Assert.Equal(bgnbd.ConditionalExpectedPurchases(365 / 7.0, h), expected, 1e-12);
            Assert.Equal(CustomerValue.LifetimeValue(bgnbd, spend, h, clv), value, 1e-9 * Math.Max(1, value));
        }
    }
}
