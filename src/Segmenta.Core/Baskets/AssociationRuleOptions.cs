using System.Globalization;

namespace Segmenta.Core.Baskets;

/// <summary>Settings for association-rule mining (defaults as in R arules' <c>apriori</c>).</summary>
public sealed record AssociationRuleOptions
{
    /// <summary>
    /// Minimum rule support (support of antecedent ∪ consequent) as a fraction of baskets, in (0, 1].
    /// Default 0.1. The itemset must have count ≥ ceil(MinSupport × N).
    /// </summary>
    public double MinSupport { get; init; } = 0.1;

    /// <summary>Minimum confidence, in (0, 1]. Default 0.8. A rule is kept when confidence ≥ MinConfidence.</summary>
    public double MinConfidence { get; init; } = 0.8;

    /// <summary>Maximum number of items in a rule (antecedent plus consequent), at least 2 to get any rule. Default 10.</summary>
    public int MaxLength { get; init; } = 10;

    /// <summary>
    /// Maximum number of items in the consequent, at least 1. Default 1 (the arules convention:
    /// one-item consequents). Larger values also generate multi-item consequents.
    /// </summary>
    public int MaxConsequentLength { get; init; } = 1;

    /// <summary>The frequent-itemset settings these rule settings imply.</summary>
    public FrequentItemsetOptions ItemsetOptions => new() { MinSupport = MinSupport, MaxLength = MaxLength };

    internal void Validate()
    {
        FrequentItemsetOptions.Check(MinSupport, MaxLength);
        if (double.IsNaN(MinConfidence) || MinConfidence <= 0 || MinConfidence > 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"minimum confidence must be in (0, 1], e.g. 0.8; got {MinConfidence}"));
        }
        if (MaxConsequentLength < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"maximum consequent length must be at least 1; got {MaxConsequentLength}"));
        }
    }
}
