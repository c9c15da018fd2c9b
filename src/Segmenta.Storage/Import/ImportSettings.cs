namespace Segmenta.Storage.Import;

/// <summary>Workspace settings the importers follow (from segmenta.json; defaults documented in docs/cli.md).</summary>
public sealed record ImportSettings
{
    /// <summary>The shop's IANA time zone; timestamps without an offset are read in it unless a preset says otherwise.</summary>
    public string ShopTimeZone { get; init; } = "UTC";

    /// <summary>Inactivity gap that ends a session, in minutes (30 by default, the GA convention).</summary>
    public int SessionGapMinutes { get; init; } = 30;

    /// <summary>A line with a larger quantity is flagged <c>outlier_quantity</c> (kept, not removed).</summary>
    public double OutlierMaxQuantity { get; init; } = 10_000;

    /// <summary>A line with a larger unit price is flagged <c>outlier_price</c> (kept, not removed).</summary>
    public double OutlierMaxUnitPrice { get; init; } = 10_000;

    /// <summary>When true, e-mail and phone are stored as salted SHA-256 hashes, never in clear.</summary>
    public bool PseudonymiseContacts { get; init; }

    /// <summary>The workspace's secret salt for pseudonymisation.</summary>
    public string PseudonymSalt { get; init; } = "";
}
