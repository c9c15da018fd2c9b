using System.Globalization;
using Segmenta.Core;

namespace Segmenta.Engine.Simulation;

/// <summary>
/// Settings of a simulated online shop. Every property has a documented default; call
/// <see cref="Validate"/> (the simulator does) to get a <see cref="SegmentaInputException"/> naming the bad value.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Registered customers to simulate (default 10,000; 1 to 5,000,000).</summary>
    public int Customers { get; init; } = 10_000;

    /// <summary>Length of the simulated period in days (default 365; 1 to 3,650).</summary>
    public int Days { get; init; } = 365;

    /// <summary>Random seed; the same options and seed always give byte-identical files (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>First day of the simulated period, UTC midnight (default 2025-01-01). Only the date part is used.</summary>
    public DateTime Start { get; init; } = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Anonymous visitors (who never buy) per registered customer (default 1.5; 0 to 20).</summary>
    public double VisitorRatio { get; init; } = 1.5;

    /// <summary>Products in the catalogue (default 500; 12 to 100,000).</summary>
    public int Products { get; init; } = 500;

    /// <summary>Share of customers who signed up before the period started (default 0.5; 0 to 1).</summary>
    public double SignedUpBeforeShare { get; init; } = 0.5;

    /// <summary>How far back (days before <see cref="Start"/>) early signups reach (default 730; 1 to 3,650).</summary>
    public int HistoryDays { get; init; } = 730;

    /// <summary>Probability that a customer session is offered a coupon, at random (default 0.08; 0 to 1).</summary>
    public double CouponOfferRate { get; init; } = 0.08;

    /// <summary>Share of orders later cancelled (default 0.025; 0 to 0.5).</summary>
    public double CancelRate { get; init; } = 0.025;

    /// <summary>Share of orders later refunded (default 0.03; 0 to 0.5).</summary>
    public double RefundRate { get; init; } = 0.03;

    /// <summary>Throws <see cref="SegmentaInputException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        Check(Customers is >= 1 and <= 5_000_000, "customers", Customers.ToString(CultureInfo.InvariantCulture), "a whole number from 1 to 5,000,000");
        Check(Days is >= 1 and <= 3650, "days", Days.ToString(CultureInfo.InvariantCulture), "a whole number from 1 to 3,650");
        Check(Start.Year is >= 1970 and <= 2200, "start", Start.ToString("O", CultureInfo.InvariantCulture), "a date between 1970 and 2200");
        Check(double.IsFinite(VisitorRatio) && VisitorRatio is >= 0 and <= 20, "visitor ratio", Format(VisitorRatio), "a number from 0 to 20");
        Check(Products is >= 12 and <= 100_000, "products", Products.ToString(CultureInfo.InvariantCulture), "a whole number from 12 to 100,000");
        Check(double.IsFinite(SignedUpBeforeShare) && SignedUpBeforeShare is >= 0 and <= 1, "signed-up-before share", Format(SignedUpBeforeShare), "a number from 0 to 1");
        Check(HistoryDays is >= 1 and <= 3650, "history days", HistoryDays.ToString(CultureInfo.InvariantCulture), "a whole number from 1 to 3,650");
        Check(double.IsFinite(CouponOfferRate) && CouponOfferRate is >= 0 and <= 1, "coupon offer rate", Format(CouponOfferRate), "a number from 0 to 1");
        Check(double.IsFinite(CancelRate) && CancelRate is >= 0 and <= 0.5, "cancel rate", Format(CancelRate), "a number from 0 to 0.5");
        Check(double.IsFinite(RefundRate) && RefundRate is >= 0 and <= 0.5, "refund rate", Format(RefundRate), "a number from 0 to 0.5");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Check(bool ok, string name, string value, string expected)
    {
        if (!ok)
        {
            throw new SegmentaInputException($"Simulation {name} is {value}; it must be {expected}.");
        }
    }
}
