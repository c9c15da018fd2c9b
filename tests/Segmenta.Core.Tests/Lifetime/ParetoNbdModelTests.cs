using System.Diagnostics;
using Segmenta.Core.Lifetime;
using Xunit.Abstractions;

namespace Segmenta.Core.Tests.Lifetime;

public class ParetoNbdModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_CdnowSummary_ReproducesHardieParameters()
    {
        // Given the CDNOW calibration summary
        var customers = CdnowData.Summary;

        // When the Pareto/NBD is fitted
        var watch = Stopwatch.StartNew();
        var model = ParetoNbdModel.Fit(customers);
        watch.Stop();

        // Then r, alpha, s, beta match Hardie's 0.553, 10.578, 0.606, 11.669 within 0.01
        // (BTYD reports 0.553, 10.580, 0.606, 11.656 with LL -9594.976)
        var p = model.Parameters;
        var d = model.Diagnostics!;
        output.WriteLine($"r={p.R:F5} alpha={p.Alpha:F4} s={p.S:F5} beta={p.Beta:F4} LL={d.LogLikelihood:F4} iterations={d.Iterations} time={watch.ElapsedMilliseconds} ms");
        output.WriteLine($"SE: {string.Join(", ", d.StandardErrors.Select(s => s.ToString("F5", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.Equal(0.553, p.R, 0.01);
        Assert.Equal(10.578, p.Alpha, 0.02);
        Assert.Equal(0.606, p.S, 0.01);
        Assert.Equal(11.669, p.Beta, 0.02);
        Assert.Equal(-9594.976, d.LogLikelihood, 0.01);
    }

    [Fact]
    public void ExpectedPurchases_HardieParameters52Weeks_Is1Point4734()
    {
        // Given Hardie's parameters r=0.553, alpha=10.578, s=0.606, beta=11.669
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669));

        // When E[X(52)] is evaluated
        // Then it equals 1.473434 (r beta/(alpha(s-1)) [1 - (beta/(beta+t))^(s-1)])
        Assert.Equal(1.473434, model.ExpectedPurchases(52), 0.001);
    }

    [Fact]
    public void ProbabilityAlive_NoRepeatAfterLongSilence_IsLowerThanRecentBuyer()
    {
        // Given the CDNOW-fitted model, a recent heavy buyer and a long-silent one-off buyer
        var model = ParetoNbdModel.Fit(CdnowData.Summary);
        var heavy = new CustomerHistory("h", 26, 30.857, 31);
        var silent = new CustomerHistory("s", 0, 0, 38.86);

        // When P(alive) is computed for each
        var heavyAlive = model.ProbabilityAlive(heavy);
        var silentAlive = model.ProbabilityAlive(silent);
        output.WriteLine($"P(alive) heavy={heavyAlive:F6} silent={silentAlive:F6}");

        // Then both are probabilities and the heavy buyer is far likelier to be alive
        Assert.InRange(heavyAlive, 0.9, 1.0);
        Assert.InRange(silentAlive, 0.0, heavyAlive);
        // and the heavy buyer's next-52-week forecast is P(alive) times the Gamma-posterior rate path
        Assert.InRange(model.ConditionalExpectedPurchases(52, heavy), 20, 30);
    }

    [Fact]
    public void ProbabilityAlive_EqualRates_MatchesClosedForm()
    {
        // Given r = s = 1 and alpha = beta = 1, where both 2F1 terms have argument 0 (value 1), so
        // A0 = (alpha+t_x)^-(r+s+x) - (alpha+T)^-(r+s+x)
        var model = new ParetoNbdModel(new ParetoNbdParameters(1, 1, 1, 1));
        var customer = new CustomerHistory("h", 1, 1, 3);

        // When P(alive) is computed
        var alive = model.ProbabilityAlive(customer);

        // Then it equals 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0)
        //            = 1 / (1 + 1/3 * 4^3 * (2^-3 - 4^-3)) = 1 / (1 + 7/3) = 0.3
        Assert.Equal(0.3, alive, 1e-12);
    }
}
