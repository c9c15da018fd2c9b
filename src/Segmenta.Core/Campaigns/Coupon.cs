using System.Globalization;

namespace Segmenta.Core.Campaigns;

/// <summary>
/// A coupon offer (docs/campaigns.md §2): kind and value, minimum order, category limits, a validity window in
/// shop days (both ends included) and how many codes one customer may be issued.
/// </summary>
public sealed record Coupon
{
    /// <summary>Coupon id, e.g. <c>welcome10</c> (letters, digits, <c>_</c> and <c>-</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Percent, fixed amount or free shipping.</summary>
    public required CouponKind Kind { get; init; }

    /// <summary>Percent (0–100] for <see cref="CouponKind.Percent"/>, an amount for <see cref="CouponKind.Fixed"/>, the shipping fee for free shipping.</summary>
    public double Value { get; init; }

    /// <summary>Smallest eligible order amount (in categories, if limited) for the coupon to apply; 0 = none.</summary>
    public double MinOrder { get; init; }

    /// <summary>Categories the coupon applies to; empty = every category.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>First shop day the coupon can be used.</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>Last shop day the coupon can be used (included).</summary>
    public required DateOnly ValidTo { get; init; }

    /// <summary>Most codes of this coupon one customer can be issued (each code is single-use).</summary>
    public int PerCustomerLimit { get; init; } = 1;

    /// <summary>Throws a <see cref="SegmentaInputException"/> naming the first bad field.</summary>
    public Coupon Validate()
    {
        if (string.IsNullOrEmpty(Id) || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new SegmentaInputException($"coupon id '{Id}': use letters, digits, '_' or '-'");
        }
        if (ValidTo < ValidFrom)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"coupon {Id}: validity ends ({ValidTo:yyyy-MM-dd}) before it starts ({ValidFrom:yyyy-MM-dd})"));
        }
        var valueOk = Kind switch
        {
            CouponKind.Percent => Value > 0 && Value <= 100,
            CouponKind.Fixed => Value > 0,
            _ => Value >= 0,
        };
        if (!valueOk || !double.IsFinite(Value))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"coupon {Id}: value {Value} is not valid for a {Kind} coupon (percent: over 0 up to 100; fixed: above 0; free shipping: the fee, 0 or more)"));
        }
        if (MinOrder < 0 || !double.IsFinite(MinOrder))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"coupon {Id}: minimum order {MinOrder} must be 0 or more"));
        }
        if (PerCustomerLimit < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"coupon {Id}: per-customer limit {PerCustomerLimit} must be at least 1"));
        }
        if (Categories.Any(string.IsNullOrWhiteSpace))
        {
            throw new SegmentaInputException($"coupon {Id}: a category name is empty");
        }
        return this;
    }

    /// <summary>Whether the coupon can be used on shop day <paramref name="day"/>.</summary>
    public bool IsValidOn(DateOnly day) => day >= ValidFrom && day <= ValidTo;

    /// <summary>Whether the coupon has expired by shop day <paramref name="day"/> (its last valid day is before it).</summary>
    public bool IsExpiredOn(DateOnly day) => day > ValidTo;

    /// <summary>
    /// The discount on an order placed on <paramref name="day"/>: zero outside the window or below the minimum order;
    /// percent and fixed apply to the eligible (category-limited) amount; free shipping gives <see cref="Value"/>.
    /// </summary>
    /// <param name="day">Shop day of the order.</param>
    /// <param name="lines">The order's lines: category and amount.</param>
    public double Discount(DateOnly day, IEnumerable<(string? Category, double Amount)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (!IsValidOn(day))
        {
            return 0;
        }
        var eligible = lines.Where(l => Categories.Count == 0 || (l.Category is { } c && Categories.Contains(c, StringComparer.Ordinal))).Sum(l => l.Amount);
        if (eligible <= 0 || eligible < MinOrder)
        {
            return 0;
        }
        return Kind switch
        {
            CouponKind.Percent => Math.Round(eligible * Value / 100, 2, MidpointRounding.AwayFromZero),
            CouponKind.Fixed => Math.Min(Value, eligible),
            _ => Value,
        };
    }

    /// <summary>Parses a kind name: <c>percent</c>, <c>fixed</c> or <c>free_shipping</c>.</summary>
    public static CouponKind ParseKind(string text) => text switch
    {
        "percent" => CouponKind.Percent,
        "fixed" => CouponKind.Fixed,
        "free_shipping" => CouponKind.FreeShipping,
        _ => throw new SegmentaInputException($"coupon kind '{text}': expected percent, fixed or free_shipping"),
    };

    /// <summary>The kind's name as written in settings and JSON.</summary>
    public static string KindName(CouponKind kind) => kind switch
    {
        CouponKind.Percent => "percent",
        CouponKind.Fixed => "fixed",
        _ => "free_shipping",
    };
}
