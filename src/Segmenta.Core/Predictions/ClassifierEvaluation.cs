namespace Segmenta.Core.Predictions;

/// <summary>Quality of predicted probabilities against outcomes (definitions in docs/models.md#purchase-probability).</summary>
/// <param name="Customers">Rows evaluated.</param>
/// <param name="Positives">Rows that converted.</param>
/// <param name="Auc">Area under the ROC curve (Mann–Whitney, ties counted half).</param>
/// <param name="PrAuc">Average precision (area under the precision–recall curve, step-wise).</param>
/// <param name="LogLoss">Mean −[y ln p + (1−y) ln(1−p)], p clipped to [1e-15, 1 − 1e-15].</param>
/// <param name="Brier">Mean (p − y)².</param>
/// <param name="TopDecileLift">Conversion rate in the top 10 % by p / overall conversion rate.</param>
/// <param name="ExpectedCalibrationError">Σ over 10 equal-count bins of (bin share) × |mean p − actual rate|.</param>
/// <param name="Bands">Equal-count bands by p, lowest first, with actual conversion.</param>
public sealed record ClassifierEvaluation(
    int Customers,
    int Positives,
    double Auc,
    double PrAuc,
    double LogLoss,
    double Brier,
    double TopDecileLift,
    double ExpectedCalibrationError,
    IReadOnlyList<ProbabilityBand> Bands);
