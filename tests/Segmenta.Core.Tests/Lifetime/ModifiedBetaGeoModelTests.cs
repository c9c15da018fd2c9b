using Segmenta.Core.Lifetime;
using Xunit.Abstractions;

namespace Segmenta.Core.Tests.Lifetime;

public class ModifiedBetaGeoModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_CdnowSummary_ReproducesPublishedParameters()
    {
        // Given the CDNOW calibration summary
        // When the modified BG/NBD is fitted
        var model = ModifiedBetaGeoModel.Fit(CdnowData.Summary);

        // Then r, alpha, a, b match the published 0.525, 6.183, 0.891, 1.614 within 0.01
        var p = model.Parameters;
        output.WriteLine($"r={p.R:F5} alpha={p.Alpha:F4} a={p.A:F5} b={p.B:F4} LL={model.Diagnostics!.LogLikelihood:F4}");
        Assert.Equal(0.525, p.R, 0.01);
        Assert.Equal(6.183, p.Alpha, 0.01);
        Assert.Equal(0.891, p.A, 0.01);
        Assert.Equal(1.614, p.B, 0.01);
    }

    [Fact]
    public void ProbabilityAlive_NoRepeat_IsBelowOneUnlikeBgNbd()
    {
        // Given r=1, alpha=1, a=1, b=1 and a one-off buyer with T=3
        var model = new ModifiedBetaGeoModel(new BetaGeoParameters(1, 1, 1, 1));

        // When P(alive) is computed
        var alive = model.ProbabilityAlive(new CustomerHistory("z", 0, 0, 3));

        // Then it is 1/(1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)) = 1/(1 + 4) = 0.2
        Assert.Equal(0.2, alive, 1e-12);
    }

    [Fact]
    public void ConditionalExpectedPurchases_ShortHorizon_IsRateTimesPAlive()
    {
        // Given r=1, alpha=1, a=2, b=3 and x=1, t_x=1, T=3
        var model = new ModifiedBetaGeoModel(new BetaGeoParameters(1, 1, 2, 3));
        var customer = new CustomerHistory("h", 1, 1, 3);

        // When the expected purchases in a very short horizon t are computed
        const double t = 1e-6;

        // Then they equal (r+x)/(alpha+T) * P(alive) * t with P(alive) = 1/(1 + 2/4 * 2^2) = 1/3
        Assert.Equal(0.5 / 3 * t, model.ConditionalExpectedPurchases(t, customer), 1e-12);
    }

    [Fact]
    public void ExpectedPurchases_ShortHorizon_IsRateTimesSurvivalOfFirstDropout()
    {
        // Given r=1, alpha=2, a=2, b=3
        var model = new ModifiedBetaGeoModel(new BetaGeoParameters(1, 2, 2, 3));

        // When E[X(t)] is evaluated for a tiny t
        const double t = 1e-6;

        // Then it equals r/alpha * b/(a+b) * t: the rate times the chance of surviving time 0
        Assert.Equal(0.5 * 0.6 * t, model.ExpectedPurchases(t), 1e-12);
    }
}
