using MathNet.Numerics;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// The BG/NBD model of Fader, Hardie and Lee (2005), "Counting your customers the easy way":
/// Poisson purchasing at a Gamma(r, alpha)-distributed rate while alive, and a Beta(a, b)-distributed
/// chance of dropping out after every purchase.
/// </summary>
public sealed class BetaGeoModel : ITransactionModel
{
    private const string Name = "BG/NBD";

    /// <summary>A model with known parameters (for scoring without fitting).</summary>
    /// <param name="parameters">Positive finite r, alpha, a, b.</param>
    public BetaGeoModel(BetaGeoParameters parameters)
        : this(parameters, null)
    {
    }

    private BetaGeoModel(BetaGeoParameters parameters, FitDiagnostics? diagnostics)
    {
        LifetimeMath.RequirePositive(Name, ("r", parameters.R), ("alpha", parameters.Alpha), ("a", parameters.A), ("b", parameters.B));
        Parameters = parameters;
        Diagnostics = diagnostics;
    }

    /// <summary>The model parameters.</summary>
    public BetaGeoParameters Parameters { get; }

    /// <summary>The fit summary (log-likelihood, standard errors); null when built from given parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>Fits r, alpha, a, b by maximum likelihood.</summary>
    /// <param name="customers">Calibration summaries; identical (x, t_x, T) patterns are grouped internally.</param>
    /// <param name="options">Fit settings; <see cref="LifetimeFitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with <see cref="Diagnostics"/> set.</returns>
    /// <exception cref="SegmentaInputException">Empty input, invalid rows, or no repeat purchases at all.</exception>
    public static BetaGeoModel Fit(IReadOnlyList<CustomerHistory> customers, LifetimeFitOptions? options = null)
    {
        options ??= LifetimeFitOptions.Default;
        var data = GroupedHistories.Create(customers, Name);
        var (meanX, meanT) = Means(data);
        // Start from a purchase rate r/alpha matching the observed one and an even Beta(1, 1) dropout.
        double[] start = [1, Math.Max(meanT / Math.Max(meanX, 0.1), 1e-3), 1, 1];
        var (theta, iterations, converged) = MaximumLikelihood.Minimize(
            th => -LogLikelihood(th, data) / data.TotalWeight, start, options, Name);
        var se = MaximumLikelihood.StandardErrors(th => -LogLikelihood(th, data), theta);
        var ll = LogLikelihood(theta, data);
        var diagnostics = new FitDiagnostics(
            ll, data.TotalWeight, data.Count, iterations, converged, ["r", "alpha", "a", "b"], theta, se);
        return new BetaGeoModel(new BetaGeoParameters(theta[0], theta[1], theta[2], theta[3]), diagnostics);
    }

    /// <summary>The log-likelihood of <paramref name="parameters"/> on <paramref name="customers"/> (FHL 2005 eq. 6).</summary>
    /// <param name="parameters">The parameters to evaluate.</param>
    /// <param name="customers">Calibration summaries.</param>
    public static double LogLikelihood(BetaGeoParameters parameters, IReadOnlyList<CustomerHistory> customers)
    {
        var data = GroupedHistories.Create(customers, Name);
        return LogLikelihood([parameters.R, parameters.Alpha, parameters.A, parameters.B], data);
    }

    internal static (double MeanX, double MeanT) Means(GroupedHistories data)
    {
        double sx = 0, st = 0;
        for (var i = 0; i < data.Count; i++)
        {
            sx += data.Weight[i] * data.X[i];
            st += data.Weight[i] * data.Age[i];
        }
        return (sx / data.TotalWeight, Math.Max(st / data.TotalWeight, 1e-3));
    }

    private static double LogLikelihood(double[] th, GroupedHistories data)
    {
        double r = th[0], alpha = th[1], a = th[2], b = th[3];
        // Terms that depend on x only are computed once per distinct x, not once per customer.
        var k = data.DistinctX.Length;
        var head = new double[k];
        var drop = new double[k];
        var common = r * Math.Log(alpha) - SpecialFunctions.GammaLn(r)
            + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(b);
        for (var j = 0; j < k; j++)
        {
            var x = data.DistinctX[j];
            head[j] = common + SpecialFunctions.GammaLn(r + x) + SpecialFunctions.GammaLn(b + x)
                - SpecialFunctions.GammaLn(a + b + x);
            drop[j] = x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : double.NegativeInfinity;
        }
        var total = 0.0;
        for (var i = 0; i < data.Count; i++)
        {
            var x = data.X[i];
            var j = data.XIndex[i];
            // Alive at T, or dropped out right after the last purchase at t_x (only possible if x > 0).
            var alive = -(r + x) * Math.Log(alpha + data.Age[i]);
            var ll = x > 0
                ? LifetimeMath.LogAddExp(alive, drop[j] - (r + x) * Math.Log(alpha + data.Recency[i]))
                : alive;
            total += data.Weight[i] * (head[j] + ll);
        }
        return total;
    }

