namespace Segmenta.Core.Experiments;

/// <summary>How the confidence interval for a difference of two proportions is computed.</summary>
public enum DifferenceIntervalMethod
{
    /// <summary>
    /// Newcombe's hybrid score interval (Newcombe 1998, method 10) built from the two Wilson score intervals;
    /// good coverage even for small counts and rates near 0 or 1. The default.
    /// </summary>
    Newcombe = 0,

    /// <summary>The textbook Wald interval: d ± z·sqrt(p1(1−p1)/n1 + p0(1−p0)/n0).</summary>
    Wald = 1,
}
