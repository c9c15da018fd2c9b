namespace Segmenta.Core.Rfm;

/// <summary>What the R and F of an RFM score are measured on.</summary>
public enum RfmBasis
{
    /// <summary>Classic RFM: recency and frequency of purchases (orders), monetary from purchases.</summary>
    Purchases = 0,

    /// <summary>
    /// Recency and frequency of visits (sessions); monetary still from purchases, so a visitor who
    /// never bought has monetary 0, scores M = 1 and still gets an R and an F.
    /// </summary>
    Visits = 1,
}
