namespace Segmenta.Core.Experiments;

/// <summary>A two-sided confidence interval; bounds are <see cref="double.NaN"/> when the interval is undefined.</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
public sealed record ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>True when <paramref name="value"/> lies within [Lower, Upper].</summary>
    /// <param name="value">The value to test.</param>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
