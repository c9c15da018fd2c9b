namespace Segmenta.Core.Baskets;

/// <summary>
/// Frequent-itemset mining with FP-Growth (Han, Pei &amp; Yin 2000): one FP-tree of the baskets
/// (items in descending frequency order), then recursive mining of conditional pattern bases.
/// </summary>
public static class FpGrowth
{
    /// <summary>Finds every itemset with count ≥ ceil(MinSupport × N) and at most MaxLength items.</summary>
    /// <param name="baskets">The baskets.</param>
    /// <param name="options">Thresholds; null for the defaults.</param>
    /// <exception cref="SegmentaInputException">Invalid options.</exception>
    public static FrequentItemsetResult Mine(BasketSet baskets, FrequentItemsetOptions? options = null)
    {
        if (baskets is null)
        {
            throw new SegmentaInputException("baskets must not be null");
        }
        options ??= new FrequentItemsetOptions();
        options.Validate();
        var minCount = options.MinimumCount(baskets.Count);
        var raw = MineIds(baskets, minCount, options.MaxLength);
        var names = baskets.Items;
        var itemsets = new List<FrequentItemset>(raw.Count);
        foreach (var (ids, count) in raw)
        {
            itemsets.Add(new FrequentItemset(SortedNames(ids, names), count, (double)count / baskets.Count));
        }
        itemsets.Sort(CompareItemsets);
        return new FrequentItemsetResult(itemsets, baskets.Count, minCount, options);
    }

    internal static string[] SortedNames(int[] ids, IReadOnlyList<string> names)
    {
        var result = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            result[i] = names[ids[i]];
        }
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    private static int CompareItemsets(FrequentItemset a, FrequentItemset b)
    {
        var c = b.Count.CompareTo(a.Count);
        if (c != 0)
        {
            return c;
        }
        c = a.Items.Count.CompareTo(b.Items.Count);
        return c != 0 ? c : CompareNames(a.Items, b.Items);
    }

    internal static int CompareNames(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return a.Count.CompareTo(b.Count);
    }

    /// <summary>Frequent itemsets as sorted item-id arrays with their counts.</summary>
    internal static List<(int[] Ids, int Count)> MineIds(BasketSet baskets, int minCount, int maxLength)
    {
        var counts = baskets.ItemCounts;
        // Rank frequent items by descending count (ties by id, for determinism).
        var frequent = Enumerable.Range(0, counts.Length).Where(i => counts[i] >= minCount)
            .OrderByDescending(i => counts[i]).ThenBy(i => i).ToArray();
        var rankOf = new int[counts.Length];
        Array.Fill(rankOf, -1);
        for (var r = 0; r < frequent.Length; r++)
        {
            rankOf[frequent[r]] = r;
        }

        var tree = new FpTree(frequent.Length, (int)Math.Min(baskets.ItemOccurrences + 1, int.MaxValue / 2));
        var path = new List<int>();
        foreach (var basket in baskets.Rows)
        {
            path.Clear();
            foreach (var id in basket)
            {
                var rank = rankOf[id];
                if (rank >= 0)
                {
                    path.Add(rank);
                }
            }
            if (path.Count > 0)
            {
                path.Sort();
                tree.Insert(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(path), 1);
            }
        }

        var output = new List<(int[] Ids, int Count)>();
        var miner = new Miner(frequent, minCount, maxLength, output);
        miner.Mine(tree, new List<int>());
        return output;
    }

    private sealed class Miner(int[] itemOfRank, int minCount, int maxLength, List<(int[] Ids, int Count)> output)
    {
        private int[] _buffer = new int[16];

        public void Mine(FpTree tree, List<int> suffix)
        {
            for (var r = tree.RankCount - 1; r >= 0; r--)
            {
                if (tree.Head[r] < 0 || tree.ItemTotal[r] < minCount)
                {
                    continue;
                }
                suffix.Add(r);
                Emit(suffix, tree.ItemTotal[r]);
                if (suffix.Count < maxLength && r > 0)
                {
                    var conditional = Conditional(tree, r);
                    if (conditional is not null)
                    {
                        Mine(conditional, suffix);
                    }
                }
                suffix.RemoveAt(suffix.Count - 1);
            }
        }

        private void Emit(List<int> suffix, int count)
        {
            var ids = new int[suffix.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = itemOfRank[suffix[i]];
            }
            Array.Sort(ids);
            output.Add((ids, count));
        }

        /// <summary>The conditional FP-tree of rank <paramref name="r"/>, or null when no item in its pattern base is frequent.</summary>
        private FpTree? Conditional(FpTree tree, int r)
        {
            var condCount = new int[r];
            var nodes = 0;
            for (var node = tree.Head[r]; node >= 0; node = tree.NextSameItem(node))
            {
                var c = tree.CountOf(node);
                for (var p = tree.ParentOf(node); p > 0; p = tree.ParentOf(p))
                {
                    condCount[tree.ItemOf(p)] += c;
                    nodes++;
                }
            }
            var any = false;
            for (var i = 0; i < r && !any; i++)
            {
                any = condCount[i] >= minCount;
            }
            if (!any)
            {
                return null;
            }
            var conditional = new FpTree(r, nodes + 1);
            for (var node = tree.Head[r]; node >= 0; node = tree.NextSameItem(node))
            {
                var length = 0;
                for (var p = tree.ParentOf(node); p > 0; p = tree.ParentOf(p))
                {
                    var rank = tree.ItemOf(p);
                    if (condCount[rank] >= minCount)
                    {
                        if (length == _buffer.Length)
                        {
                            Array.Resize(ref _buffer, length * 2);
                        }
                        _buffer[length++] = rank;
                    }
                }
                if (length > 0)
                {
                    var span = _buffer.AsSpan(0, length);
                    span.Reverse();
                    conditional.Insert(span, tree.CountOf(node));
                }
            }
            return conditional;
        }
    }
}
