namespace Segmenta.Storage.Quality;

/// <summary>
/// The workspace's data-quality report (docs/quality.md): what every import read, accepted and
/// quarantined, the flags on stored rows, and the shape of what is stored.
/// </summary>
public sealed record QualityReport
{
    /// <summary>One row per import: id, kind, file, format, read, accepted, quarantined, balanced.</summary>
    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> Imports { get; init; }

    /// <summary>Quarantined rows per kind and reason.</summary>
    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> Quarantine { get; init; }

    /// <summary>Stored order lines per quality flag.</summary>
    public required IReadOnlyDictionary<string, long> Flags { get; init; }

    /// <summary>Counts over stored orders, events and customers (names as in docs/quality.md).</summary>
    public required IReadOnlyDictionary<string, object?> Stored { get; init; }

    /// <summary>True when every import satisfies read = accepted + quarantined.</summary>
    public required bool AllImportsBalanced { get; init; }
}
