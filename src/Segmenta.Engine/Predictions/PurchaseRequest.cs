namespace Segmenta.Engine.Predictions;

/// <summary>Settings of <c>segmenta predict train</c> (docs/models.md#purchase-probability).</summary>
public sealed record PurchaseRequest
{
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
}
