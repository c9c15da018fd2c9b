namespace Segmenta.Engine.Predictions;

/// <summary>What <c>segmenta clv</c> fitted and predicted (definitions in docs/models.md).</summary>
public sealed record ClvResult
{
    /// <summary>The purchase model.</summary>
    public required string Model { get; init; }

    /// <summary>Time unit of the parameters.</summary>
    public required string Unit { get; init; }

    /// <summary>Last calibration day.</summary>
    public required DateOnly CalibrationEnd { get; init; }

    /// <summary>Customers fitted.</summary>
    public required int Customers { get; init; }

    /// <summary>Set when the requested model could not be used and another was.</summary>
    public string? Note { get; init; }

    /// <summary>Customers left without a prediction because a closed form overflowed for them.</summary>
    public int Unpredictable { get; init; }

    /// <summary>Repeat buyers the spend model was fitted on.</summary>
    public required int RepeatBuyers { get; init; }

    /// <summary>Purchase-model parameters: name → (estimate, standard error).</summary>
    public required IReadOnlyDictionary<string, ParameterEstimate> Parameters { get; init; }

    /// <summary>Purchase-model log-likelihood.</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>Gamma-Gamma parameters p, q, v, or empty when there are too few repeat buyers.</summary>
    public required IReadOnlyDictionary<string, ParameterEstimate> SpendParameters { get; init; }

    /// <summary>Holdout (days after the calibration end that have data): actual and forecast repeat purchase days, or null.</summary>
    public HoldoutCheck? Holdout { get; init; }

    /// <summary>Horizon of expected purchases and CLV, days.</summary>
    public required int HorizonDays { get; init; }

    /// <summary>Sum over customers of expected purchases in the horizon.</summary>
    public required double ExpectedPurchases { get; init; }

    /// <summary>Sum of discounted CLV over the horizon.</summary>
    public required double TotalClv { get; init; }

    /// <summary>CLV quantiles (p10, p50, p90, p99, max).</summary>
    public required IReadOnlyDictionary<string, double> ClvDistribution { get; init; }

    /// <summary>Top customers by CLV.</summary>
    public required IReadOnlyList<CustomerPrediction> TopCustomers { get; init; }

    /// <summary>Valuable customers going quiet: top-decile CLV history with P(alive) below 0.5, by monetary value.</summary>
    public required IReadOnlyList<CustomerPrediction> GoingQuiet { get; init; }
}

/// <summary>A fitted parameter.</summary>
/// <param name="Estimate">Maximum-likelihood estimate.</param>
/// <param name="StandardError">From the numerical Hessian; NaN when unavailable.</param>
public sealed record ParameterEstimate(double Estimate, double StandardError);

/// <summary>Forecast against what happened after the calibration end.</summary>
/// <param name="HoldoutEnd">Last day of the holdout.</param>
/// <param name="ActualRepeatPurchases">Purchase days of calibration customers in the holdout.</param>
/// <param name="ForecastRepeatPurchases">Σ conditional expected purchases over the holdout length.</param>
public sealed record HoldoutCheck(DateOnly HoldoutEnd, double ActualRepeatPurchases, double ForecastRepeatPurchases);

/// <summary>One customer's predictions.</summary>
/// <param name="CustomerId">Customer.</param>
/// <param name="Frequency">Repeat purchase days in calibration (x).</param>
/// <param name="ProbabilityAlive">P(alive) at the calibration end.</param>
/// <param name="ExpectedPurchases">Expected purchases in the horizon.</param>
/// <param name="ExpectedSpend">Expected spend per purchase (Gamma-Gamma).</param>
/// <param name="Clv">Discounted CLV over the horizon.</param>
/// <param name="DaysToNextOrder">Days until expected purchases reach one, or null.</param>
public sealed record CustomerPrediction(string CustomerId, double Frequency, double ProbabilityAlive, double ExpectedPurchases, double ExpectedSpend, double Clv, double? DaysToNextOrder);
