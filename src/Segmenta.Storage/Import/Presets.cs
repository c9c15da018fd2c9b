using Segmenta.Core;

namespace Segmenta.Storage.Import;

/// <summary>
/// Import plans for well-known layouts, and the generic plan built from a header and <c>--map</c>.
/// Field expressions read the raw row <c>r</c> (CSV columns), <c>j</c> (a parsed JSON object) or
/// <c>t</c> (a token list); names from the file are always quoted by <see cref="SqlText"/>.
/// </summary>
internal static class Presets
{
    public static readonly IReadOnlyList<string> Names = ["online-retail", "cdnow", "baskets", "segment", "ga4", "csv", "parquet", "jsonl"];

    /// <summary>Resolves the format (preset or plain) and builds the plan for the given raw columns.</summary>
    public static ImportPlan Build(ImportRequest request, string format, IReadOnlyList<string> rawColumns)
    {
        var plan = format switch
        {
            "online-retail" => OnlineRetail(rawColumns, request.File),
            "cdnow" => Cdnow(),
            "baskets" => Baskets(),
            "segment" => Segment(),
            "ga4" => Ga4(),
            _ => Generic(request, format, rawColumns),
        };
        var expected = format switch
        {
            "online-retail" or "cdnow" or "baskets" => ImportKind.Orders,
            "segment" or "ga4" => ImportKind.Events,
            _ => request.Kind,
        };
        if (expected != request.Kind)
        {
            throw new SegmentaInputException(
                $"{request.File}: the '{format}' preset holds {expected.ToString().ToLowerInvariant()}, not {request.Kind.ToString().ToLowerInvariant()}: use `segmenta import {expected.ToString().ToLowerInvariant()} {request.File} --format {format}`");
        }
        if (request.Map is { Count: > 0 } && format is not ("csv" or "parquet" or "jsonl"))
        {
            plan = plan with { Fields = ApplyMap(plan.Fields, request, rawColumns, plan.Shape) };
        }
        return plan;
    }

    /// <summary>The shape a plain format or preset reads with.</summary>
    public static SourceShape ShapeOf(string format) => format switch
    {
        "cdnow" or "baskets" => SourceShape.Lines,
        "segment" or "ga4" or "jsonl" => SourceShape.JsonLines,
        "parquet" => SourceShape.Parquet,
        _ => SourceShape.Csv,
    };

