namespace Segmenta.Core.Baskets;

/// <summary>Association rules mined from a basket set.</summary>
/// <param name="Rules">Rules ordered by lift (descending), then support (descending), then confidence (descending), then antecedent and consequent names.</param>
/// <param name="BasketCount">N, the number of baskets mined.</param>
/// <param name="MinimumCount">The itemset count threshold: ceil(MinSupport × N).</param>
/// <param name="FrequentItemsetCount">How many frequent itemsets (all lengths) the rules came from.</param>
/// <param name="Options">The settings used.</param>
public sealed record AssociationRuleResult(
    IReadOnlyList<AssociationRule> Rules,
    int BasketCount,
    int MinimumCount,
    int FrequentItemsetCount,
    AssociationRuleOptions Options)
{
    /// <summary>The rules that contain <paramref name="item"/> on the chosen side, in the same order.</summary>
    /// <param name="item">Item name, compared ordinally (trailing spaces matter).</param>
    /// <param name="side">Antecedent, consequent or either (default).</param>
    public AssociationRuleResult Filter(string item, RuleSide side = RuleSide.Either)
    {
        if (item is null)
        {
            throw new SegmentaInputException("the item to filter rules by must not be null");
        }
        return this with { Rules = Rules.Where(r => r.Involves(item, side)).ToList() };
    }
}
