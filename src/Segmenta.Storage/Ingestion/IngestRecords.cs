namespace Segmenta.Storage.Ingestion;

/// <summary>One behavioural event as the API accepted it (Segment track/page/identify), already typed and in UTC.</summary>
/// <param name="MessageId">The sender's message id: the idempotency key (stored as <c>events.event_id</c>).</param>
/// <param name="UserId">The shop's customer id, when known.</param>
/// <param name="AnonymousId">The device/browser id, when sent.</param>
/// <param name="EventType">Canonical event type (the Segment preset's mapping, docs/api.md).</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="PageUrl">Page URL.</param>
/// <param name="Referrer">Referrer URL.</param>
/// <param name="Device">Device type.</param>
/// <param name="Channel">Campaign medium or source.</param>
/// <param name="Campaign">Campaign name.</param>
/// <param name="ProductId">Product id.</param>
/// <param name="Category">Product category.</param>
/// <param name="Value">revenue, total, value or price, the first given.</param>
/// <param name="OrderId">Order id.</param>
/// <param name="Traits">Customer traits an identify call carried (stored on the customer when the event is new).</param>
public sealed record IngestEvent(
    string MessageId, string? UserId, string? AnonymousId, string EventType, DateTime OccurredAt,
    string? PageUrl = null, string? Referrer = null, string? Device = null, string? Channel = null, string? Campaign = null,
    string? ProductId = null, string? Category = null, double? Value = null, string? OrderId = null, IngestTraits? Traits = null);

/// <summary>The customer fields an identify call may set (Segment traits); null = not sent, keep the stored value.</summary>
/// <param name="Email">traits.email.</param>
/// <param name="Phone">traits.phone.</param>
/// <param name="Country">traits.country or traits.address.country.</param>
/// <param name="SignupAt">traits.createdAt (UTC).</param>
public sealed record IngestTraits(string? Email, string? Phone, string? Country, DateTime? SignupAt);

/// <summary>One order line.</summary>
/// <param name="ProductId">Product id.</param>
/// <param name="Description">Product name as shown on the order.</param>
/// <param name="Category">Product category.</param>
/// <param name="Quantity">Units (positive).</param>
/// <param name="UnitPrice">Price per unit (not negative).</param>
public sealed record IngestLine(string? ProductId, string? Description, string? Category, double Quantity, double UnitPrice);

/// <summary>One order posted to /v1/orders; <paramref name="OrderId"/> is its idempotency key.</summary>
/// <param name="OrderId">The shop's order id.</param>
/// <param name="CustomerId">The buyer (null for a guest checkout).</param>
/// <param name="OrderedAt">When it was placed (UTC).</param>
/// <param name="Status"><c>placed</c>, <c>cancelled</c> or <c>refunded</c>.</param>
/// <param name="CouponCode">Coupon used.</param>
/// <param name="CampaignId">Attributed campaign.</param>
/// <param name="Channel">Sales channel.</param>
/// <param name="Country">Shipping country.</param>
/// <param name="Lines">The lines, at least one.</param>
public sealed record IngestOrder(
    string OrderId, string? CustomerId, DateTime OrderedAt, string Status, string? CouponCode, string? CampaignId,
    string? Channel, string? Country, IReadOnlyList<IngestLine> Lines);

/// <summary>What one request delivered: the unit the log writes, acknowledges and the loader loads.</summary>
/// <param name="Events">Events, in request order.</param>
/// <param name="Orders">Orders, in request order.</param>
public sealed record IngestBatch(IReadOnlyList<IngestEvent> Events, IReadOnlyList<IngestOrder> Orders)
{
    /// <summary>Events plus orders.</summary>
    public int Count => Events.Count + Orders.Count;
}

/// <summary>A batch made durable: where its record ends in the log.</summary>
/// <param name="EndOffset">Byte offset just past the record.</param>
/// <param name="Batch">The batch.</param>
public sealed record DurableBatch(long EndOffset, IngestBatch Batch);
