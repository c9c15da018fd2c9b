namespace Segmenta.Core.Campaigns;

/// <summary>A code of a coupon: pool codes have no customer; issued codes name who got them and when.</summary>
/// <param name="Code">The code.</param>
/// <param name="CustomerId">Who it was issued to, or null for an unissued pool code.</param>
/// <param name="IssuedDay">Shop day it was issued, or null.</param>
public sealed record CouponCode(string Code, string? CustomerId, DateOnly? IssuedDay);

/// <summary>An order that carried a coupon code.</summary>
/// <param name="Code">Code as normalised (trimmed, upper case).</param>
/// <param name="OrderId">Order.</param>
/// <param name="CustomerId">Who ordered (may be null for guest orders).</param>
/// <param name="Day">Shop day of the order.</param>
/// <param name="Amount">Order amount paid.</param>
/// <param name="EligibleAmount">Amount paid on lines in the coupon's categories (all lines when unlimited).</param>
/// <param name="Status">placed, cancelled or refunded.</param>
public sealed record CouponUse(string Code, string OrderId, string? CustomerId, DateOnly Day, double Amount, double EligibleAmount, string Status);

/// <summary>
/// The redemption rules (docs/campaigns.md §2). An order's use of a code counts as a <b>redemption</b> when the order
/// is placed (not cancelled or refunded), on a day in the validity window, on or after the day the code was issued,
/// by the customer it was issued to (pool codes: anyone), with the eligible amount at least the minimum order — and it
/// is the first such use of the code (codes are single-use). Every other use is rejected with a reason.
/// </summary>
public static class CouponLedger
{
    /// <summary>Classifies every use; returns the redeeming use per code and the rejected uses with reasons.</summary>
    public static (IReadOnlyDictionary<string, CouponUse> Redeemed, IReadOnlyList<(CouponUse Use, string Reason)> Rejected) Match(
        Coupon coupon, IReadOnlyList<CouponCode> codes, IEnumerable<CouponUse> uses)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(uses);
        var byCode = codes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var redeemed = new Dictionary<string, CouponUse>(StringComparer.Ordinal);
        var rejected = new List<(CouponUse, string)>();
        foreach (var use in uses.OrderBy(u => u.Day).ThenBy(u => u.OrderId, StringComparer.Ordinal))
        {
            string? reason = null;
            if (!byCode.TryGetValue(use.Code, out var code))
            {
                reason = "unknown_code";
            }
            else if (use.Status != "placed")
            {
                reason = "order_" + use.Status;
            }
            else if (!coupon.IsValidOn(use.Day))
            {
                reason = use.Day < coupon.ValidFrom ? "before_valid_from" : "expired";
            }
            else if (code.IssuedDay is { } issued && use.Day < issued)
            {
                reason = "before_issue";
            }
            else if (code.CustomerId is { } owner && !string.Equals(owner, use.CustomerId, StringComparison.Ordinal))
            {
                reason = "other_customer";
            }
            else if (use.EligibleAmount <= 0 || use.EligibleAmount < coupon.MinOrder)
            {
                reason = "below_min_order";
            }
            else if (redeemed.ContainsKey(use.Code))
            {
                reason = "already_redeemed";
            }
            if (reason is null)
            {
                redeemed[use.Code] = use;
            }
            else
            {
                rejected.Add((use, reason));
            }
        }
        return (redeemed, rejected);
    }

    /// <summary>
    /// The discount a redemption cost, from the amount paid: percent → paid × v / (100 − v) (paid amounts are after the
    /// discount), fixed → v, free shipping → the fee v.
    /// </summary>
    public static double Cost(Coupon coupon, CouponUse use)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        ArgumentNullException.ThrowIfNull(use);
        return coupon.Kind switch
        {
            CouponKind.Percent => coupon.Value >= 100 ? 0 : Math.Round(use.EligibleAmount * coupon.Value / (100 - coupon.Value), 2, MidpointRounding.AwayFromZero),
            _ => coupon.Value,
        };
    }
}
