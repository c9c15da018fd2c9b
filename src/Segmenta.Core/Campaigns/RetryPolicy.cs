namespace Segmenta.Core.Campaigns;

/// <summary>
/// Exponential backoff for webhook deliveries: attempt <c>k</c> (1-based) that fails waits
/// <c>BaseDelay × 2^(k−1)</c> before the next, up to <see cref="MaxAttempts"/> attempts in one run.
/// </summary>
/// <param name="MaxAttempts">Attempts per message per run (at least 1).</param>
/// <param name="BaseDelay">Wait after the first failure.</param>
public readonly record struct RetryPolicy(int MaxAttempts, TimeSpan BaseDelay)
{
    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt) => TimeSpan.FromTicks(BaseDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20)));
}
