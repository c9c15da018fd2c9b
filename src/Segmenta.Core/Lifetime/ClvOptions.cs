namespace Segmenta.Core.Lifetime;

/// <summary>Settings of <see cref="CustomerValue.LifetimeValue(ITransactionModel, CustomerHistory, double, ClvOptions?)"/>.</summary>
public sealed record ClvOptions
{
    /// <summary>The defaults: 12 months, 1% a month, 30 time units (days) a month, as lifetimes.</summary>
    public static ClvOptions Default { get; } = new();

    /// <summary>Horizon in months. Default 12.</summary>
    public int Months { get; init; } = 12;

    /// <summary>Discount rate per month: month i's cash is divided by (1 + rate)^i. Default 0.01.</summary>
    public double MonthlyDiscountRate { get; init; } = 0.01;

    /// <summary>
    /// Model time units in one month: 30 when the unit is days (the default), 4.345 for weeks, as
    /// lifetimes' <c>freq</c> factors.
    /// </summary>
    public double TimeUnitsPerMonth { get; init; } = 30;
}
