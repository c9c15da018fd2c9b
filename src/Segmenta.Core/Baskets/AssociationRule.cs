namespace Segmenta.Core.Baskets;

/// <summary>
/// An association rule A ⇒ C. With N baskets, n(X) the number of baskets containing itemset X and
/// s(X) = n(X) / N: support = s(A ∪ C), confidence = n(A ∪ C) / n(A), lift = confidence / s(C),
/// leverage = s(A ∪ C) − s(A)·s(C), conviction = (1 − s(C)) / (1 − confidence).
/// </summary>
/// <param name="Antecedent">Left-hand side items (non-empty), sorted ordinally.</param>
/// <param name="Consequent">Right-hand side items (non-empty), sorted ordinally.</param>
/// <param name="Count">n(A ∪ C): baskets that contain every item of the rule.</param>
/// <param name="AntecedentCount">n(A).</param>
/// <param name="ConsequentCount">n(C).</param>
/// <param name="Support">s(A ∪ C).</param>
/// <param name="Confidence">n(A ∪ C) / n(A).</param>
/// <param name="Lift">confidence / s(C); 1 means independence.</param>
/// <param name="Leverage">s(A ∪ C) − s(A)·s(C); 0 means independence.</param>
/// <param name="Conviction">
/// (1 − s(C)) / (1 − confidence); 1 means independence. <see cref="double.PositiveInfinity"/>
/// when confidence is 1 (the rule never fails).
/// </param>
public sealed record AssociationRule(
    IReadOnlyList<string> Antecedent,
    IReadOnlyList<string> Consequent,
    int Count,
    int AntecedentCount,
    int ConsequentCount,
    double Support,
    double Confidence,
    double Lift,
    double Leverage,
    double Conviction)
{
    /// <summary>Computes every metric from the three counts and N.</summary>
    /// <param name="antecedent">Antecedent items.</param>
    /// <param name="consequent">Consequent items.</param>
    /// <param name="count">n(A ∪ C).</param>
    /// <param name="antecedentCount">n(A), positive.</param>
    /// <param name="consequentCount">n(C), positive.</param>
    /// <param name="basketCount">N, positive.</param>
    public static AssociationRule FromCounts(
        IReadOnlyList<string> antecedent,
        IReadOnlyList<string> consequent,
        int count,
        int antecedentCount,
        int consequentCount,
        int basketCount)
    {
        if (antecedentCount <= 0 || consequentCount <= 0 || basketCount <= 0 || count < 0
            || count > antecedentCount || count > consequentCount || antecedentCount > basketCount || consequentCount > basketCount)
        {
            throw new SegmentaInputException("rule counts must satisfy 0 ≤ n(A∪C) ≤ n(A), n(C) ≤ N with n(A), n(C), N > 0");
        }
        double n = basketCount;
        var support = count / n;
        var confidence = (double)count / antecedentCount;
        var supportA = antecedentCount / n;
        var supportC = consequentCount / n;
        var lift = count * n / ((double)antecedentCount * consequentCount);
        var leverage = support - (supportA * supportC);
        var conviction = count == antecedentCount ? double.PositiveInfinity : (1 - supportC) / (1 - confidence);
        return new AssociationRule(antecedent, consequent, count, antecedentCount, consequentCount,
            support, confidence, lift, leverage, conviction);
    }

    /// <summary>True when the item is in the antecedent or the consequent (as chosen by <paramref name="side"/>).</summary>
    /// <param name="item">Item name (ordinal comparison).</param>
    /// <param name="side">Which side(s) to look at.</param>
    public bool Involves(string item, RuleSide side = RuleSide.Either) => side switch
    {
        RuleSide.Antecedent => Antecedent.Contains(item, StringComparer.Ordinal),
        RuleSide.Consequent => Consequent.Contains(item, StringComparer.Ordinal),
        _ => Antecedent.Contains(item, StringComparer.Ordinal) || Consequent.Contains(item, StringComparer.Ordinal),
    };

    /// <summary>The rule as <c>{a, b} =&gt; {c}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Antecedent) + "} => {" + string.Join(", ", Consequent) + "}";
}
