namespace Segmenta.Engine.Campaigns;

/// <summary>What one <c>campaign run</c> did (docs/campaigns.md §3).</summary>
/// <param name="CampaignId">Campaign.</param>
/// <param name="Occurrence">Shop day the run planned for.</param>
/// <param name="Now">The run's time (UTC).</param>
/// <param name="Matched">Customers matching audience and trigger.</param>
/// <param name="NoConsent">Of those, skipped for lack of marketing consent on the channel.</param>
/// <param name="Capped">Skipped by the frequency cap.</param>
/// <param name="CouponLimit">Skipped because they already hold the coupon's per-customer limit.</param>
/// <param name="AlreadyPlanned">Already in the outbox for this occurrence (an earlier run planned them).</param>
/// <param name="Planned">New outbox rows (treatment + control).</param>
/// <param name="Control">Of the new rows, held out as control.</param>
/// <param name="Sent">Messages delivered by this run.</param>
/// <param name="Failed">Messages whose delivery failed in this run (they stay pending for the next run).</param>
/// <param name="Waiting">Pending messages not yet due (send time or quiet hours).</param>
/// <param name="Output">The CSV file written (CSV channel), else null.</param>
public sealed record CampaignRunResult(
    string CampaignId, DateOnly Occurrence, DateTime Now, long Matched, long NoConsent, long Capped, long CouponLimit, long AlreadyPlanned,
    long Planned, long Control, long Sent, long Failed, long Waiting, string? Output)
{
    /// <summary>Matched customers (consented, not capped, not yet planned) kept out because they are in the shop's global control group.</summary>
    public long GlobalControl { get; init; }
}
