namespace Segmenta.Engine.Predictions;

/// <summary>Settings of <c>segmenta predict train</c> (docs/models.md#purchase-probability).</summary>
public sealed record PurchaseRequest
{
    /// <summary>What to predict: a purchase in the horizon, or churn (no purchase / no visit in it).</summary>
    public PredictionTarget Target { get; init; } = PredictionTarget.Purchase;

    /// <summary>For churn: the activity whose absence in the horizon counts as churn.</summary>
    public ChurnActivity ChurnActivity { get; init; } = ChurnActivity.Purchase;

    /// <summary>H: the label is a purchase in [T, T + H) days.</summary>
    public int HorizonDays { get; init; } = 7;

    /// <summary>The validation cutoff; default: the last day whose whole horizon is in the data.</summary>
    public DateOnly? ValidationCutoff { get; init; }

    /// <summary>Training cutoffs before the validation cutoff.</summary>
    public int TrainingCutoffs { get; init; } = 6;

    /// <summary>Days between cutoffs; default: the horizon (so label windows do not overlap).</summary>
    public int? StepDays { get; init; }

    /// <summary>Boosting rounds of the trees (more = slower, rarely better past a few hundred).</summary>
    public int Trees { get; init; } = 200;

    /// <summary>Equal-count probability bands in the report.</summary>
    public int Bands { get; init; } = 5;

    /// <summary>When set, the training and validation matrices are written there as CSV (for baselines and audits).</summary>
    public string? ExportDirectory { get; init; }
}

/// <summary>The label a prediction model learns (docs/models.md).</summary>
public enum PredictionTarget
{
    /// <summary>Bought in [T, T + H): everyone active before T.</summary>
    Purchase,

    /// <summary>No purchase (or no visit) in [T, T + H): people who had bought (or visited) before T.</summary>
    Churn,
}

/// <summary>The activity whose absence defines churn.</summary>
public enum ChurnActivity
{
    /// <summary>Churned = bought before T, no purchase in [T, T + H).</summary>
    Purchase,

    /// <summary>Churned = visited before T, no session in [T, T + H).</summary>
    Visit,
}
