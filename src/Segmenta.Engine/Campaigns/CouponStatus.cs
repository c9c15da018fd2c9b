using Segmenta.Core.Campaigns;

namespace Segmenta.Engine.Campaigns;

/// <summary>A coupon's codes and redemptions on a day (docs/campaigns.md §2).</summary>
/// <param name="Coupon">The coupon.</param>
/// <param name="Codes">Codes made (issued + pool).</param>
/// <param name="Issued">Codes issued to customers.</param>
/// <param name="Pool">Unissued pool codes.</param>
/// <param name="Redeemed">Codes redeemed (issued or pool).</param>
/// <param name="RedeemedIssued">Issued codes redeemed.</param>
/// <param name="Expired">Codes not redeemed whose validity has ended.</param>
/// <param name="Open">Codes not redeemed and still valid (or not yet valid).</param>
/// <param name="RedemptionRate">Redeemed issued codes / issued codes (NaN when none issued).</param>
/// <param name="RedeemedRevenue">Amount paid on redeeming orders.</param>
/// <param name="DiscountCost">Discount given on redemptions (<see cref="CouponLedger.Cost"/>).</param>
/// <param name="Rejected">Uses that did not count, by reason.</param>
public sealed record CouponStatus(
    Coupon Coupon, long Codes, long Issued, long Pool, long Redeemed, long RedeemedIssued, long Expired, long Open, double RedemptionRate,
    double RedeemedRevenue, double DiscountCost, IReadOnlyDictionary<string, long> Rejected)
{
    /// <summary>Applies <see cref="CouponLedger.Match"/> and counts.</summary>
    public static CouponStatus From(Coupon coupon, (IReadOnlyList<CouponCode> Codes, IReadOnlyList<CouponUse> Uses) data, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        var (redeemed, rejected) = CouponLedger.Match(coupon, data.Codes, data.Uses);
        var issued = data.Codes.Count(c => c.CustomerId is not null);
        var redeemedIssued = data.Codes.Count(c => c.CustomerId is not null && redeemed.ContainsKey(c.Code));
        var unredeemed = data.Codes.Count - redeemed.Count;
        var expired = coupon.IsExpiredOn(today) ? unredeemed : 0;
        return new CouponStatus(coupon, data.Codes.Count, issued, data.Codes.Count - issued, redeemed.Count, redeemedIssued, expired, unredeemed - expired,
            issued == 0 ? double.NaN : (double)redeemedIssued / issued,
            Math.Round(redeemed.Values.Sum(u => u.Amount), 2), Math.Round(redeemed.Values.Sum(u => CouponLedger.Cost(coupon, u)), 2),
            rejected.GroupBy(r => r.Reason, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal));
    }
}
