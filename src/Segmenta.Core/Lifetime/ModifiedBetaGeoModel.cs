using MathNet.Numerics;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// The modified BG/NBD model of Batislam, Denizel and Filiztekin (2007): as the BG/NBD, but a customer
/// may also drop out at time zero, right after the first purchase, so customers with no repeat
/// purchase are not certain to be alive.
/// </summary>
public sealed class ModifiedBetaGeoModel : ITransactionModel
{
    private const string Name = "modified BG/NBD";

    /// <summary>A model with known parameters (for scoring without fitting).</summary>
    /// <param name="parameters">Positive finite r, alpha, a, b.</param>
    public ModifiedBetaGeoModel(BetaGeoParameters parameters)
        : this(parameters, null)
    {
    }

    private ModifiedBetaGeoModel(BetaGeoParameters parameters, FitDiagnostics? diagnostics)
    {
        LifetimeMath.RequirePositive(Name, ("r", parameters.R), ("alpha", parameters.Alpha), ("a", parameters.A), ("b", parameters.B));
        Parameters = parameters;
        Diagnostics = diagnostics;
    }

    /// <summary>The model parameters.</summary>
    public BetaGeoParameters Parameters { get; }

    /// <summary>The fit summary; null when built from given parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>Fits r, alpha, a, b by maximum likelihood.</summary>
    /// <param name="customers">Calibration summaries; identical (x, t_x, T) patterns are grouped internally.</param>
    /// <param name="options">Fit settings; <see cref="LifetimeFitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with <see cref="Diagnostics"/> set.</returns>
    /// <exception cref="SegmentaInputException">Empty input, invalid rows, or no repeat purchases at all.</exception>
    public static ModifiedBetaGeoModel Fit(IReadOnlyList<CustomerHistory> customers, LifetimeFitOptions? options = null)
    {
        options ??= LifetimeFitOptions.Default;
        var data = GroupedHistories.Create(customers, Name);
        var (meanX, meanT) = BetaGeoModel.Means(data);
        double[] start = [1, Math.Max(meanT / Math.Max(meanX, 0.1), 1e-3), 1, 1];
        var (theta, iterations, converged) = MaximumLikelihood.Minimize(
            th => -LogLikelihood(th, data) / data.TotalWeight, start, options, Name);
        var se = MaximumLikelihood.StandardErrors(th => -LogLikelihood(th, data), theta);
        var diagnostics = new FitDiagnostics(
            LogLikelihood(theta, data), data.TotalWeight, data.Count, iterations, converged, ["r", "alpha", "a", "b"], theta, se);
        return new ModifiedBetaGeoModel(new BetaGeoParameters(theta[0], theta[1], theta[2], theta[3]), diagnostics);
    }

    /// <summary>The log-likelihood of <paramref name="parameters"/> on <paramref name="customers"/>.</summary>
    /// <param name="parameters">The parameters to evaluate.</param>
    /// <param name="customers">Calibration summaries.</param>
    public static double LogLikelihood(BetaGeoParameters parameters, IReadOnlyList<CustomerHistory> customers)
    {
        var data = GroupedHistories.Create(customers, Name);
        return LogLikelihood([parameters.R, parameters.Alpha, parameters.A, parameters.B], data);
    }

    private static double LogLikelihood(double[] th, GroupedHistories data)
    {
        double r = th[0], alpha = th[1], a = th[2], b = th[3];
        var k = data.DistinctX.Length;
        var head = new double[k];
        var drop = new double[k];
        var common = r * Math.Log(alpha) - SpecialFunctions.GammaLn(r)
            + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(b);
        for (var j = 0; j < k; j++)
        {
            var x = data.DistinctX[j];
            head[j] = common + SpecialFunctions.GammaLn(r + x) + SpecialFunctions.GammaLn(b + x + 1)
                - SpecialFunctions.GammaLn(a + b + x + 1);
            drop[j] = Math.Log(a) - Math.Log(b + x);
        }
        var total = 0.0;
        for (var i = 0; i < data.Count; i++)
        {
            var x = data.X[i];
            var j = data.XIndex[i];
            var logAlphaT = Math.Log(alpha + data.Age[i]);
            // Alive at T, or dropped out right after the last purchase (possibly the first, at 0).
            var odds = drop[j] + (r + x) * (logAlphaT - Math.Log(alpha + data.Recency[i]));
            total += data.Weight[i] * (head[j] - (r + x) * logAlphaT + LifetimeMath.LogAddExp(0, odds));
        }
        return total;
    }

    /// <inheritdoc/>
    /// <remarks>Batislam et al.: b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))].</remarks>
    public double ExpectedPurchases(double t)
    {
        LifetimeMath.RequireHorizon(t);
        if (t == 0)
        {
            return 0;
        }
        var (r, alpha, a, b) = Parameters;
        var hyp = Hypergeometric.Hyp2F1(r, b + 1, a + b, t / (alpha + t));
        var value = b / (a - 1) * (1 - Math.Exp(r * Math.Log(alpha / (alpha + t))) * hyp);
        return LifetimeMath.Finite(value, "modified BG/NBD E[X(t)]");
    }

    /// <inheritdoc/>
    /// <remarks>
    /// (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] times P(alive).
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
        var (x, bigT) = (customer.Frequency, customer.Age);
        var hyp = Hypergeometric.Hyp2F1(r + x, b + x + 1, a + b + x, t / (alpha + bigT + t));
        var numerator = (a + b + x) / (a - 1)
            * (1 - Math.Exp((r + x) * Math.Log((alpha + bigT) / (alpha + bigT + t))) * hyp);
        return LifetimeMath.Finite(numerator * ProbabilityAlive(customer), "modified BG/NBD conditional expected purchases");
    }

    /// <inheritdoc/>
    /// <remarks>1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)), also for x = 0.</remarks>
    public double ProbabilityAlive(CustomerHistory customer)
    {
        GroupedHistories.Validate(customer);
        var (r, alpha, a, b) = Parameters;
        var (x, tx, bigT) = (customer.Frequency, customer.Recency, customer.Age);
        var logOdds = Math.Log(a) - Math.Log(b + x) + (r + x) * (Math.Log(alpha + bigT) - Math.Log(alpha + tx));
        return 1 / (1 + Math.Exp(logOdds));
    }
}
