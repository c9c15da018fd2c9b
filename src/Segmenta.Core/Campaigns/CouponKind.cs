namespace Segmenta.Core.Campaigns;

/// <summary>What a coupon takes off an order.</summary>
public enum CouponKind
{
    /// <summary>A percentage of the eligible order amount.</summary>
    Percent,

    /// <summary>A fixed amount, at most the eligible order amount.</summary>
    Fixed,

    /// <summary>The shipping fee.</summary>
    FreeShipping,
}
