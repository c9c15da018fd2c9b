using Segmenta.Core.Campaigns;
using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;

namespace Segmenta.Storage.Campaigns;

/// <summary>What selects a campaign's audience on one occurrence day.</summary>
/// <param name="CampaignId">Campaign (for the outbox anti-join).</param>
/// <param name="TimeZone">Shop time zone.</param>
/// <param name="Day">Occurrence shop day (the RFM snapshot's as-of day).</param>
/// <param name="Now">The run's time, UTC.</param>
/// <param name="Basis">RFM basis of the snapshot.</param>
/// <param name="Condition">Audience condition.</param>
/// <param name="Trigger">Trigger, or null.</param>
/// <param name="ConsentColumn">consent_email, consent_sms or consent_push.</param>
/// <param name="CapMessages">Frequency cap: messages …</param>
/// <param name="CapDays">… per this many days (0 messages = no cap).</param>
public sealed record AudienceRequest(
    string CampaignId, string TimeZone, DateOnly Day, DateTime Now, RfmBasis Basis, SegmentCondition Condition, CampaignTrigger? Trigger,
    string ConsentColumn, int CapMessages, int CapDays);
