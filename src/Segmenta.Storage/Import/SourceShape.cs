namespace Segmenta.Storage.Import;

/// <summary>How a file is read into the raw staging table.</summary>
internal enum SourceShape
{
    /// <summary>Delimited text with a header, every column read as text (DuckDB's read_csv).</summary>
    Csv,

    /// <summary>One record per line, read whole (one-basket-a-line files, whitespace-separated CDNOW).</summary>
    Lines,

    /// <summary>One JSON object per line, each validated and parsed (Segment, GA4, generic JSON Lines).</summary>
    JsonLines,

    /// <summary>Parquet, every column cast to text.</summary>
    Parquet,
}
