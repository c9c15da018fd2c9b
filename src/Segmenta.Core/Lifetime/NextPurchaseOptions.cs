namespace Segmenta.Core.Lifetime;

/// <summary>Settings of <see cref="CustomerValue.ExpectedTimeToNextPurchase"/>.</summary>
public sealed record NextPurchaseOptions
{
    /// <summary>The defaults: one purchase, horizon 3,650 time units.</summary>
    public static NextPurchaseOptions Default { get; } = new();

    /// <summary>The expected purchase count that defines "the next order". Default 1.</summary>
    public double Purchases { get; init; } = 1;

    /// <summary>
    /// Longest time after the calibration end searched, in model time units; beyond it the answer is
    /// "none". Default 3,650 (ten years in days, seventy in weeks).
    /// </summary>
    public double MaximumHorizon { get; init; } = 3650;
}
