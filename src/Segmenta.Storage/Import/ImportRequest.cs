namespace Segmenta.Storage.Import;

/// <summary>One file to import.</summary>
/// <param name="Kind">Which table the file feeds.</param>
/// <param name="File">Path of the file (CSV, CSV.gz, Parquet or JSON Lines).</param>
/// <param name="Format">A preset name (<c>online-retail</c>, <c>cdnow</c>, <c>baskets</c>, <c>segment</c>, <c>ga4</c>)
/// or a plain format (<c>csv</c>, <c>parquet</c>, <c>jsonl</c>); null to infer from the file name.</param>
/// <param name="Map">Column mapping, source column → canonical field (from <c>--map SRC=DST</c>).</param>
/// <param name="SourceTimeZone">IANA zone of timestamps that carry no offset; null for the preset's or the shop's.</param>
public sealed record ImportRequest(
    ImportKind Kind,
    string File,
    string? Format = null,
    IReadOnlyDictionary<string, string>? Map = null,
    string? SourceTimeZone = null);
