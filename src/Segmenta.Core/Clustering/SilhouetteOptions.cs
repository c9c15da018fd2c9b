using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>Settings for <see cref="ClusterQuality.Silhouette"/>.</summary>
public sealed record SilhouetteOptions
{
    /// <summary>
    /// Up to this many points the silhouette is exact (all pairwise distances, O(n²)). Above it, a
    /// seeded uniform sample of <see cref="SampleSize"/> points is scored against that sample only
    /// (as scikit-learn's <c>silhouette_score(sample_size=…)</c>). At least 2. Default 2,000.
    /// </summary>
    public int MaxExactPoints { get; init; } = 2_000;

    /// <summary>Points in the sample when n exceeds <see cref="MaxExactPoints"/>. At least 2. Default 2,000.</summary>
    public int SampleSize { get; init; } = 2_000;

    /// <summary>Seed for drawing the sample (System.Random). Default 42.</summary>
    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        if (MaxExactPoints < 2)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the silhouette's exact-point limit must be at least 2; got {MaxExactPoints}"));
        }
        if (SampleSize < 2)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the silhouette sample size must be at least 2; got {SampleSize}"));
        }
    }
}
