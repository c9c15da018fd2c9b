using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Segmenta.Core;
using Segmenta.Storage.DuckDb;

namespace Segmenta.Storage.Import;

/// <summary>
/// Loads a file into the canonical tables with DuckDB's own readers, set-based: the file is read
/// into a raw staging table, mapped to canonical text fields, typed and checked in SQL; good rows
/// are inserted and bad rows quarantined with their reason, all in one transaction — a file that
/// cannot be read leaves the workspace exactly as it was. Rules are documented in docs/quality.md.
/// </summary>
public sealed partial class Importer
{
    private const int SampleLimit = 10;
    private readonly DuckDbEngine _engine;
    private readonly ImportSettings _settings;
    private bool _rawIsView;

    /// <summary>Creates an importer writing to <paramref name="engine"/> under <paramref name="settings"/>.</summary>
    public Importer(DuckDbEngine engine, ImportSettings settings)
    {
        _engine = engine;
        _settings = settings;
    }

    /// <summary>Imports one file; throws <see cref="SegmentaInputException"/> when the file cannot be used at all.</summary>
    public async Task<ImportReport> ImportAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        var path = System.IO.Path.GetFullPath(request.File);
        if (!File.Exists(path))
        {
            throw new SegmentaInputException($"{request.File}: file not found");
        }
        if (new FileInfo(path).Length == 0)
        {
            throw new SegmentaInputException($"{request.File}: the file is empty: nothing to import");
        }
        var format = (request.Format ?? Presets.InferFormat(path)).ToLowerInvariant();
        if (!Presets.Names.Contains(format))
        {
            throw new SegmentaInputException($"--format {format}: unknown format; known formats and presets: {string.Join(", ", Presets.Names)}");
        }
        var watch = Stopwatch.StartNew();
        GzipIntegrity.Check(path, request.File);
        try
        {
            var report = await _engine.InTransactionAsync(async ct =>
            {
                var importId = await _engine.ScalarAsync<int>("SELECT nextval('import_id_seq')", null, ct).ConfigureAwait(false);
                var shape = Presets.ShapeOf(format);
                var columns = await StageRawAsync(path, request.File, shape, format == "cdnow", ct).ConfigureAwait(false);
                var plan = Presets.Build(request, format, columns);
                plan = plan with { TimeZone = request.SourceTimeZone ?? plan.TimeZone ?? _settings.ShopTimeZone };
                await SetTimeZoneAsync(plan.TimeZone, ct).ConfigureAwait(false);
                await StageFieldsAsync(plan, ct).ConfigureAwait(false);
                var context = new ImportContext(importId, request.File, plan);
                var facts = plan.Kind switch
                {
                    ImportKind.Orders => await ImportOrdersAsync(context, ct).ConfigureAwait(false),
                    ImportKind.Events => await ImportEventsAsync(context, ct).ConfigureAwait(false),
                    ImportKind.Customers => await ImportCustomersAsync(context, ct).ConfigureAwait(false),
                    _ => await ImportProductsAsync(context, ct).ConfigureAwait(false),
                };
                return await FinishAsync(context, facts, watch, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return report;
        }
        finally
        {
            await SetTimeZoneAsync("UTC", CancellationToken.None).ConfigureAwait(false);
            await _engine.ExecuteAsync("SET preserve_insertion_order = true", null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed record ImportContext(int ImportId, string File, ImportPlan Plan);

    private async Task SetTimeZoneAsync(string zone, CancellationToken ct)
    {
        try
        {
            await _engine.ExecuteAsync($"SET TimeZone = {SqlText.Literal(zone)}", null, ct).ConfigureAwait(false);
        }
        catch (DuckDBException e)
        {
            throw new SegmentaInputException($"time zone '{zone}' is not a known IANA zone (e.g. Asia/Seoul, Europe/London, UTC)", e);
        }
    }

    /// <summary>Reads the file into temp table <c>raw</c> (row_no + text columns); returns the file's column names.</summary>
    private async Task<IReadOnlyList<string>> StageRawAsync(string path, string shown, SourceShape shape, bool skipHeaderLine, CancellationToken ct)
    {
        var file = SqlText.Literal(path);
        var rejects = false;
        try
        {
            switch (shape)
            {
                case SourceShape.Csv:
                    await _engine.ExecuteAsync("DROP TABLE IF EXISTS raw_rejects; DROP TABLE IF EXISTS raw_reject_scans", null, ct).ConfigureAwait(false);
                    await _engine.ExecuteAsync(
                        $"CREATE OR REPLACE TEMP TABLE raw_read AS SELECT * FROM read_csv({file}, all_varchar = true, header = true, " +
                        "store_rejects = true, rejects_table = 'raw_rejects', rejects_scan = 'raw_reject_scans')", null, ct).ConfigureAwait(false);
                    rejects = await _engine.ScalarAsync<long>("SELECT count(*) FROM raw_rejects", null, ct).ConfigureAwait(false) > 0;
                    break;
                case SourceShape.Parquet:
                    var described = await _engine.QueryAsync($"DESCRIBE SELECT * FROM read_parquet({file})", null, ct).ConfigureAwait(false);
                    var casts = string.Join(", ", described.Rows.Select(r => $"CAST({SqlText.Identifier((string)r[0]!)} AS VARCHAR) AS {SqlText.Identifier((string)r[0]!)}"));
                    await _engine.ExecuteAsync($"CREATE OR REPLACE TEMP TABLE raw_read AS SELECT {casts} FROM read_parquet({file})", null, ct).ConfigureAwait(false);
                    break;
                default:
                    // One record per line; the unit separator never occurs in these files, so a line is one field.
                    await _engine.ExecuteAsync(
                        $"CREATE OR REPLACE TEMP TABLE raw_read AS SELECT * FROM read_csv({file}, columns = {{'line': 'VARCHAR'}}, header = false, " +
                        "delim = '\u001f', quote = '', escape = '', auto_detect = false)", null, ct).ConfigureAwait(false);
                    break;
            }
        }
        catch (DuckDBException e)
        {
            throw new SegmentaInputException($"{shown}: cannot read the file ({FirstLine(e.Message)}); nothing was imported", e);
        }

        // DuckDB keeps file order on insert; rowids of a table made inside a transaction start at a large
        // base, so the row number is the offset from the first rowid.
        // Row numbers need the reader's order; nothing after this does (rows carry row_no), and
        // keeping insertion order would serialise every later step.
        await _engine.ExecuteAsync("SET preserve_insertion_order = false", null, ct).ConfigureAwait(false);
        var firstRowId = await _engine.ScalarAsync<long>("SELECT min(rowid) FROM raw_read", null, ct).ConfigureAwait(false);
        var rowNumber = $"(rowid - {firstRowId.ToString(CultureInfo.InvariantCulture)} + 1)::BIGINT";
        _rawIsView = !(skipHeaderLine || rejects);
        if (!_rawIsView)
        {
            await _engine.ExecuteAsync($"CREATE OR REPLACE TEMP TABLE raw AS SELECT {rowNumber} AS row_no, * FROM raw_read", null, ct).ConfigureAwait(false);
        }
        else
        {
            // The common case copies nothing: raw is a numbered view over what the reader produced.
            await _engine.ExecuteAsync($"CREATE OR REPLACE TEMP VIEW raw AS SELECT {rowNumber} AS row_no, * FROM raw_read", null, ct).ConfigureAwait(false);
        }
        if (skipHeaderLine)
        {
            // CDNOW_master as shipped by lifetimes has a header line; Hardie's original has none.
            var first = await _engine.ScalarAsync<string>("SELECT line FROM raw WHERE row_no = 1", null, ct).ConfigureAwait(false);
            if (first is not null && !char.IsDigit(first.TrimStart().FirstOrDefault()))
            {
                await _engine.ExecuteAsync("DELETE FROM raw WHERE row_no = 1; UPDATE raw SET row_no = row_no - 1", null, ct).ConfigureAwait(false);
            }
        }
        if (rejects)
        {
            // Rows DuckDB's CSV reader could not split are not in raw; shift row numbers so they stay true
            // to the file: a parsed row k is preceded by the rejected rows r_j with r_j - j < k.
            await _engine.ExecuteAsync("""
                CREATE OR REPLACE TEMP TABLE raw_rejected AS
                SELECT data_row, row_number() OVER (ORDER BY data_row) AS j, raw_line, message
                FROM (SELECT line - 1 AS data_row, any_value(csv_line) AS raw_line, string_agg(DISTINCT error_message, '; ') AS message
                      FROM raw_rejects GROUP BY line);
                UPDATE raw SET row_no = row_no + (SELECT count(*) FROM raw_rejected x WHERE x.data_row - x.j < raw.row_no);
                """, null, ct).ConfigureAwait(false);
        }
        else
        {
            await _engine.ExecuteAsync("CREATE OR REPLACE TEMP TABLE raw_rejected (data_row BIGINT, j BIGINT, raw_line VARCHAR, message VARCHAR)", null, ct).ConfigureAwait(false);
        }
        var rows = await _engine.ScalarAsync<long>("SELECT count(*) FROM raw", null, ct).ConfigureAwait(false)
            + await _engine.ScalarAsync<long>("SELECT count(*) FROM raw_rejected", null, ct).ConfigureAwait(false);
        if (rows == 0)
        {
            throw new SegmentaInputException($"{shown}: the file has no data rows: nothing to import");
        }
        var columns = await _engine.QueryAsync("SELECT column_name FROM (DESCRIBE raw) WHERE column_name <> 'row_no'", null, ct).ConfigureAwait(false);
        return columns.Rows.Select(r => (string)r[0]!).ToList();
    }

    /// <summary>Maps raw rows to canonical text fields in temp table <c>staged</c>.</summary>
    private async Task StageFieldsAsync(ImportPlan plan, CancellationToken ct)
    {
        var from = plan.Shape switch
        {
            SourceShape.JsonLines => "(SELECT r.*, CASE WHEN json_valid(r.line) THEN r.line::JSON END AS j FROM raw r) r",
            _ when plan.Tokens is not null => $"(SELECT r.*, {plan.Tokens} AS t FROM raw r) r",
            _ when plan.ExpandItems is not null =>
                $"(SELECT r.*, unnest({plan.ExpandItems}) AS item, generate_subscripts({plan.ExpandItems}, 1) AS item_no FROM raw r) r",
            _ => "raw r",
        };
        var select = new StringBuilder("SELECT r.row_no, ");
        select.Append(plan.ExpandItems is not null ? "r.item_no::BIGINT AS line_no" : "r.row_no AS line_no");
        var malformed = plan.Shape == SourceShape.JsonLines ? "j IS NULL" : plan.Fields.GetValueOrDefault("_malformed") ?? "false";
        select.Append(CultureInfo.InvariantCulture, $", ({malformed}) AS malformed");
        select.Append(CultureInfo.InvariantCulture, $", {(plan.Fields.TryGetValue("kind", out var kind) ? kind : "'sale'")} AS kind");
        var clean = new StringBuilder("SELECT row_no, line_no, malformed, kind");
        foreach (var field in CanonicalFields.For(plan.Kind))
        {
            if (!plan.Fields.TryGetValue(field, out var expression))
            {
                clean.Append(CultureInfo.InvariantCulture, $", NULL::VARCHAR AS {field}");
                continue;
            }
            // The source text once (inner projection), cleaned in the outer one.
            select.Append(CultureInfo.InvariantCulture, $", CAST(({expression}) AS VARCHAR) AS {field}");
            // Basket item names are kept byte for byte (Groceries has names with trailing spaces).
            clean.Append(plan.ExpandItems is not null && field == "product_id"
                ? $", CASE WHEN trim({field}) = '' THEN NULL ELSE {field} END AS {field}"
                : $", {Trimmed(field)} AS {field}");
            if (NumberFields.Contains(field))
            {
                // The text as read, for the number fast path (NumberValue): a view column costs nothing unless read.
                clean.Append(CultureInfo.InvariantCulture, $", {field} AS {field}_as_read");
            }
        }
        select.Append(" FROM ").Append(from);
        clean.Append(" FROM (").Append(select).Append(')');
        // A view: the kind-specific check reads through it in the same pass that materialises `checked`.
        await _engine.ExecuteAsync("CREATE OR REPLACE TEMP VIEW staged AS " + clean, null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// SQL for text column <paramref name="column"/> without surrounding spaces, NULL when empty. trim()
    /// costs as much as the cast that follows, so it runs only on values that start or end with a
    /// space or a non-ASCII character (trim strips the Unicode space separators).
    /// </summary>
    private static string Trimmed(string column) =>
        $"CASE WHEN {column} = '' THEN NULL " +
        $"WHEN ascii({column}) = 32 OR ascii({column}) > 127 OR ends_with({column}, ' ') OR ascii({column}[-1]) > 127 THEN nullif(trim({column}), '') " +
        $"ELSE {column} END";

    /// <summary>Order fields holding a number: staged also as read (<c>FIELD_as_read</c>), untrimmed.</summary>
    private static readonly HashSet<string> NumberFields = new(["quantity", "unit_price", "amount"], StringComparer.Ordinal);

    /// <summary>
    /// SQL for number field <paramref name="field"/> of staged row <c>s</c> as a DOUBLE, exactly
    /// <c>try_cast(trimmed text AS DOUBLE)</c> but without trimming the values that cast as they are:
    /// a text that casts is ASCII white space around a number, and trim() only takes spaces off its
    /// ends, which leaves a text of the same number. Only the rest (NULL here) go through the trim.
    /// </summary>
    private static string NumberValue(string field) =>
        $"coalesce(try_cast(s.{field}_as_read AS DOUBLE), try_cast({Trimmed($"s.{field}_as_read")} AS DOUBLE))";

    /// <summary>SQL for the trimmed text of number field <paramref name="field"/> of row <c>t</c> (NULL when empty), computed only where it is read.</summary>
    private static string NumberText(string field) => Trimmed($"t.{field}_as_read");

    /// <summary>SQL turning text column <paramref name="column"/> into a UTC TIMESTAMP (NULL if unparsable).</summary>
    private static string UtcTime(ImportPlan plan, string column)
    {
        var general = $"timezone('UTC', {string.Format(CultureInfo.InvariantCulture, plan.TimeParse, column)})";
        if (plan.TimeParse != ImportPlan.DefaultTimeParse)
        {
            return general;
        }
        // Fast path for the common layouts: a plain cast to TIMESTAMP is several times cheaper than the
        // zone-aware TIMESTAMPTZ cast. It is exact only when the text names UTC ('Z') or has no offset and
        // is read in UTC; anything else (offsets, other zones, other layouts) takes the general path.
        // The plain layouts are tested first: in a UTC file they are the common case.
        var utc = string.Equals(plan.TimeZone, "UTC", StringComparison.OrdinalIgnoreCase)
            ? $"{column} LIKE '____-__-__ __:__:__' OR {column} LIKE '____-__-__T__:__:__' OR "
            : "";
        return $"CASE WHEN {utc}{column} LIKE '____-__-__ __:__:__Z' OR {column} LIKE '____-__-__T__:__:__Z' " +
               $"THEN try_cast({column} AS TIMESTAMP) ELSE {general} END";
    }

    /// <summary>
    /// Moves the rows of temp table <paramref name="checkedTable"/> whose <c>problem</c> is set into the
    /// quarantine, with the raw row as JSON, plus rows the CSV reader rejected and raw rows that produced nothing.
    /// </summary>
    private async Task QuarantineAsync(ImportContext context, string checkedTable, CancellationToken ct)
    {
        var id = context.ImportId;
        var kind = SqlText.Literal(context.Plan.Kind.ToString().ToLowerInvariant());
        var file = SqlText.Literal(context.File);
        // The problem rows are few: collect them first, then fetch only their raw rows.
        await _engine.ExecuteAsync(
            $"CREATE OR REPLACE TEMP TABLE problems AS SELECT DISTINCT ON (row_no) row_no, problem, customer_id FROM {checkedTable} WHERE problem IS NOT NULL ORDER BY row_no, line_no",
            null, ct).ConfigureAwait(false);
        if (await _engine.ScalarAsync<long>("SELECT count(*) FROM problems", null, ct).ConfigureAwait(false) > 0)
        {
            await _engine.ExecuteAsync($"""
                INSERT INTO quarantine
                SELECT {id}, {kind}, {file}, c.row_no, c.problem.field, c.problem.reason, c.problem.detail, c.customer_id, to_json(r)::VARCHAR
                FROM problems c
                JOIN (SELECT * FROM raw WHERE row_no IN (SELECT row_no FROM problems)) r ON r.row_no = c.row_no
                """, null, ct).ConfigureAwait(false);
        }
        await _engine.ExecuteAsync($"""
            INSERT INTO quarantine
            SELECT {id}, {kind}, {file}, data_row, 'row', 'malformed_row', 'the row could not be split into the header''s columns: ' || message, NULL, raw_line
            FROM raw_rejected;
            """, null, ct).ConfigureAwait(false);
        if (context.Plan.ExpandItems is not null)
        {
            // Only item-expanding formats can turn a raw row into nothing (a basket line without items).
            await _engine.ExecuteAsync($"""
                INSERT INTO quarantine
                SELECT {id}, {kind}, {file}, r.row_no, 'row', 'empty_row', 'the row holds nothing to import', NULL, to_json(r)::VARCHAR
                FROM raw r ANTI JOIN (SELECT DISTINCT row_no FROM {checkedTable}) s ON s.row_no = r.row_no
                """, null, ct).ConfigureAwait(false);
        }
    }

    private async Task<ImportReport> FinishAsync(ImportContext context, Dictionary<string, double> facts, Stopwatch watch, CancellationToken ct)
    {
        var id = context.ImportId;
        var read = await _engine.ScalarAsync<long>("SELECT (SELECT count(*) FROM raw) + (SELECT count(*) FROM raw_rejected)", null, ct).ConfigureAwait(false);
        var quarantined = await _engine.ScalarAsync<long>($"SELECT count(DISTINCT row_number) FROM quarantine WHERE import_id = {id}", null, ct).ConfigureAwait(false);
        var reasons = await _engine.QueryAsync(
            $"SELECT reason, count(DISTINCT row_number) AS n FROM quarantine WHERE import_id = {id} GROUP BY reason ORDER BY n DESC, reason", null, ct).ConfigureAwait(false);
        var samples = await _engine.QueryAsync(
            $"SELECT row_number, field, reason, detail FROM quarantine WHERE import_id = {id} ORDER BY row_number LIMIT {SampleLimit}", null, ct).ConfigureAwait(false);
        var flags = context.Plan.Kind == ImportKind.Orders
            ? await _engine.QueryAsync(
                $"SELECT flag, count(*) AS n FROM (SELECT unnest(string_split(flags, ',')) AS flag FROM order_lines WHERE import_id = {id} AND flags IS NOT NULL) GROUP BY flag ORDER BY flag",
                null, ct).ConfigureAwait(false)
            : new ResultTable(["flag", "n"], []);
        var report = new ImportReport
        {
            ImportId = id,
            Kind = context.Plan.Kind,
            File = context.File,
            Format = context.Plan.FormatName,
            RowsRead = read,
            RowsAccepted = read - quarantined,
            RowsQuarantined = quarantined,
            QuarantinedByReason = reasons.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1])),
            Flagged = flags.Rows.ToDictionary(r => (string)r[0]!, r => ResultTable.Convert<long>(r[1])),
            Facts = facts,
            Samples = samples.Rows.Select(r => new QuarantineSample(
                ResultTable.Convert<long>(r[0]), (string)r[1]!, (string)r[2]!, (string?)r[3] ?? "")).ToList(),
            Seconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
        };
        await _engine.ExecuteAsync(
            "INSERT INTO import_log VALUES ($1, $2, $3, $4, now()::TIMESTAMP, now()::TIMESTAMP, $5, $6, $7, $8)",
            [id, context.Plan.Kind.ToString().ToLowerInvariant(), context.File, context.Plan.FormatName, read, report.RowsAccepted, quarantined,
             System.Text.Json.JsonSerializer.Serialize(report.QuarantinedByReason)], ct).ConfigureAwait(false);
        await _engine.ExecuteAsync(
            "DROP VIEW IF EXISTS staged; DROP VIEW IF EXISTS verdicts; DROP VIEW IF EXISTS accepted; " + (_rawIsView ? "DROP VIEW IF EXISTS raw; " : "DROP TABLE IF EXISTS raw; ") + "DROP TABLE IF EXISTS raw_read; DROP TABLE IF EXISTS raw_rejected; DROP TABLE IF EXISTS checked; DROP TABLE IF EXISTS links; DROP TABLE IF EXISTS problems; " +
            "DROP TABLE IF EXISTS order_groups; DROP TABLE IF EXISTS suspect_orders; DROP TABLE IF EXISTS duplicates; DROP TABLE IF EXISTS customer_groups",
            null, ct).ConfigureAwait(false);
        return report;
    }

    private async Task<Dictionary<string, double>> FactsAsync(string sql, CancellationToken ct)
    {
        var table = await _engine.QueryAsync(sql, null, ct).ConfigureAwait(false);
        var facts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            facts[table.Columns[i]] = ResultTable.Convert<double?>(table.Rows[0][i]) ?? 0;
        }
        return facts;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }

    private static string Problem(string field, string reason, string detailSql) =>
        $"{{'field': '{field}', 'reason': '{reason}', 'detail': {detailSql}}}";
}
