using System.Globalization;
using MathNet.Numerics;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// The Gamma-Gamma spend model of Fader, Hardie and Lee (2005), "RFM and CLV: using iso-value curves
/// for customer base analysis": a customer's transaction values are Gamma(p, nu) around the customer's
/// mean p/nu, and nu varies across customers as Gamma(q, v). Spend is assumed independent of the
/// purchase process, so it combines with any <see cref="ITransactionModel"/>.
/// </summary>
public sealed class GammaGammaModel
{
    private const string Name = "Gamma-Gamma";

    /// <summary>A model with known parameters (for scoring without fitting).</summary>
    /// <param name="parameters">Positive finite p, q, v; q must exceed 1 for the mean spend to exist.</param>
    public GammaGammaModel(GammaGammaParameters parameters)
        : this(parameters, null)
    {
    }

    private GammaGammaModel(GammaGammaParameters parameters, FitDiagnostics? diagnostics)
    {
        LifetimeMath.RequirePositive(Name, ("p", parameters.P), ("q", parameters.Q), ("v", parameters.V));
        Parameters = parameters;
        Diagnostics = diagnostics;
    }

    /// <summary>The model parameters.</summary>
    public GammaGammaParameters Parameters { get; }

    /// <summary>The fit summary; null when built from given parameters.</summary>
    public FitDiagnostics? Diagnostics { get; }

    /// <summary>
    /// The population mean transaction value p v / (q - 1), the expected spend of a customer with no
    /// repeat purchases.
    /// </summary>
    /// <exception cref="SegmentaInputException">q is 1 or less (the mean does not exist).</exception>
    public double PopulationMeanSpend => ConditionalExpectedAverageSpend(0, 0);

    /// <summary>
    /// Fits p, q, v by maximum likelihood on the customers with at least one repeat purchase, using
    /// x and the mean repeat spend (<see cref="CustomerHistory.MonetaryValue"/>); others are ignored.
    /// </summary>
    /// <param name="customers">Calibration summaries with monetary values.</param>
    /// <param name="options">Fit settings; <see cref="LifetimeFitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with <see cref="Diagnostics"/> set.</returns>
    /// <exception cref="SegmentaInputException">
    /// No customer with a repeat purchase, or a repeat buyer with a non-positive or non-finite mean spend.
    /// </exception>
    public static GammaGammaModel Fit(IReadOnlyList<CustomerHistory> customers, LifetimeFitOptions? options = null)
    {
        options ??= LifetimeFitOptions.Default;
        var data = new SpendObservations(Group(customers));
        var total = data.Customers;
        // Start with q = 2 and p = 1 so p v/(q - 1) equals the observed mean spend.
        double[] start = [1, 2, data.MeanSpend];
        var (theta, iterations, converged) = MaximumLikelihood.Minimize(
            th => -data.LogLikelihood(th) / total, start, options, Name);
        var se = MaximumLikelihood.StandardErrors(th => -data.LogLikelihood(th), theta);
        var diagnostics = new FitDiagnostics(
            data.LogLikelihood(theta), total, data.Groups, iterations, converged, ["p", "q", "v"], theta, se);
        return new GammaGammaModel(new GammaGammaParameters(theta[0], theta[1], theta[2]), diagnostics);
    }

    /// <summary>The log-likelihood of <paramref name="parameters"/> on the repeat buyers among <paramref name="customers"/>.</summary>
    /// <param name="parameters">The parameters to evaluate.</param>
    /// <param name="customers">Calibration summaries with monetary values.</param>
    public static double LogLikelihood(GammaGammaParameters parameters, IReadOnlyList<CustomerHistory> customers)
    {
        return new SpendObservations(Group(customers)).LogLikelihood([parameters.P, parameters.Q, parameters.V]);
    }

    /// <summary>
    /// E[Z | x, mean spend m] = p (v + x m) / (p x + q - 1): a weighted average of the population
    /// mean p v/(q - 1) and the customer's own mean m, with weight on m growing with x.
    /// </summary>
    /// <param name="customer">The customer; x = 0 gives the population mean.</param>
    public double ConditionalExpectedAverageSpend(CustomerHistory customer)
    {
        GroupedHistories.Validate(customer);
        return ConditionalExpectedAverageSpend(customer.Frequency, customer.MonetaryValue);
    }

