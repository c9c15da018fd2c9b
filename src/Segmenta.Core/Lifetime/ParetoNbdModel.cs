using MathNet.Numerics;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987), in the likelihood form of
/// Fader and Hardie's note "A note on deriving the Pareto/NBD model and related expressions" (2005):
/// Poisson purchasing at a Gamma(r, alpha) rate and an exponential lifetime with a Gamma(s, beta) rate.
/// </summary>
public sealed class ParetoNbdModel : ITransactionModel
{
    private const string Name = "Pareto/NBD";

    /// <summary>A model with known parameters (for scoring without fitting).</summary>
    /// <param name="parameters">Positive finite r, alpha, s, beta.</param>
    public ParetoNbdModel(ParetoNbdParameters parameters)
        : this(parameters, null)
    {
    }

    private ParetoNbdModel(ParetoNbdParameters parameters, FitDiagnostics? diagnostics)
    {
        LifetimeMath.RequirePositive(Name, ("r", parameters.R), ("alpha", parameters.Alpha), ("s", parameters.S), ("beta", parameters.Beta));
        Parameters = parameters;
        Diagnostics = diagnostics;
    }

    /// <summary>The model parameters.</summary>
    public ParetoNbdParameters Parameters { get; }

    /// <summary>The fit summary; null when built from given parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>Fits r, alpha, s, beta by maximum likelihood.</summary>
    /// <param name="customers">Calibration summaries; identical (x, t_x, T) patterns are grouped internally.</param>
    /// <param name="options">Fit settings; <see cref="LifetimeFitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with <see cref="Diagnostics"/> set.</returns>
    /// <exception cref="SegmentaInputException">Empty input, invalid rows, or no repeat purchases at all.</exception>
    public static ParetoNbdModel Fit(IReadOnlyList<CustomerHistory> customers, LifetimeFitOptions? options = null)
    {
        options ??= LifetimeFitOptions.Default;
        var data = GroupedHistories.Create(customers, Name);
        var (meanX, meanT) = BetaGeoModel.Means(data);
        var scale = Math.Max(meanT / Math.Max(meanX, 0.1), 1e-3);
        double[] start = [1, scale, 1, scale];
        var (theta, iterations, converged) = MaximumLikelihood.Minimize(
            th => -LogLikelihood(th, data) / data.TotalWeight, start, options, Name);
        var se = MaximumLikelihood.StandardErrors(th => -LogLikelihood(th, data), theta);
        var diagnostics = new FitDiagnostics(
            LogLikelihood(theta, data), data.TotalWeight, data.Count, iterations, converged, ["r", "alpha", "s", "beta"], theta, se);
        return new ParetoNbdModel(new ParetoNbdParameters(theta[0], theta[1], theta[2], theta[3]), diagnostics);
    }

    /// <summary>The log-likelihood of <paramref name="parameters"/> on <paramref name="customers"/>.</summary>
    /// <param name="parameters">The parameters to evaluate.</param>
    /// <param name="customers">Calibration summaries.</param>
    public static double LogLikelihood(ParetoNbdParameters parameters, IReadOnlyList<CustomerHistory> customers)
    {
        var data = GroupedHistories.Create(customers, Name);
        return LogLikelihood([parameters.R, parameters.Alpha, parameters.S, parameters.Beta], data);
    }

