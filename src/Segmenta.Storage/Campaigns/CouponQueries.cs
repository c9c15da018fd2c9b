using Segmenta.Core.Campaigns;

namespace Segmenta.Storage.Campaigns;

/// <summary>Reads a coupon's codes and the orders that carried them (matched trimmed and case-insensitively).</summary>
public static class CouponQueries
{
    /// <summary>The coupon's codes and every sale order whose coupon code is one of them, with shop days and eligible amounts.</summary>
    public static async Task<(IReadOnlyList<CouponCode> Codes, IReadOnlyList<CouponUse> Uses)> UsesAsync(
        IAnalyticsEngine engine, string timeZone, Coupon coupon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        await CampaignStore.EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        var codes = await engine.QueryAsync(
            "SELECT code, customer_id, timezone($2, issued_at::TIMESTAMPTZ)::DATE FROM coupon_codes WHERE coupon_id = $1 ORDER BY code",
            [coupon.Id, timeZone], cancellationToken).ConfigureAwait(false);
        var categories = coupon.Categories.Count == 0 ? "true"
            : "l.category IN (" + string.Join(", ", coupon.Categories.Select((_, i) => "$" + (i + 3).ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
        var uses = await engine.QueryAsync($"""
            SELECT upper(trim(o.coupon_code)) AS code, o.order_id, o.customer_id, timezone($2, o.ordered_at::TIMESTAMPTZ)::DATE AS day,
                   o.amount, coalesce((SELECT sum(l.amount) FROM order_lines l WHERE l.order_id = o.order_id AND l.kind = 'sale' AND {categories}), 0) AS eligible,
                   o.status
            FROM orders o
            WHERE o.kind = 'sale' AND o.coupon_code IS NOT NULL
              AND upper(trim(o.coupon_code)) IN (SELECT code FROM coupon_codes WHERE coupon_id = $1)
            ORDER BY day, o.order_id
            """, [coupon.Id, timeZone, .. coupon.Categories], cancellationToken).ConfigureAwait(false);
        static DateOnly Day(object? v) => v is DateOnly d ? d : DateOnly.FromDateTime((DateTime)v!);
        return (codes.Rows.Select(r => new CouponCode((string)r[0]!, r[1] as string, r[2] is null ? null : Day(r[2]))).ToList(),
            uses.Rows.Select(r => new CouponUse((string)r[0]!, (string)r[1]!, r[2] as string, Day(r[3]), ResultTable.Convert<double>(r[4]),
                ResultTable.Convert<double>(r[5]), (string)r[6]!)).ToList());
    }
}
