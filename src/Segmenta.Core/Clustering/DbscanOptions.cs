using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>Settings for <see cref="Dbscan.Fit"/>.</summary>
public sealed record DbscanOptions
{
    /// <summary>
    /// Neighbourhood radius (Euclidean, in the units given — normally z-scores). Null (default):
    /// suggested by <see cref="Dbscan.SuggestEps"/> with <see cref="EpsRule"/>. Must be &gt; 0.
    /// </summary>
    public double? Eps { get; init; }

    /// <summary>
    /// A point is a core point when at least this many points, itself included, lie within eps
    /// (scikit-learn's <c>min_samples</c>). At least 2. Default 5.
    /// </summary>
    public int MinPoints { get; init; } = 5;

    /// <summary>Rule for the suggested eps when <see cref="Eps"/> is null. Default <see cref="Clustering.EpsRule.Knee"/>.</summary>
    public EpsRule EpsRule { get; init; } = EpsRule.Knee;

    internal void Validate(int pointCount)
    {
        if (pointCount > Dbscan.MaxPoints)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"DBSCAN here compares every pair of points and is limited to {Dbscan.MaxPoints:N0} points; got {pointCount:N0}. Use k-means, or cluster a sample"));
        }
        if (pointCount < 1)
        {
            throw new SegmentaInputException("DBSCAN needs at least one point; the input is empty");
        }
        if (MinPoints < 2)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"DBSCAN minimum points must be at least 2; got {MinPoints}"));
        }
        if (MinPoints > pointCount)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"DBSCAN minimum points ({MinPoints}) is larger than the number of points ({pointCount})"));
        }
        if (Eps is { } eps && !(eps > 0 && double.IsFinite(eps)))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"DBSCAN eps must be a finite number > 0; got {eps}"));
        }
    }
}