    private static double LogLikelihood(double[] th, GroupedHistories data)
    {
        double r = th[0], alpha = th[1], s = th[2], beta = th[3];
        var common = r * Math.Log(alpha) + s * Math.Log(beta) - SpecialFunctions.GammaLn(r);
        var total = 0.0;
        double lastX = -1, lgRx = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var x = data.X[i];
            if (x != lastX)
            {
                lgRx = SpecialFunctions.GammaLn(r + x); // rows are sorted by x
                lastX = x;
            }
            var ll = common + lgRx + LogBracket(r, alpha, s, beta, x, data.Recency[i], data.Age[i]);
            total += data.Weight[i] * ll;
        }
        return total;
    }

    /// <summary>
    /// log of the bracket in Fader-Hardie's (2005) eq. (14): 1/((alpha+T)^(r+x)(beta+T)^s) + s/(r+s+x) A0.
    /// </summary>
    private static double LogBracket(double r, double alpha, double s, double beta, double x, double tx, double bigT)
    {
        var alive = -(r + x) * Math.Log(alpha + bigT) - s * Math.Log(beta + bigT);
        return LifetimeMath.LogAddExp(alive, Math.Log(s) - Math.Log(r + s + x) + LogA0(r, alpha, s, beta, x, tx, bigT));
    }

    /// <summary>
    /// log A0 = log[ 2F1(r+s+x, t; r+s+x+1; |alpha-beta|/(m+t_x)) / (m+t_x)^(r+s+x)
    ///              - 2F1(r+s+x, t; r+s+x+1; |alpha-beta|/(m+T)) / (m+T)^(r+s+x) ],
    /// with m = max(alpha, beta) and t = r+x when alpha &lt; beta, else s+1; choosing the larger of
    /// alpha and beta keeps the 2F1 argument below 1.
    /// </summary>
    private static double LogA0(double r, double alpha, double s, double beta, double x, double tx, double bigT)
    {
        var (max, second) = alpha >= beta ? (alpha, s + 1) : (beta, r + x);
        var diff = Math.Abs(alpha - beta);
        var rsx = r + s + x;
        var q1 = max + tx;
        var q2 = max + bigT;
        var logTerm1 = Math.Log(Hypergeometric.Hyp2F1(rsx, second, rsx + 1, diff / q1)) - rsx * Math.Log(q1);
        var logTerm2 = Math.Log(Hypergeometric.Hyp2F1(rsx, second, rsx + 1, diff / q2)) - rsx * Math.Log(q2);
        // term1 >= term2 because q1 <= q2; log(e^u - e^v) = u + log(1 - e^(v-u)).
        var d = logTerm2 - logTerm1;
        return d >= 0 ? double.NegativeInfinity : logTerm1 + Math.Log(-SpecialFunctions.Expm1(d));
    }

    /// <inheritdoc/>
    /// <remarks>r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)].</remarks>
    public double ExpectedPurchases(double t)
    {
        LifetimeMath.RequireHorizon(t);
        if (t == 0)
        {
            return 0;
        }
        var (r, alpha, s, beta) = Parameters;
        var value = r * beta / (alpha * (s - 1)) * (1 - Math.Exp((s - 1) * Math.Log(beta / (beta + t))));
        return LifetimeMath.Finite(value, "Pareto/NBD E[X(t)]");
    }

    /// <inheritdoc/>
    /// <remarks>P(alive) (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)].</remarks>
    public double ConditionalExpectedPurchases(double t, CustomerHistory customer)
    {
        LifetimeMath.RequireHorizon(t);
        var alive = ProbabilityAlive(customer);
        if (t == 0)
        {
            return 0;
        }
        var (r, alpha, s, beta) = Parameters;
        var (x, bigT) = (customer.Frequency, customer.Age);
        var value = alive * (r + x) * (beta + bigT) / ((alpha + bigT) * (s - 1))
            * (1 - Math.Exp((s - 1) * Math.Log((beta + bigT) / (beta + bigT + t))));
        return LifetimeMath.Finite(value, "Pareto/NBD conditional expected purchases");
    }

    /// <inheritdoc/>
    /// <remarks>1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0).</remarks>
    public double ProbabilityAlive(CustomerHistory customer)
    {
        GroupedHistories.Validate(customer);
        var (r, alpha, s, beta) = Parameters;
        var (x, tx, bigT) = (customer.Frequency, customer.Recency, customer.Age);
        var logOdds = Math.Log(s) - Math.Log(r + s + x) + (r + x) * Math.Log(alpha + bigT) + s * Math.Log(beta + bigT)
            + LogA0(r, alpha, s, beta, x, tx, bigT);
        return LifetimeMath.Finite(1 / (1 + Math.Exp(logOdds)), "Pareto/NBD P(alive)");
    }
}
