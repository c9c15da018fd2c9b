namespace Segmenta.Core.Baskets;

/// <summary>Equality of sorted item-id arrays by content.</summary>
internal sealed class ItemsetComparer : IEqualityComparer<int[]>
{
    public static readonly ItemsetComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(int[] obj)
    {
        var hash = new HashCode();
        foreach (var id in obj)
        {
            hash.Add(id);
        }
        return hash.ToHashCode();
    }
}
