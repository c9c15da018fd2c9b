using System.Diagnostics;
using MathNet.Numerics.Distributions;
using Segmenta.Core.Lifetime;
using Xunit.Abstractions;

namespace Segmenta.Core.Tests.Lifetime;

public class BetaGeoModelTests(ITestOutputHelper output)
{
    // Fader, Hardie & Lee (2005) Table/Section 5 and lifetimes' documented fit on the same data.
    private static readonly BetaGeoParameters Published = new(0.2425982, 4.413684, 0.7929899, 2.426167);

    [Fact]
    public void Fit_CdnowSummary_ReproducesPaperParametersAndLogLikelihood()
    {
        // Given the 2,357-customer CDNOW calibration summary (weeks)
        var customers = CdnowData.Summary;

        // When BG/NBD is fitted by maximum likelihood
        var watch = Stopwatch.StartNew();
        var model = BetaGeoModel.Fit(customers);
        watch.Stop();

        // Then r, alpha, a, b match the paper's 0.243, 4.414, 0.793, 2.426 and LL -9582.429
        var p = model.Parameters;
        var d = model.Diagnostics!;
        output.WriteLine($"r={p.R:F7} alpha={p.Alpha:F6} a={p.A:F7} b={p.B:F6} LL={d.LogLikelihood:F4} iterations={d.Iterations} groups={d.DistinctGroups} time={watch.ElapsedMilliseconds} ms");
        output.WriteLine($"SE: {string.Join(", ", d.StandardErrors.Select(s => s.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.Equal(0.243, p.R, 0.001);
        Assert.Equal(4.414, p.Alpha, 0.001);
        Assert.Equal(0.793, p.A, 0.001);
        Assert.Equal(2.426, p.B, 0.001);
        Assert.Equal(-9582.429, d.LogLikelihood, 0.01);
        Assert.Equal(2357, d.CustomerCount);
        Assert.True(d.Converged);
        // and the Hessian standard errors match lifetimes' summary (0.012557, 0.378221, 0.185719, 0.705345)
        Assert.Equal(0.012557, d.StandardErrors[0], 0.0001);
        Assert.Equal(0.378221, d.StandardErrors[1], 0.002);
        Assert.Equal(0.185719, d.StandardErrors[2], 0.001);
        Assert.Equal(0.705345, d.StandardErrors[3], 0.003);
    }

    [Fact]
    public void LogLikelihood_PublishedParameters_IsPublishedValue()
    {
        // Given the published parameters
        // When the log-likelihood is evaluated on CDNOW
        var ll = BetaGeoModel.LogLikelihood(Published, CdnowData.Summary);

        // Then it equals the published maximum -9582.429
        Assert.Equal(-9582.429, ll, 0.01);
    }

    [Theory]
    [InlineData(0.1429, 0.0078)]
    [InlineData(1, 0.0532)]
    [InlineData(3, 0.1506)]
    [InlineData(31.8571, 1.0405)]
    [InlineData(32, 1.0437)]
    [InlineData(78, 1.8576)]
    public void ExpectedPurchases_FittedCdnow_MatchesPaperCumulativeForecast(double t, double expected)
    {
        // Given the fitted CDNOW model
        var model = CdnowData.BetaGeo;

        // When E[X(t)] is evaluated at t weeks
        var value = model.ExpectedPurchases(t);

        // Then it matches Fader-Hardie-Lee's cumulative repeat-transaction curve; 5e-4 allows for
        // the paper's own parameter rounding (at t = 78 we give 1.8580, lifetimes' parameters 1.8579)
        Assert.Equal(expected, value, 0.0005);
    }

    [Fact]
    public void ExpectedPurchases_PublishedParameters52Weeks_Is1Point444()
    {
        // Given the published parameters
        var model = new BetaGeoModel(Published);

        // When E[X(52)] is evaluated
        // Then it equals lifetimes' documented 1.444004
        Assert.Equal(1.444004, model.ExpectedPurchases(52), 1e-5);
    }

    [Fact]
    public void ConditionalExpectedPurchases_PaperExample_Is1Point226()
    {
        // Given a customer with x=2, t_x=30.43, T=38.86 (the paper's worked example)
        var customer = new CustomerHistory("1", 2, 30.43, 38.86);

        // When the expected purchases in the next 39 weeks are computed
        var value = CdnowData.BetaGeo.ConditionalExpectedPurchases(39, customer);

        // Then the result is 1.226
        Assert.Equal(1.226, value, 0.001);
    }

    [Fact]
    public void ConditionalPredictions_HeavyRecentBuyer_MatchLifetimesFigures()
    {
        // Given a customer with x=26, t_x=30.857, T=31 and the model fitted on CDNOW
        var model = CdnowData.BetaGeo;
        var customer = new CustomerHistory("heavy", 26, 30.857, 31);

        // When the next-52-week forecast and P(alive) are computed
        var expected = model.ConditionalExpectedPurchases(52, customer);
        var alive = model.ProbabilityAlive(customer);

        // Then they equal lifetimes' 25.75659 and 0.9688523 (computed from lifetimes' own fit, whose
        // parameters differ from ours in the 5th digit, hence 2e-3 and 1e-6)
        output.WriteLine($"E[Y(52)]={expected:F6} P(alive)={alive:F7}");
        Assert.Equal(25.75659, expected, 0.002);
        Assert.Equal(0.9688523, alive, 1e-6);
    }

    [Fact]
    public void ProbabilityOfPurchases_PaperParameters_MatchBtydFigures()
    {
        // Given the paper's rounded parameters r=0.243, alpha=4.414, a=0.793, b=2.426 (BTYD's examples)
        var model = new BetaGeoModel(new BetaGeoParameters(0.243, 4.414, 0.793, 2.426));

        // When P(X(t) = x) is evaluated
        // Then P(X(39)=0) = 0.5737864, P(X(2)=10) = 1.07869e-07 and the PMF at t=30, x=11..16
        // equals BTYD's bgnbd.pmf output
        Assert.Equal(0.5737864, model.ProbabilityOfPurchases(0, 39), 1e-7);
        Assert.Equal(1.07869e-07, model.ProbabilityOfPurchases(10, 2), 1e-12);
        double[] pmf = [0.0019995214, 0.0015170236, 0.0011633150, 0.0009003148, 0.0007023638, 0.0005517902];
        for (var i = 0; i < pmf.Length; i++)
        {
            Assert.Equal(pmf[i], model.ProbabilityOfPurchases(11 + i, 30), 1e-10);
        }
    }

    [Fact]
    public void ProbabilityOfPurchases_AllCounts_SumToOneAndMeanMatchesExpectation()
    {
        // Given the published parameters and t = 39 weeks
        var model = new BetaGeoModel(Published);

        // When P(X(39) = x) is summed over x = 0..400
        var probabilities = Enumerable.Range(0, 401).Select(x => model.ProbabilityOfPurchases(x, 39)).ToArray();

        // Then the probabilities sum to 1 and their mean equals E[X(39)]
        Assert.Equal(1.0, probabilities.Sum(), 1e-6);
        Assert.Equal(model.ExpectedPurchases(39), probabilities.Select((p, x) => p * x).Sum(), 1e-4);
    }

    [Fact]
    public void ProbabilityAlive_HandComputed_MatchesClosedForm()
    {
        // Given r=1, alpha=1, a=1, b=1 and x=1, t_x=1, T=3
        var model = new BetaGeoModel(new BetaGeoParameters(1, 1, 1, 1));

        // When P(alive) is computed
        var alive = model.ProbabilityAlive(new CustomerHistory("h", 1, 1, 3));

        // Then it is 1/(1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) = 1/(1 + 1 * (4/2)^2) = 0.2
        Assert.Equal(0.2, alive, 1e-12);
        // and a customer without repeat purchases is alive for sure in the BG/NBD
        Assert.Equal(1.0, model.ProbabilityAlive(new CustomerHistory("z", 0, 0, 3)));
    }

    [Fact]
    public void ConditionalExpectedPurchases_ShortHorizon_IsRateTimesPAlive()
    {
        // Given r=1, alpha=1, a=2, b=3 and x=1, t_x=1, T=3
        var model = new BetaGeoModel(new BetaGeoParameters(1, 1, 2, 3));
        var customer = new CustomerHistory("h", 1, 1, 3);

        // When the expected purchases in a very short horizon t are computed
        const double t = 1e-6;
        var value = model.ConditionalExpectedPurchases(t, customer);

        // Then they equal the posterior mean rate (r+x)/(alpha+T) = 0.5 times P(alive) times t,
        // with P(alive) = 1/(1 + 2/3 * (4/2)^2) = 3/11
        Assert.Equal(0.5 * 3.0 / 11.0 * t, value, 1e-12);
    }

    [Fact]
    public void Fit_MillionSimulatedCustomers_RecoversParametersUnderTenSeconds()
    {
        // Given 1,000,000 customers simulated from BG/NBD(0.25, 4, 0.8, 2.5) with CDNOW-like
        // 12-week acquisition, 39-week calibration and day-resolution times
        var truth = new BetaGeoParameters(0.25, 4, 0.8, 2.5);
        var random = new Random(20260101);
        var customers = new List<CustomerHistory>(1_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            var lambda = Gamma.Sample(random, truth.R, truth.Alpha);
            var p = Beta.Sample(random, truth.A, truth.B);
            var age = (273 - random.Next(84)) / 7.0;
            double t = 0, last = 0;
            var x = 0;
            while (true)
            {
                t += Exponential.Sample(random, lambda);
                if (t > age)
                {
                    break;
                }
                x++;
                last = Math.Floor(t * 7) / 7; // purchases are recorded by day
                if (random.NextDouble() < p)
                {
                    break;
                }
            }
            customers.Add(new CustomerHistory("c", x, x == 0 ? 0 : last, age));
        }

        // When BG/NBD is fitted
        var watch = Stopwatch.StartNew();
        var model = BetaGeoModel.Fit(customers);
        watch.Stop();

        // Then it recovers the simulated parameters within 5% (the time is printed; speed lives in docs/benchmarks.md)
        var f = model.Parameters;
        output.WriteLine($"r={f.R:F4} alpha={f.Alpha:F4} a={f.A:F4} b={f.B:F4} groups={model.Diagnostics!.DistinctGroups} time={watch.ElapsedMilliseconds} ms");
        Assert.Equal(truth.R, f.R, truth.R * 0.05);
        Assert.Equal(truth.Alpha, f.Alpha, truth.Alpha * 0.05);
        Assert.Equal(truth.A, f.A, truth.A * 0.05);
        Assert.Equal(truth.B, f.B, truth.B * 0.05);
    }

    [Fact]
    public void ExpectedPurchases_LongHorizon_AgreesWithSumOfProbabilities()
    {
        // Given the published parameters and t = 200 weeks, where 2F1's argument t/(alpha+t) = 0.978
        // is past the power-series range and the 1 - z connection formula is used
        var model = new BetaGeoModel(Published);

        // When E[X(200)] is compared with sum x P(X(200) = x), which needs no 2F1
        var direct = Enumerable.Range(1, 3000).Sum(x => x * model.ProbabilityOfPurchases(x, 200));

        // Then the two agree
        Assert.Equal(direct, model.ExpectedPurchases(200), 1e-3);
    }

    [Fact]
    public void Fit_EmptyInput_Throws()
    {
        // Given no customers
        // When / Then the fit fails with a message saying so
        var error = Assert.Throws<SegmentaInputException>(() => BetaGeoModel.Fit([]));
        Assert.Contains("no customers", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0, 5, "frequency is negative")]
    [InlineData(1, -1, 5, "recency is negative")]
    [InlineData(1, 6, 5, "recency is greater than age")]
    [InlineData(1, 1, double.NaN, "finite")]
    [InlineData(1.5, 1, 5, "whole number")]
    [InlineData(0, 2, 5, "recency must be 0 when frequency is 0")]
    public void Fit_InvalidRow_ThrowsNamingCustomerAndProblem(double x, double tx, double age, string problem)
    {
        // Given one valid and one invalid customer
        CustomerHistory[] customers = [new("good", 2, 3, 5), new("bad", x, tx, age)];

        // When / Then every model's fit rejects the row, naming the customer and the problem
        foreach (var fit in new Action[]
        {
            () => BetaGeoModel.Fit(customers),
            () => ModifiedBetaGeoModel.Fit(customers),
            () => ParetoNbdModel.Fit(customers),
        })
        {
            var error = Assert.Throws<SegmentaInputException>(fit);
            Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fit_AllZeroFrequency_Throws()
    {
        // Given customers none of whom bought again
        CustomerHistory[] customers = [new("a", 0, 0, 5), new("b", 0, 0, 7)];

        // When / Then the fit fails because the purchase rate is not identified
        var error = Assert.Throws<SegmentaInputException>(() => BetaGeoModel.Fit(customers));
        Assert.Contains("all frequencies are 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_InvalidArguments_Throw()
    {
        // Given a valid model
        var model = new BetaGeoModel(Published);

        // When / Then a negative horizon, a negative count, a bad customer or bad parameters are rejected
        Assert.Throws<SegmentaInputException>(() => model.ExpectedPurchases(-1));
        Assert.Throws<SegmentaInputException>(() => model.ProbabilityOfPurchases(-1, 3));
        Assert.Throws<SegmentaInputException>(() => model.ProbabilityAlive(new CustomerHistory("c", 1, 9, 5)));
        Assert.Throws<SegmentaInputException>(() => new BetaGeoModel(new BetaGeoParameters(0, 1, 1, 1)));
    }
}
