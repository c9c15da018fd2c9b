using System.Globalization;

namespace Segmenta.Core.Baskets;

/// <summary>
/// A compact, immutable set of baskets (transactions) for market-basket analysis. Item names are
/// interned to integer ids (in order of first appearance) and every basket is stored as a sorted
/// array of distinct ids. Baskets carry no customer: an item bought twice in one basket counts once
/// (binary incidence, as in R arules). Item names are compared ordinally and kept exactly as given,
/// including leading or trailing spaces (Groceries has <c>"cream cheese "</c>).
/// </summary>
public sealed class BasketSet
{
    private readonly int[][] _baskets;
    private readonly string[] _items;
    private readonly Dictionary<string, int> _ids;
    private readonly int[] _itemCounts;

    private BasketSet(int[][] baskets, string[] items, Dictionary<string, int> ids)
    {
        _baskets = baskets;
        _items = items;
        _ids = ids;
        _itemCounts = new int[items.Length];
        long occurrences = 0;
        foreach (var basket in baskets)
        {
            occurrences += basket.Length;
            foreach (var id in basket)
            {
                _itemCounts[id]++;
            }
        }
        ItemOccurrences = occurrences;
    }

    /// <summary>Number of baskets (N, the denominator of every support).</summary>
    public int Count => _baskets.Length;

    /// <summary>Number of distinct items.</summary>
    public int ItemCount => _items.Length;

    /// <summary>Total number of (basket, distinct item) pairs.</summary>
    public long ItemOccurrences { get; }

    /// <summary>Item names indexed by item id.</summary>
    public IReadOnlyList<string> Items => _items;

    internal int[][] Rows => _baskets;

    internal int[] ItemCounts => _itemCounts;

    /// <summary>
    /// Builds a basket set. Duplicate items inside a basket are collapsed; empty baskets are kept
    /// (they count towards N).
    /// </summary>
    /// <param name="baskets">One list of item names per basket.</param>
    /// <exception cref="SegmentaInputException">No baskets, a null basket, or a null/empty item name.</exception>
    public static BasketSet Create(IEnumerable<IReadOnlyList<string>> baskets)
    {
        if (baskets is null)
        {
            throw new SegmentaInputException("baskets must not be null");
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<string>();
        var rows = new List<int[]>();
        var buffer = new List<int>();
        foreach (var basket in baskets)
        {
            var index = rows.Count;
            if (basket is null)
            {
                throw new SegmentaInputException(Invariant($"basket {index + 1} is null"));
            }
            buffer.Clear();
            for (var i = 0; i < basket.Count; i++)
            {
                var name = basket[i];
                if (string.IsNullOrEmpty(name))
                {
                    throw new SegmentaInputException(Invariant($"basket {index + 1}, item {i + 1}: empty item name"));
                }
                if (!ids.TryGetValue(name, out var id))
                {
                    id = items.Count;
                    ids.Add(name, id);
                    items.Add(name);
                }
                buffer.Add(id);
            }
            buffer.Sort();
            var distinct = new List<int>(buffer.Count);
            foreach (var id in buffer)
            {
                if (distinct.Count == 0 || distinct[^1] != id)
                {
                    distinct.Add(id);
                }
            }
            rows.Add([.. distinct]);
        }
        if (rows.Count == 0)
        {
            throw new SegmentaInputException("the basket set is empty: at least one basket is needed");
        }
        return new BasketSet([.. rows], [.. items], ids);
    }

    /// <summary>
    /// Builds a basket set from text lines, one basket per line, items separated by
    /// <paramref name="separator"/> with no quoting (the Groceries format). Lines that are empty
    /// are skipped; names are not trimmed.
    /// </summary>
    /// <param name="lines">The lines (the caller reads the file).</param>
    /// <param name="separator">Item separator; default comma.</param>
    /// <exception cref="SegmentaInputException">No non-empty line, or an empty item (e.g. <c>a,,b</c>).</exception>
    public static BasketSet FromLines(IEnumerable<string> lines, char separator = ',')
    {
        if (lines is null)
        {
            throw new SegmentaInputException("lines must not be null");
        }
        return Create(Split(lines, separator));
    }

    private static IEnumerable<IReadOnlyList<string>> Split(IEnumerable<string> lines, char separator)
    {
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split(separator);
            if (Array.IndexOf(parts, string.Empty) >= 0)
            {
                throw new SegmentaInputException(Invariant($"line {lineNumber}: empty item name (two separators in a row, or one at the start or end)"));
            }
            yield return parts;
        }
    }

    /// <summary>True when the item occurs in at least one basket.</summary>
    public bool Contains(string item) => item is not null && _ids.ContainsKey(item);

    /// <summary>The id of an item, or -1 when it does not occur.</summary>
    public int IdOf(string item) => item is not null && _ids.TryGetValue(item, out var id) ? id : -1;

    /// <summary>Number of baskets that contain the item (0 when it does not occur).</summary>
    public int Frequency(string item)
    {
        var id = IdOf(item);
        return id < 0 ? 0 : _itemCounts[id];
    }

    /// <summary>Share of baskets that contain the item: <see cref="Frequency"/> / <see cref="Count"/>.</summary>
    public double Support(string item) => (double)Frequency(item) / _baskets.Length;

    /// <summary>The item names of one basket, in id order.</summary>
    /// <param name="index">Zero-based basket index.</param>
    public IReadOnlyList<string> Basket(int index)
    {
        if ((uint)index >= (uint)_baskets.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        return Array.ConvertAll(_baskets[index], id => _items[id]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
