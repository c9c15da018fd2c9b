namespace Segmenta.Storage.Campaigns;

/// <summary>One planned message in the outbox (or a control-group member, who is recorded but never sent).</summary>
/// <param name="Key">Idempotency key: campaign | customer | occurrence day.</param>
/// <param name="CampaignId">Campaign.</param>
/// <param name="CustomerId">Customer.</param>
/// <param name="Occurrence">Shop day the message belongs to.</param>
/// <param name="Arm"><c>treatment</c> (sent) or <c>control</c> (held out).</param>
/// <param name="Recipient">E-mail address, phone or customer id, by channel.</param>
/// <param name="Subject">Rendered subject.</param>
/// <param name="Body">Rendered body.</param>
/// <param name="CouponCode">Code issued with the message, or null.</param>
/// <param name="DueAt">UTC time the message may be sent from.</param>
/// <param name="Attempts">Delivery attempts so far.</param>
public sealed record OutboxRow(
    string Key, string CampaignId, string CustomerId, DateOnly Occurrence, string Arm, string? Recipient, string Subject, string Body,
    string? CouponCode, DateTime DueAt, int Attempts);
