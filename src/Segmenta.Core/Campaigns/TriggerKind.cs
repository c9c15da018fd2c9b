namespace Segmenta.Core.Campaigns;

/// <summary>What makes a triggered campaign message a customer on a given day (docs/campaigns.md §3).</summary>
public enum TriggerKind
{
    /// <summary>The customer's last order was exactly <c>days</c> shop days ago.</summary>
    DaysSinceLastPurchase,

    /// <summary>The customer added to the cart between <c>hours</c> + 24 and <c>hours</c> hours ago and has not bought since.</summary>
    CartAbandoned,

    /// <summary>The customer's predicted next order (latest CLV prediction) is exactly <c>days</c> shop days away.</summary>
    BeforePredictedOrder,

    /// <summary>The customer is in <c>segment</c> today and was not at the previous snapshot.</summary>
    SegmentEntry,

    /// <summary>The customer was in <c>segment</c> at the previous snapshot and is not today.</summary>
    SegmentExit,

    /// <summary>The customer signed up exactly <c>days</c> shop days ago (0 = today).</summary>
    Signup,

    /// <summary>
    /// The customer's purchase-probability band at the latest scoring (no older than <c>days</c> shop days) differs
    /// from their band at the scoring before it; with <c>band</c>, only moves into that band.
    /// </summary>
    BandChange,
}
