namespace Segmenta.Storage.Campaigns;

/// <summary>A customer the audience and trigger select on a day, before consent, caps and the outbox are applied.</summary>
/// <param name="CustomerId">Customer.</param>
/// <param name="Email">E-mail (may be pseudonymised or null).</param>
/// <param name="Phone">Phone or null.</param>
/// <param name="Segment">Segment at the occurrence day, or null.</param>
/// <param name="DaysSinceLastOrder">Days since the last order, or null.</param>
/// <param name="Consented">Whether the campaign's consent column is true.</param>
/// <param name="Capped">Whether the frequency cap is reached.</param>
/// <param name="Planned">Whether the outbox already holds this customer's message for the occurrence.</param>
public sealed record AudienceMember(
    string CustomerId, string? Email, string? Phone, string? Segment, long? DaysSinceLastOrder, bool Consented, bool Capped, bool Planned);
