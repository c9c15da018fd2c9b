using Segmenta.Core.Rfm;

namespace Segmenta.Storage.Rfm;

/// <summary>One RFM scoring run.</summary>
/// <param name="AsOf">Scores use activity strictly before this day (shop time zone); recency is counted to it.</param>
/// <param name="Basis">Purchases or visits.</param>
/// <param name="WindowDays">Only activity in the last N days before <paramref name="AsOf"/> counts; 0 = all history.</param>
/// <param name="NewCustomerDays">A person whose first activity ever is within this many days before AsOf is "new".</param>
/// <param name="TimeZone">The shop's IANA zone, in which days are counted.</param>
public sealed record RfmRequest(DateOnly AsOf, RfmBasis Basis, int WindowDays, int NewCustomerDays, string TimeZone);
