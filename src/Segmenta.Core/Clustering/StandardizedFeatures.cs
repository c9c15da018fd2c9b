namespace Segmenta.Core.Clustering;

/// <summary>
/// Z-scores of a <see cref="FeatureMatrix"/> with what is needed to go back to original units.
/// </summary>
/// <param name="Matrix">The z-scores, same ids and feature names as the input.</param>
/// <param name="Means">Per feature, the mean of x′ (x′ = log(1 + x) for log columns, else x).</param>
/// <param name="StandardDeviations">Per feature, the population or sample sd of x′ (never 0).</param>
/// <param name="LogTransformed">Per feature, whether x′ = log(1 + x).</param>
public sealed record StandardizedFeatures(
    FeatureMatrix Matrix,
    IReadOnlyList<double> Means,
    IReadOnlyList<double> StandardDeviations,
    IReadOnlyList<bool> LogTransformed)
{
    /// <summary>
    /// Converts a z-score of one feature back to original units: x′ = mean + z·sd, then
    /// x = exp(x′) − 1 for log columns. For a centroid this gives a typical value (for log columns
    /// the back-transformed log-mean, a geometric-style mean), not the arithmetic mean.
    /// </summary>
    /// <param name="feature">Column index.</param>
    /// <param name="z">The z-score.</param>
    /// <returns>The value in original units.</returns>
    public double ToOriginal(int feature, double z)
    {
        var x = Means[feature] + (z * StandardDeviations[feature]);
        return LogTransformed[feature] ? Math.Exp(x) - 1 : x;
    }
}
