using Segmenta.Core.Lifetime;
using Xunit.Abstractions;

namespace Segmenta.Core.Tests.Lifetime;

public class GammaGammaModelTests(ITestOutputHelper output)
{
    private static readonly Lazy<GammaGammaModel> Fitted = new(() => GammaGammaModel.Fit(CdnowData.WithMoney));

    [Fact]
    public void Fit_CdnowRepeatBuyers_ReproducesPublishedParameters()
    {
        // Given the CDNOW summary with mean repeat spend zbar
        // When the Gamma-Gamma model is fitted (only the repeat buyers carry spend information)
        var model = Fitted.Value;

        // Then it was fitted on 946 customers and p, q, v match 6.25, 3.74, 15.44 (lifetimes 15.45)
        var p = model.Parameters;
        output.WriteLine($"p={p.P:F5} q={p.Q:F5} v={p.V:F5} LL={model.Diagnostics!.LogLikelihood:F4}");
        Assert.Equal(946, model.Diagnostics.CustomerCount);
        Assert.Equal(6.25, p.P, 0.01);
        Assert.Equal(3.74, p.Q, 0.01);
        Assert.Equal(15.445, p.V, 0.01);
    }

    [Fact]
    public void LogLikelihood_RandomCustomers_EqualsTheSumOfEachRepeatBuyersDensity()
    {
        // Given 2,000 random customers (a quarter without repeat purchases, many sharing x) and random parameters
        var random = new Random(5);
        var customers = Enumerable.Range(0, 2_000).Select(i => random.Next(4) == 0
            ? new CustomerHistory($"c{i}", 0, 0, 2)
            : new CustomerHistory($"c{i}", random.Next(1, 30), 1, 2, Math.Round(1 + (random.NextDouble() * 300), 2))).ToList();
        for (var trial = 0; trial < 20; trial++)
        {
            double p = 0.2 + (random.NextDouble() * 8), q = 1.1 + (random.NextDouble() * 6), v = 1 + (random.NextDouble() * 50);

            // When the model's grouped form is evaluated, Then it equals Fader, Hardie and Lee's density summed
            // customer by customer: Γ(px + q) / (Γ(px) Γ(q)) · v^q m^(px−1) x^px / (v + xm)^(px+q)
            var direct = customers.Where(c => c.Frequency > 0).Sum(c =>
            {
                double x = c.Frequency, m = c.MonetaryValue, px = p * x;
                return MathNet.Numerics.SpecialFunctions.GammaLn(px + q) - MathNet.Numerics.SpecialFunctions.GammaLn(px) - MathNet.Numerics.SpecialFunctions.GammaLn(q)
                    + (q * Math.Log(v)) + ((px - 1) * Math.Log(m)) + (px * Math.Log(x)) - ((px + q) * Math.Log(v + (x * m)));
            });
            Assert.Equal(direct, GammaGammaModel.LogLikelihood(new GammaGammaParameters(p, q, v), customers), Math.Abs(direct) * 1e-12);
        }
    }

    [Fact]
    public void ConditionalExpectedAverageSpend_FirstTenCustomers_MatchLifetimes()
    {
        // Given the fitted model and the first ten customers of the file (non-repeaters included)
        var model = Fitted.Value;
        double[] expected = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];

        // When the conditional expected average spend is computed
        var actual = CdnowData.WithMoney.Take(10).Select(model.ConditionalExpectedAverageSpend).ToArray();

        // Then it matches lifetimes' documented values to 1e-3 (x = 0 gives the mean p v/(q-1))
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 0.001);
        }
        Assert.Equal(35.170981, model.PopulationMeanSpend, 0.001);
    }

    [Fact]
    public void ConditionalExpectedAverageSpend_Mean_MatchesLifetimesAgainstObserved()
    {
        // Given the fitted model and all 2,357 customers
        var model = Fitted.Value;
        var all = CdnowData.WithMoney;

        // When the mean conditional expectation and the observed mean spend of repeat buyers are computed
        var predicted = all.Average(model.ConditionalExpectedAverageSpend);
        var observed = all.Where(c => c.Frequency > 0).Average(c => c.MonetaryValue);
        output.WriteLine($"mean conditional expected spend={predicted:F7} observed={observed:F7}");

        // Then they are lifetimes' 35.2529588 and 35.0785518
        Assert.Equal(35.2529588, predicted, 0.001);
        Assert.Equal(35.0785518, observed, 1e-6);
    }

    [Fact]
    public void ConditionalExpectedAverageSpend_HandComputed_IsCredibilityWeightedMean()
    {
        // Given p=2, q=3, v=10: population mean p v/(q-1) = 10
        var model = new GammaGammaModel(new GammaGammaParameters(2, 3, 10));

        // When a customer with x=4 repeat purchases averaging 25 is scored
        var spend = model.ConditionalExpectedAverageSpend(4, 25);

        // Then E = p (v + x m)/(p x + q - 1) = 2 * 110 / 10 = 22 = 0.2 * 10 + 0.8 * 25
        Assert.Equal(22, spend, 1e-12);
        Assert.Equal(10, model.PopulationMeanSpend, 1e-12);
    }

    [Fact]
    public void Fit_RepeatBuyerWithZeroSpend_ThrowsNamingCustomer()
    {
        // Given a repeat buyer whose mean spend is 0
        CustomerHistory[] customers = [new("ok", 2, 3, 5, 10), new("bad", 1, 2, 5, 0)];

        // When the Gamma-Gamma model is fitted
        var error = Assert.Throws<SegmentaInputException>(() => GammaGammaModel.Fit(customers));

        // Then the error names the customer and the problem
        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
        Assert.Contains("positive mean spend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_NoRepeatBuyers_Throws()
    {
        // Given only one-off buyers
        CustomerHistory[] customers = [new("a", 0, 0, 5), new("b", 0, 0, 3)];

        // When / Then fitting fails with a clear message
        var error = Assert.Throws<SegmentaInputException>(() => GammaGammaModel.Fit(customers));
        Assert.Contains("no customer has a repeat purchase", error.Message, StringComparison.Ordinal);
    }
}
