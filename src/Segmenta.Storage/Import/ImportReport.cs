namespace Segmenta.Storage.Import;

/// <summary>
/// What one import did. Invariant: <see cref="RowsRead"/> = <see cref="RowsAccepted"/> + <see cref="RowsQuarantined"/>.
/// Duplicates are quarantined with reason <c>duplicate_*</c>, so they are counted, never silently dropped.
/// </summary>
public sealed record ImportReport
{
    /// <summary>The import's id in <c>import_log</c> and <c>quarantine</c>.</summary>
    public required int ImportId { get; init; }

    /// <summary>Which table the file fed.</summary>
    public required ImportKind Kind { get; init; }

    /// <summary>The file as given.</summary>
    public required string File { get; init; }

    /// <summary>The preset or format used.</summary>
    public required string Format { get; init; }

    /// <summary>Data rows read from the file (for basket files: baskets).</summary>
    public required long RowsRead { get; init; }

    /// <summary>Rows stored.</summary>
    public required long RowsAccepted { get; init; }

    /// <summary>Rows put in quarantine with a reason.</summary>
    public required long RowsQuarantined { get; init; }

    /// <summary>Quarantined rows per reason code.</summary>
    public required IReadOnlyDictionary<string, long> QuarantinedByReason { get; init; }

    /// <summary>Accepted rows carrying each quality flag (e.g. <c>zero_price</c>, <c>outlier_quantity</c>).</summary>
    public required IReadOnlyDictionary<string, long> Flagged { get; init; }

    /// <summary>Kind-specific counts (orders, cancellations, customers, revenue …), named as in docs/cli.md.</summary>
    public required IReadOnlyDictionary<string, double> Facts { get; init; }

    /// <summary>The first quarantined rows, for the message the user sees.</summary>
    public required IReadOnlyList<QuarantineSample> Samples { get; init; }

    /// <summary>Seconds the import took, reading to commit.</summary>
    public double Seconds { get; init; }
}
