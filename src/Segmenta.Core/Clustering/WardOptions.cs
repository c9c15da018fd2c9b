using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>Settings of <see cref="Ward.Fit"/>.</summary>
public sealed record WardOptions
{
    /// <summary>Number of clusters k at which the tree is cut (at least 1, at most the number of points). Default 8.</summary>
    public int K { get; init; } = 8;

    /// <summary>Points clustered hierarchically (a seeded uniform sample when there are more); the rest join the nearest centroid. Default 2,000.</summary>
    public int SampleSize { get; init; } = 2_000;

    /// <summary>Seed for the sample.</summary>
    public int Seed { get; init; } = 42;

    internal void Validate(int n)
    {
        if (K < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"k must be at least 1; got {K}"));
        }
        if (K > n)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"k = {K} is larger than the number of customers ({n}): choose k ≤ {n}"));
        }
        if (SampleSize < K)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"Ward: the sample size ({SampleSize}) must be at least k ({K})"));
        }
    }
}
