namespace Segmenta.Core.Baskets;

/// <summary>
/// Item-to-item cosine similarity over a binary incidence matrix (rows are baskets or customers):
/// cos(X, Y) = n(X, Y) / sqrt(n(X) · n(Y)), with n(X) the rows that hold X and n(X, Y) the rows that
/// hold both. Only pairs that co-occur at least once are stored.
/// </summary>
public sealed class ItemSimilarity
{
    private readonly BasketSet _rows;
    private readonly int[][] _neighbours;
    private readonly int[][] _coCounts;
    private readonly double[][] _cosines;

    private ItemSimilarity(BasketSet rows)
    {
        _rows = rows;
        var itemCount = rows.ItemCount;
        var counts = rows.ItemCounts;
        // Inverted index: rows holding each item.
        var rowsOf = new List<int>[itemCount];
        for (var i = 0; i < itemCount; i++)
        {
            rowsOf[i] = new List<int>(counts[i]);
        }
        for (var r = 0; r < rows.Rows.Length; r++)
        {
            foreach (var id in rows.Rows[r])
            {
                rowsOf[id].Add(r);
            }
        }
        _neighbours = new int[itemCount][];
        _coCounts = new int[itemCount][];
        _cosines = new double[itemCount][];
        var scratch = new int[itemCount];
        var touched = new List<int>();
        for (var i = 0; i < itemCount; i++)
        {
            touched.Clear();
            foreach (var r in rowsOf[i])
            {
                foreach (var j in rows.Rows[r])
                {
                    if (j != i && scratch[j]++ == 0)
                    {
                        touched.Add(j);
                    }
                }
            }
            touched.Sort();
            var ids = touched.ToArray();
            var co = new int[ids.Length];
            var cos = new double[ids.Length];
            for (var k = 0; k < ids.Length; k++)
            {
                var j = ids[k];
                co[k] = scratch[j];
                cos[k] = co[k] / Math.Sqrt((double)counts[i] * counts[j]);
                scratch[j] = 0;
            }
            _neighbours[i] = ids;
            _coCounts[i] = co;
            _cosines[i] = cos;
        }
    }

    /// <summary>Similarity from basket-item incidence (items bought in the same basket).</summary>
    /// <param name="baskets">The baskets.</param>
    public static ItemSimilarity FromBaskets(BasketSet baskets)
    {
        if (baskets is null)
        {
            throw new SegmentaInputException("baskets must not be null");
        }
        return new ItemSimilarity(baskets);
    }

    /// <summary>Similarity from customer-item incidence (items bought by the same customer, at any time).</summary>
    /// <param name="history">The purchase history.</param>
    public static ItemSimilarity FromPurchases(PurchaseHistory history)
    {
        if (history is null)
        {
            throw new SegmentaInputException("purchase history must not be null");
        }
        return new ItemSimilarity(history.Incidence);
    }

    /// <summary>The items this similarity knows, indexed by item id.</summary>
    public IReadOnlyList<string> Items => _rows.Items;

    /// <summary>Number of incidence rows (baskets or customers).</summary>
    public int RowCount => _rows.Count;

    /// <summary>Cosine similarity of two items; 0 when either is unknown or they never co-occur; 1 for an item with itself.</summary>
    public double Cosine(string a, string b)
    {
        var i = _rows.IdOf(a);
        var j = _rows.IdOf(b);
        if (i < 0 || j < 0)
        {
            return 0;
        }
        if (i == j)
        {
            return 1;
        }
        var k = Array.BinarySearch(_neighbours[i], j);
        return k < 0 ? 0 : _cosines[i][k];
    }

    /// <summary>Rows that hold both items (0 when either is unknown).</summary>
    public int CoOccurrence(string a, string b)
    {
        var i = _rows.IdOf(a);
        var j = _rows.IdOf(b);
        if (i < 0 || j < 0)
        {
            return 0;
        }
        if (i == j)
        {
            return _rows.ItemCounts[i];
        }
        var k = Array.BinarySearch(_neighbours[i], j);
        return k < 0 ? 0 : _coCounts[i][k];
    }

    /// <summary>
    /// "Customers also bought": the <paramref name="topN"/> items most similar to
    /// <paramref name="item"/> by cosine (ties: higher co-occurrence, then item name).
    /// </summary>
    /// <param name="item">The query item.</param>
    /// <param name="topN">How many items, at least 1.</param>
    /// <exception cref="SegmentaInputException">Unknown item or topN &lt; 1.</exception>
    public IReadOnlyList<SimilarItem> AlsoBought(string item, int topN)
    {
        Recommendations.CheckTopN(topN);
        var i = _rows.IdOf(item);
        if (i < 0)
        {
            throw new SegmentaInputException($"item '{item}' does not occur in the data the similarity was built from");
        }
        var neighbours = _neighbours[i];
        var order = Enumerable.Range(0, neighbours.Length)
            .OrderByDescending(k => _cosines[i][k])
            .ThenByDescending(k => _coCounts[i][k])
            .ThenBy(k => _rows.Items[neighbours[k]], StringComparer.Ordinal)
            .Take(topN);
        double n = _rows.ItemCounts[i];
        return order.Select(k => new SimilarItem(_rows.Items[neighbours[k]], _cosines[i][k], _coCounts[i][k], _coCounts[i][k] / n)).ToList();
    }

    /// <summary>Adds cos(i, j) to <paramref name="scores"/>[j] for every neighbour j of item id i.</summary>
    internal void Accumulate(int i, double[] scores)
    {
        var neighbours = _neighbours[i];
        var cosines = _cosines[i];
        for (var k = 0; k < neighbours.Length; k++)
        {
            scores[neighbours[k]] += cosines[k];
        }
    }

    internal int IdOf(string item) => _rows.IdOf(item);
}
