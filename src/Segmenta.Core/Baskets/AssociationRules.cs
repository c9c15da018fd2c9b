namespace Segmenta.Core.Baskets;

/// <summary>Association-rule mining: FP-Growth itemsets, then rules A ⇒ C from each itemset.</summary>
public static class AssociationRules
{
    /// <summary>
    /// Mines rules with non-empty antecedent, consequent of 1..MaxConsequentLength items,
    /// rule count ≥ ceil(MinSupport × N), at most MaxLength items, and confidence ≥ MinConfidence
    /// (compared with a 1e-12 tolerance for rounding).
    /// </summary>
    /// <param name="baskets">The baskets.</param>
    /// <param name="options">Thresholds; null for the defaults (support 0.1, confidence 0.8, length 10).</param>
    /// <exception cref="SegmentaInputException">Invalid options.</exception>
    public static AssociationRuleResult Mine(BasketSet baskets, AssociationRuleOptions? options = null)
    {
        if (baskets is null)
        {
            throw new SegmentaInputException("baskets must not be null");
        }
        options ??= new AssociationRuleOptions();
        options.Validate();
        var minCount = options.ItemsetOptions.MinimumCount(baskets.Count);
        var itemsets = FpGrowth.MineIds(baskets, minCount, options.MaxLength);
        var countOf = new Dictionary<int[], int>(itemsets.Count, ItemsetComparer.Instance);
        foreach (var (ids, count) in itemsets)
        {
            countOf[ids] = count;
        }

        var names = baskets.Items;
        var n = baskets.Count;
        var minConfidence = options.MinConfidence - 1e-12;
        var rules = new List<AssociationRule>();
        foreach (var (ids, count) in itemsets)
        {
            var maxConsequent = Math.Min(options.MaxConsequentLength, ids.Length - 1);
            for (var m = 1; m <= maxConsequent; m++)
            {
                foreach (var (antecedent, consequent) in Splits(ids, m))
                {
                    var antecedentCount = countOf[antecedent];
                    if ((double)count / antecedentCount < minConfidence)
                    {
                        continue;
                    }
                    var consequentCount = countOf[consequent];
                    rules.Add(AssociationRule.FromCounts(
                        FpGrowth.SortedNames(antecedent, names), FpGrowth.SortedNames(consequent, names),
                        count, antecedentCount, consequentCount, n));
                }
            }
        }
        rules.Sort(CompareRules);
        return new AssociationRuleResult(rules, n, minCount, itemsets.Count, options);
    }

    private static int CompareRules(AssociationRule a, AssociationRule b)
    {
        var c = b.Lift.CompareTo(a.Lift);
        if (c != 0)
        {
            return c;
        }
        c = b.Count.CompareTo(a.Count);
        if (c != 0)
        {
            return c;
        }
        c = b.Confidence.CompareTo(a.Confidence);
        if (c != 0)
        {
            return c;
        }
        c = FpGrowth.CompareNames(a.Antecedent, b.Antecedent);
        return c != 0 ? c : FpGrowth.CompareNames(a.Consequent, b.Consequent);
    }

    /// <summary>Every split of a sorted itemset into (antecedent, consequent) with an m-item consequent.</summary>
    private static IEnumerable<(int[] Antecedent, int[] Consequent)> Splits(int[] ids, int m)
    {
        var chosen = new int[m];
        for (var i = 0; i < m; i++)
        {
            chosen[i] = i;
        }
        while (true)
        {
            var consequent = new int[m];
            var antecedent = new int[ids.Length - m];
            int ci = 0, ai = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                if (ci < m && chosen[ci] == i)
                {
                    consequent[ci++] = ids[i];
                }
                else
                {
                    antecedent[ai++] = ids[i];
                }
            }
            yield return (antecedent, consequent);

            var k = m - 1;
            while (k >= 0 && chosen[k] == ids.Length - m + k)
            {
                k--;
            }
            if (k < 0)
            {
                yield break;
            }
            chosen[k]++;
            for (var j = k + 1; j < m; j++)
            {
                chosen[j] = chosen[j - 1] + 1;
            }
        }
    }
}
