using Segmenta.Core.Predictions;

namespace Segmenta.Engine.Predictions;

/// <summary>What <c>segmenta predict train</c> trained, how good it is on the later validation cutoff, and what it scored.</summary>
public sealed record PurchaseReport
{
    /// <summary><c>purchase</c> or <c>churn</c>.</summary>
    public string Target { get; init; } = "purchase";

    /// <summary>For churn: <c>purchase</c> or <c>visit</c>, the activity whose absence is churn.</summary>
    public string? ChurnActivity { get; init; }

    /// <summary>The table the scores went to (<c>purchase_predictions</c> or <c>churn_predictions</c>).</summary>
    public string Table { get; init; } = "purchase_predictions";

    /// <summary><c>lightgbm</c>, or <c>fallback-recency</c> when the history fails the eligibility rules.</summary>
    public required string Model { get; init; }

    /// <summary>Why the fallback was used, when it was.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>Label horizon in days.</summary>
    public required int HorizonDays { get; init; }

    /// <summary>Training cutoffs, oldest first.</summary>
    public required IReadOnlyList<DateOnly> TrainingCutoffs { get; init; }

    /// <summary>The validation cutoff.</summary>
    public required DateOnly ValidationCutoff { get; init; }

    /// <summary>Training rows (people × cutoffs) and how many converted.</summary>
    public required int TrainingRows { get; init; }

    /// <summary>Converting training rows.</summary>
    public required int TrainingPositives { get; init; }

    /// <summary>Quality on the validation cutoff: AUC, PR-AUC, log loss, Brier, lift, ECE, bands with actual conversion.</summary>
    public required ClassifierEvaluation Validation { get; init; }

    /// <summary>Features by importance (split gain), largest first.</summary>
    public required IReadOnlyList<FeatureImportance> TopFeatures { get; init; }

    /// <summary>The day scored with the trained model (the day after the last data).</summary>
    public required DateOnly ScoredAsOf { get; init; }

    /// <summary>People scored and stored in <see cref="Table"/>.</summary>
    public required int Scored { get; init; }

    /// <summary>Mean predicted probability over the scored people.</summary>
    public required double MeanProbability { get; init; }

    /// <summary>Examples of "why this score": the highest-scored people with their top contributing features.</summary>
    public IReadOnlyList<ScoredPerson> TopScored { get; init; } = [];

    /// <summary>On a simulated shop: the model beside the simulator's true propensities (null elsewhere).</summary>
    public OracleResult? Oracle { get; init; }
}

/// <summary>A scored person and the features that pushed their score most.</summary>
/// <param name="PersonId">Customer id or <c>anon:…</c>.</param>
/// <param name="Probability">Calibrated probability.</param>
/// <param name="Reasons">Top features with their signed contribution (log-odds).</param>
public sealed record ScoredPerson(string PersonId, double Probability, IReadOnlyList<Segmenta.ML.FeatureContribution> Reasons);

/// <summary>A feature and its share of the trees' total gain.</summary>
/// <param name="Feature">Name (docs/models.md#features).</param>
/// <param name="Share">Gain share, 0..1.</param>
public sealed record FeatureImportance(string Feature, double Share);