    /// <summary>Infers a plain format from the file name.</summary>
    public static string InferFormat(string file)
    {
        var name = file.ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            name = name[..^3];
        }
        if (name.EndsWith(".parquet", StringComparison.Ordinal))
        {
            return "parquet";
        }
        if (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".ndjson", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal))
        {
            return "jsonl";
        }
        return "csv";
    }

    private static ImportPlan OnlineRetail(IReadOnlyList<string> columns, string file)
    {
        // UCI Online Retail (I) and Online Retail II spell three columns differently.
        string Col(params string[] names)
        {
            foreach (var n in names)
            {
                var hit = columns.FirstOrDefault(c => string.Equals(c, n, StringComparison.OrdinalIgnoreCase));
                if (hit is not null)
                {
                    return "r." + SqlText.Identifier(hit);
                }
            }
            throw new SegmentaInputException(
                $"{file}: not an Online Retail file: no column {string.Join(" or ", names)} (columns found: {string.Join(", ", columns)})");
        }
        var invoice = Col("InvoiceNo", "Invoice");
        return new ImportPlan
        {
            FormatName = "online-retail",
            Kind = ImportKind.Orders,
            Shape = SourceShape.Csv,
            AllowGuest = true,
            TimeZone = "Europe/London",
            TimeParse = "coalesce(try_cast({0} AS TIMESTAMPTZ), try_strptime({0}, '%m/%d/%Y %H:%M')::TIMESTAMPTZ)",
            Fields = new Dictionary<string, string>
            {
                ["order_id"] = invoice,
                ["kind"] = $"CASE WHEN upper(trim({invoice})) LIKE 'C%' THEN 'cancellation' WHEN upper(trim({invoice})) LIKE 'A%' THEN 'adjustment' ELSE 'sale' END",
                ["customer_id"] = $"regexp_replace({Col("CustomerID", "Customer ID")}, '\\.0$', '')",
                ["ordered_at"] = Col("InvoiceDate"),
                ["product_id"] = Col("StockCode"),
                ["description"] = Col("Description"),
                ["quantity"] = Col("Quantity"),
                ["unit_price"] = Col("UnitPrice", "Price"),
                ["country"] = Col("Country"),
            },
        };
    }

    private static ImportPlan Cdnow() => new()
    {
        // Master: customer, date, CDs, dollars. Sample: master id, sample id, date, CDs, dollars.
        FormatName = "cdnow",
        Kind = ImportKind.Orders,
        Shape = SourceShape.Lines,
        SkipNonNumericFirstLine = true,
        Tokens = "regexp_split_to_array(trim(r.line), '\\s+')",
        TimeParse = "try_strptime({0}, '%Y%m%d')::TIMESTAMPTZ",
        Fields = new Dictionary<string, string>
        {
            ["_malformed"] = "len(t) NOT IN (4, 5)",
            ["customer_id"] = "t[1]",
            ["ordered_at"] = "t[len(t) - 2]",
            // CDNOW has no order id: one row is one purchase occasion, so the row number makes it unique.
            ["order_id"] = "t[1] || '-' || t[len(t) - 2] || '-' || r.row_no",
            ["quantity"] = "t[len(t) - 1]",
            ["amount"] = "t[len(t)]",
        },
    };

    private static ImportPlan Baskets() => new()
    {
        FormatName = "baskets",
        Kind = ImportKind.Orders,
        Shape = SourceShape.Lines,
        AllowGuest = true,
        RequireTime = false,
        RequirePrice = false,
        // Item names are kept exactly (Groceries has names with trailing spaces); empty items are skipped.
        ExpandItems = "list_filter(string_split(r.line, ','), x -> trim(x) <> '')",
        Fields = new Dictionary<string, string>
        {
            ["order_id"] = "'basket-' || r.row_no",
            ["product_id"] = "item",
            ["quantity"] = "'1'",
        },
    };

    private static ImportPlan Segment() => new()
    {
        FormatName = "segment",
        Kind = ImportKind.Events,
        Shape = SourceShape.JsonLines,
        TimeZone = "UTC",
        Fields = new Dictionary<string, string>
        {
            ["event_id"] = "j->>'messageId'",
            ["customer_id"] = "j->>'userId'",
            ["anonymous_id"] = "j->>'anonymousId'",
            ["event_type"] = """
                CASE lower(j->>'type')
                  WHEN 'page' THEN 'page_view'
                  WHEN 'screen' THEN 'page_view'
                  WHEN 'identify' THEN 'identify'
                  ELSE CASE lower(trim(j->>'event'))
                    WHEN 'product viewed' THEN 'product_view'
                    WHEN 'product added' THEN 'add_to_cart'
                    WHEN 'product removed' THEN 'remove_from_cart'
                    WHEN 'checkout started' THEN 'begin_checkout'
                    WHEN 'order completed' THEN 'purchase'
                    WHEN 'signed up' THEN 'signup'
                    WHEN 'coupon applied' THEN 'coupon_applied'
                    WHEN 'email opened' THEN 'message_open'
                    WHEN 'email link clicked' THEN 'message_click'
                    ELSE regexp_replace(lower(trim(j->>'event')), '[^a-z0-9]+', '_', 'g') END
                END
                """,
            ["occurred_at"] = "coalesce(j->>'timestamp', j->>'originalTimestamp', j->>'sentAt', j->>'receivedAt')",
            ["page_url"] = "coalesce(j->'properties'->>'url', j->'context'->'page'->>'url')",
            ["referrer"] = "coalesce(j->'properties'->>'referrer', j->'context'->'page'->>'referrer')",
            ["device"] = "j->'context'->'device'->>'type'",
            ["channel"] = "coalesce(j->'context'->'campaign'->>'medium', j->'context'->'campaign'->>'source')",
            ["campaign"] = "j->'context'->'campaign'->>'name'",
            ["product_id"] = "coalesce(j->'properties'->>'product_id', j->'properties'->'products'->0->>'product_id')",
            ["category"] = "j->'properties'->>'category'",
            ["value"] = "coalesce(j->'properties'->>'revenue', j->'properties'->>'total', j->'properties'->>'value', j->'properties'->>'price')",
            ["order_id"] = "j->'properties'->>'order_id'",
        },
    };

    private static ImportPlan Ga4() => new()
    {
        FormatName = "ga4",
        Kind = ImportKind.Events,
        Shape = SourceShape.JsonLines,
        TimeZone = "UTC",
        // GA4 exports event_timestamp as microseconds since the epoch, in UTC.
        TimeParse = "make_timestamp(try_cast({0} AS BIGINT))::TIMESTAMPTZ",
        Fields = new Dictionary<string, string>
        {
            ["customer_id"] = "j->>'user_id'",
            ["anonymous_id"] = "j->>'user_pseudo_id'",
            ["event_type"] = """
                CASE j->>'event_name'
                  WHEN 'view_item' THEN 'product_view'
                  WHEN 'add_to_cart' THEN 'add_to_cart'
                  WHEN 'remove_from_cart' THEN 'remove_from_cart'
                  WHEN 'begin_checkout' THEN 'begin_checkout'
                  WHEN 'purchase' THEN 'purchase'
                  WHEN 'sign_up' THEN 'signup'
                  ELSE lower(j->>'event_name') END
                """,
            ["occurred_at"] = "j->>'event_timestamp'",
            ["page_url"] = """list_filter(from_json(j->'event_params', '[{"key":"VARCHAR","value":{"string_value":"VARCHAR"}}]'), x -> x.key = 'page_location')[1].value.string_value""",
            ["referrer"] = """list_filter(from_json(j->'event_params', '[{"key":"VARCHAR","value":{"string_value":"VARCHAR"}}]'), x -> x.key = 'page_referrer')[1].value.string_value""",
            ["device"] = "j->'device'->>'category'",
            ["channel"] = "j->'traffic_source'->>'medium'",
            ["campaign"] = "j->'traffic_source'->>'name'",
            ["product_id"] = "j->'items'->0->>'item_id'",
            ["category"] = "j->'items'->0->>'item_category'",
            ["value"] = "coalesce(j->'ecommerce'->>'purchase_revenue', j->'ecommerce'->>'value')",
            ["order_id"] = "j->'ecommerce'->>'transaction_id'",
        },
    };

    private static ImportPlan Generic(ImportRequest request, string format, IReadOnlyList<string> rawColumns)
    {
        var shape = ShapeOf(format);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (shape != SourceShape.JsonLines)
        {
            foreach (var field in CanonicalFields.For(request.Kind))
            {
                var hit = rawColumns.FirstOrDefault(c => string.Equals(c.Trim(), field, StringComparison.OrdinalIgnoreCase));
                if (hit is not null)
                {
                    fields[field] = "r." + SqlText.Identifier(hit);
                }
            }
        }
        else
        {
            foreach (var field in CanonicalFields.For(request.Kind))
            {
                fields[field] = $"j->>{SqlText.Literal(field)}";
            }
        }
        var applied = ApplyMap(fields, request, rawColumns, shape);
        return new ImportPlan { FormatName = format, Kind = request.Kind, Shape = shape, Fields = applied };
    }

    private static Dictionary<string, string> ApplyMap(
        IReadOnlyDictionary<string, string> fields, ImportRequest request, IReadOnlyList<string> rawColumns, SourceShape shape)
    {
        var result = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        if (request.Map is null)
        {
            return result;
        }
        var canonical = CanonicalFields.For(request.Kind);
        foreach (var (source, target) in request.Map)
        {
            if (!canonical.Contains(target))
            {
                throw new SegmentaInputException(
                    $"--map {source}={target}: '{target}' is not a {request.Kind.ToString().ToLowerInvariant()} field; fields are: {string.Join(", ", canonical)}");
            }
            if (shape == SourceShape.JsonLines)
            {
                result[target] = $"j->>{SqlText.Literal(source)}";
                continue;
            }
            var hit = rawColumns.FirstOrDefault(c => string.Equals(c, source, StringComparison.OrdinalIgnoreCase))
                ?? throw new SegmentaInputException(
                    $"--map {source}={target}: {request.File} has no column '{source}'; its columns are: {string.Join(", ", rawColumns)}");
            result[target] = "r." + SqlText.Identifier(hit);
        }
        return result;
    }
}
