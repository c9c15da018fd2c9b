namespace Segmenta.Core.Lifetime;

/// <summary>The output of <see cref="CalibrationSummary.Build"/>.</summary>
/// <param name="Customers">One row per customer whose first purchase is on or before the calibration end, ordered by customer id (ordinal).</param>
/// <param name="Holdout">
/// Holdout counts in the same order as <paramref name="Customers"/>; empty when no holdout end was given.
/// Customers whose first purchase falls in the holdout are not included (the models cannot score them).
/// </param>
/// <param name="HoldoutDuration">Length of the holdout period in <paramref name="Unit"/>; 0 when there is none.</param>
/// <param name="Unit">The time unit of recency, age and holdout duration.</param>
public sealed record CalibrationSummaryResult(
    IReadOnlyList<CustomerHistory> Customers,
    IReadOnlyList<HoldoutCount> Holdout,
    double HoldoutDuration,
    LifetimeTimeUnit Unit);