    /// <summary>E[Z | x, m] = p (v + x m) / (p x + q - 1).</summary>
    /// <param name="frequency">Repeat purchases x (0 or more).</param>
    /// <param name="monetaryValue">Mean repeat spend m (ignored when x is 0).</param>
    public double ConditionalExpectedAverageSpend(double frequency, double monetaryValue)
    {
        var (p, q, v) = Parameters;
        if (!(q > 1))
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture, $"Gamma-Gamma q = {q} is not above 1, so the expected spend is infinite"));
        }
        if (!(frequency >= 0) || !double.IsFinite(frequency) || (frequency > 0 && (!(monetaryValue >= 0) || !double.IsFinite(monetaryValue))))
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture, $"frequency ({frequency}) and monetary value ({monetaryValue}) must be finite and not negative"));
        }
        var xm = frequency > 0 ? frequency * monetaryValue : 0;
        return p * (v + xm) / (p * frequency + q - 1);
    }

    /// <summary>
    /// The repeat buyers' (x, m) groups, arranged so one likelihood evaluation costs one logarithm per group.
    /// A group's log density is
    /// −lnΓ(q) + q ln v + lnΓ(px + q) − lnΓ(px) + (px − 1) ln m + px ln x − (px + q) ln(xm + v):
    /// the Γ terms and px ln x depend on x alone (a few hundred distinct values at most), the ln m terms
    /// sum to p Σ w x ln m − Σ w ln m whatever the parameters, and only ln(xm + v) is left per group.
    /// </summary>
    private sealed class SpendObservations
    {
        private readonly double[] _distinctX;
        private readonly double[] _weightOfX;
        private readonly double[] _xm;
        private readonly double[] _w;
        private readonly double[] _wx;
        private readonly double _sumWxLnM;
        private readonly double _sumWLnM;

        public SpendObservations((double[] X, double[] M, double[] W) groups)
        {
            var (x, m, w) = groups;
            Groups = x.Length;
            Customers = w.Sum();
            MeanSpend = x.Select((_, i) => w[i] * m[i]).Sum() / Customers;
            var byX = new SortedDictionary<double, double>();
            _xm = new double[x.Length];
            _w = w;
            _wx = new double[x.Length];
            for (var i = 0; i < x.Length; i++)
            {
                byX[x[i]] = byX.GetValueOrDefault(x[i]) + w[i];
                _xm[i] = x[i] * m[i];
                _wx[i] = w[i] * x[i];
                _sumWxLnM += w[i] * x[i] * Math.Log(m[i]);
                _sumWLnM += w[i] * Math.Log(m[i]);
            }
            _distinctX = [.. byX.Keys];
            _weightOfX = [.. byX.Values];
        }

        public int Groups { get; }

        public double Customers { get; }

        public double MeanSpend { get; }

        public double LogLikelihood(double[] th)
        {
            double p = th[0], q = th[1], v = th[2];
            var common = -SpecialFunctions.GammaLn(q) + q * Math.Log(v);
            var total = p * _sumWxLnM - _sumWLnM;
            for (var k = 0; k < _distinctX.Length; k++)
            {
                var px = p * _distinctX[k];
                total += _weightOfX[k] * (common + SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) + px * Math.Log(_distinctX[k]));
            }
            for (var i = 0; i < _xm.Length; i++)
            {
                total -= (p * _wx[i] + q * _w[i]) * Math.Log(_xm[i] + v);
            }
            return total;
        }
    }

    private static (double[] X, double[] M, double[] W) Group(IReadOnlyList<CustomerHistory> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var groups = new Dictionary<(double X, double M), double>();
        foreach (var c in customers)
        {
            GroupedHistories.Validate(c);
            if (c.Frequency == 0)
            {
                continue; // no repeat transaction, so no spend observation
            }
            if (!(c.MonetaryValue > 0) || !double.IsFinite(c.MonetaryValue))
            {
                throw new SegmentaInputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"customer '{c.CustomerId}' has {c.Frequency} repeat purchases but mean spend {c.MonetaryValue}; Gamma-Gamma needs a positive mean spend"));
            }
            var key = (c.Frequency, c.MonetaryValue);
            groups[key] = groups.TryGetValue(key, out var n) ? n + 1 : 1;
        }
        if (groups.Count == 0)
        {
            throw new SegmentaInputException("cannot fit Gamma-Gamma: no customer has a repeat purchase with a spend");
        }
        var rows = groups.OrderBy(g => g.Key.X).ThenBy(g => g.Key.M).ToArray();
        return (rows.Select(g => g.Key.X).ToArray(), rows.Select(g => g.Key.M).ToArray(), rows.Select(g => g.Value).ToArray());
    }
}