    /// <inheritdoc/>
    /// <remarks>FHL 2005 eq. 9: (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))].</remarks>
    public double ExpectedPurchases(double t)
    {
        LifetimeMath.RequireHorizon(t);
        if (t == 0)
        {
            return 0;
        }
        var (r, alpha, a, b) = Parameters;
        var hyp = Hypergeometric.Hyp2F1(r, b, a + b - 1, t / (alpha + t));
        var value = (a + b - 1) / (a - 1) * (1 - Math.Exp(r * Math.Log(alpha / (alpha + t))) * hyp);
        return LifetimeMath.Finite(value, "BG/NBD E[X(t)]");
    }

    /// <inheritdoc/>
    /// <remarks>
    /// FHL 2005 eq. 10: (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))]
    /// divided by 1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x).
    /// </remarks>
    public double ConditionalExpectedPurchases(double t, CustomerHistory customer)
    {
        LifetimeMath.RequireHorizon(t);
        GroupedHistories.Validate(customer);
        if (t == 0)
        {
            return 0;
        }
        var (r, alpha, a, b) = Parameters;
        var (x, tx, bigT) = (customer.Frequency, customer.Recency, customer.Age);
        var hyp = Hypergeometric.Hyp2F1(r + x, b + x, a + b + x - 1, t / (alpha + bigT + t));
        var numerator = (a + b + x - 1) / (a - 1)
            * (1 - Math.Exp((r + x) * Math.Log((alpha + bigT) / (alpha + bigT + t))) * hyp);
        var value = numerator * ProbabilityAlive(customer);
        return LifetimeMath.Finite(value, "BG/NBD conditional expected purchases");
    }

    /// <inheritdoc/>
    /// <remarks>FHL 2005: 1 / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)); 1 for x = 0.</remarks>
    public double ProbabilityAlive(CustomerHistory customer)
    {
        GroupedHistories.Validate(customer);
        var (r, alpha, a, b) = Parameters;
        var (x, tx, bigT) = (customer.Frequency, customer.Recency, customer.Age);
        if (x == 0)
        {
            return 1; // in the BG/NBD a customer can only drop out right after a purchase
        }
        var logOdds = Math.Log(a) - Math.Log(b + x - 1) + (r + x) * (Math.Log(alpha + bigT) - Math.Log(alpha + tx));
        return 1 / (1 + Math.Exp(logOdds));
    }

    /// <summary>
    /// P(X(t) = x): the probability a newly acquired customer makes exactly <paramref name="x"/>
    /// purchases in (0, t] (FHL 2005 eq. 8).
    /// </summary>
    /// <param name="x">Number of purchases, 0 or more.</param>
    /// <param name="t">Length of the period; 0 or more.</param>
    public double ProbabilityOfPurchases(int x, double t)
    {
        LifetimeMath.RequireHorizon(t);
        if (x < 0)
        {
            throw new SegmentaInputException("number of purchases x must be 0 or more");
        }
        if (t == 0)
        {
            return x == 0 ? 1 : 0;
        }
        var (r, alpha, a, b) = Parameters;
        var logP = Math.Log(alpha / (alpha + t));
        var logQ = Math.Log(t / (alpha + t));
        var lnBab = SpecialFunctions.BetaLn(a, b);
        // Still alive after x purchases: Beta-weighted NBD probability of exactly x.
        var first = Math.Exp(SpecialFunctions.BetaLn(a, b + x) - lnBab
            + SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(x + 1)
            + r * logP + x * logQ);
        if (x == 0)
        {
            return LifetimeMath.Finite(first, "BG/NBD P(X(t)=x)");
        }
        // Dropped out right after the x-th purchase: needs at least x NBD events by t.
        var cdf = 0.0;
        for (var j = 0; j < x; j++)
        {
            cdf += Math.Exp(SpecialFunctions.GammaLn(r + j) - SpecialFunctions.GammaLn(r)
                - SpecialFunctions.GammaLn(j + 1) + r * logP + j * logQ);
        }
        var second = Math.Exp(SpecialFunctions.BetaLn(a + 1, b + x - 1) - lnBab) * Math.Max(0, 1 - cdf);
        return LifetimeMath.Finite(first + second, "BG/NBD P(X(t)=x)");
    }
}
