using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>Settings for <see cref="KMeans.Fit"/>.</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k, at least 1 and at most the number of points. Default 8.</summary>
    public int K { get; init; } = 8;

    /// <summary>
    /// Independent runs, each from its own k-means++ seeding; the run with the lowest inertia wins
    /// (the earliest on a tie). At least 1. Default 5.
    /// </summary>
    public int Restarts { get; init; } = 5;

    /// <summary>Maximum Lloyd iterations per run, at least 1. Default 300.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// A run stops when no point changes cluster, or when the total squared centroid movement of an
    /// iteration is at most Tolerance × the mean per-feature variance of the data (scikit-learn's
    /// rule). At least 0. Default 1e-4.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed for <see cref="System.Random"/>; the same seed gives the same result. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Maximum threads for the assignment step (points are split into fixed chunks and summed in
    /// chunk order, so the result does not depend on this). Default: the processor count.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    internal void Validate(int pointCount)
    {
        if (pointCount < 1)
        {
            throw new SegmentaInputException("k-means needs at least one point; the input is empty");
        }
        if (K < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the number of clusters k must be at least 1; got {K}"));
        }
        if (K > pointCount)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the number of clusters k = {K} is larger than the number of points ({pointCount})"));
        }
        if (Restarts < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"k-means restarts must be at least 1; got {Restarts}"));
        }
        if (MaxIterations < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"k-means maximum iterations must be at least 1; got {MaxIterations}"));
        }
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"k-means tolerance must be a finite number ≥ 0; got {Tolerance}"));
        }
        if (MaxDegreeOfParallelism < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"maximum degree of parallelism must be at least 1; got {MaxDegreeOfParallelism}"));
        }
    }
}
