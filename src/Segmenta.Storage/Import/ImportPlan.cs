namespace Segmenta.Storage.Import;

/// <summary>
/// How one file becomes canonical rows: the reader, and for each canonical field a SQL expression
/// over the raw staging row <c>r</c> (text). Presets are plans with fixed expressions; generic
/// imports build the expressions from the header and <c>--map</c>, quoting every name.
/// </summary>
internal sealed record ImportPlan
{
    public required string FormatName { get; init; }
    public required ImportKind Kind { get; init; }
    public required SourceShape Shape { get; init; }
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>Order lines without a customer are kept (guest checkout / basket-only data).</summary>
    public bool AllowGuest { get; init; }

    /// <summary>Orders must carry a time (false only for one-basket-a-line files).</summary>
    public bool RequireTime { get; init; } = true;

    /// <summary>Order lines must carry a price or an amount.</summary>
    public bool RequirePrice { get; init; } = true;

    /// <summary>IANA zone of offset-less timestamps; null for the shop's zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>SQL template turning the text in {0} into a TIMESTAMPTZ (NULL when unparsable).</summary>
    public string TimeParse { get; init; } = DefaultTimeParse;

    /// <summary>The general parse: ISO-like text with or without an offset, offset-less read in the session zone.</summary>
    public const string DefaultTimeParse = "try_cast({0} AS TIMESTAMPTZ)";

    /// <summary>For <see cref="SourceShape.Lines"/>: the first line may be a header to skip.</summary>
    public bool SkipNonNumericFirstLine { get; init; }

    /// <summary>For baskets: SQL giving the list of items of raw row <c>r</c>; one order line per item.</summary>
    public string? ExpandItems { get; init; }

    /// <summary>For Lines: SQL computing a token list <c>t</c> from <c>r.line</c>, referenced by field expressions.</summary>
    public string? Tokens { get; init; }
}
