namespace Segmenta.Core.Clustering;

/// <summary>Settings for <see cref="FeatureMatrix.Standardize"/>.</summary>
public sealed record StandardizeOptions
{
    /// <summary>
    /// Features to transform with log(1 + x) before standardising — for right-skewed counts and
    /// amounts such as frequency and monetary value. Values must be above −1. Default: none.
    /// </summary>
    public IReadOnlyList<string> LogColumns { get; init; } = [];

    /// <summary>
    /// False (default): the population standard deviation, divide by n (as scikit-learn's
    /// StandardScaler). True: the sample standard deviation, divide by n − 1 (as R's <c>scale</c>).
    /// </summary>
    public bool UseSampleStandardDeviation { get; init; }

    internal void Validate()
    {
        if (LogColumns is null)
        {
            throw new SegmentaInputException("log columns must be a list (possibly empty), not null");
        }
    }
}
