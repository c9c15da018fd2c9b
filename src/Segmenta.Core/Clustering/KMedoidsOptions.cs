using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>Settings of <see cref="KMedoids.Fit"/>.</summary>
public sealed record KMedoidsOptions
{
    /// <summary>Number of clusters k (at least 1, at most the number of points). Default 8.</summary>
    public int K { get; init; } = 8;

    /// <summary>Up to this many points PAM runs on all of them (a full distance matrix); above it CLARA samples. Default 2,000.</summary>
    public int PamMaxPoints { get; init; } = 2_000;

    /// <summary>CLARA: samples drawn (the medoids with the lowest cost over all points win). Default 5.</summary>
    public int Samples { get; init; } = 5;

    /// <summary>CLARA: points per sample; null = max(40 + 2k, 500) (Kaufman &amp; Rousseeuw's 40 + 2k is small for shop data).</summary>
    public int? SampleSize { get; init; }

    /// <summary>Seed for the CLARA samples.</summary>
    public int Seed { get; init; } = 42;

    internal int EffectiveSampleSize => SampleSize ?? Math.Max(40 + (2 * K), 500);

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
        if (PamMaxPoints < 1 || Samples < 1 || SampleSize is < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"k-medoids: PamMaxPoints ({PamMaxPoints}), Samples ({Samples}) and SampleSize ({SampleSize}) must be at least 1"));
        }
        if (EffectiveSampleSize < K)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"k-medoids: the CLARA sample size ({EffectiveSampleSize}) is below k ({K})"));
        }
    }
}
