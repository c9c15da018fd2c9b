namespace Segmenta.Storage.Rfm;

/// <summary>What recency and frequency count (docs/segments.md#rfm).</summary>
public enum RfmBasis
{
    /// <summary>Classic: days since the last purchase, number of purchases (sale orders).</summary>
    Purchases,

    /// <summary>Groobee-style: days since the last visit, number of sessions; monetary still from purchases, so visitors who never bought are scored too.</summary>
    Visits,
}
