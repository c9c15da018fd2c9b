using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Segmenta.Storage.DuckDb;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// Ships the workspace's canonical tables from DuckDB to ClickHouse. Import (parsing, quality rules,
/// quarantine, sessionisation) stays with the DuckDB importers, so both engines analyse exactly the
/// same rows; the tables are then streamed as TabSeparated into the Distributed tables, which route
/// each row to its shard. A fingerprint (row counts and the last import id) written after the last
/// table marks a complete shipment: an unchanged workspace is not shipped again, and an interrupted
/// shipment is redone from scratch.
/// </summary>
public static class ClickHouseShipper
{
    /// <summary>Ships when the ClickHouse copy is missing, incomplete or older than the workspace; returns what was done.</summary>
    public static async Task<ShipReport> EnsureShippedAsync(
        DuckDbEngine source, ClickHouseEngine target, bool force = false, int rowsPerRequest = DefaultRowsPerRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerRequest, 1);
        await target.ExecuteAsync("CREATE TABLE IF NOT EXISTS shipments (shipped_at DateTime('UTC'), fingerprint String) ENGINE = TinyLog", null, cancellationToken).ConfigureAwait(false);
        await ClickHouseSchema.EnsureAsync(target, cancellationToken).ConfigureAwait(false);
        var fingerprint = await FingerprintAsync(source, cancellationToken).ConfigureAwait(false);
        var last = await target.ScalarAsync<string>("SELECT argMax(fingerprint, shipped_at) FROM shipments", null, cancellationToken).ConfigureAwait(false);
        if (!force && last == fingerprint)
        {
            return new ShipReport(false, fingerprint, new Dictionary<string, long>(), 0);
        }
        var started = Stopwatch.GetTimestamp();
        await ClickHouseSchema.RecreateAsync(target, cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (table, _) in ClickHouseSchema.ShippedTables)
        {
            rows[table] = await ShipTableAsync(source, target, table, rowsPerRequest, cancellationToken).ConfigureAwait(false);
        }
        await target.ExecuteAsync("INSERT INTO shipments VALUES (now(), $1)", [fingerprint], cancellationToken).ConfigureAwait(false);
        return new ShipReport(true, fingerprint, rows, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Row counts of the shipped tables and the last import id, e.g. <c>customers=4372;orders=25900;…;import=3</c>.</summary>
    public static async Task<string> FingerprintAsync(DuckDbEngine source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parts = new List<string>();
        foreach (var (table, _) in ClickHouseSchema.ShippedTables)
        {
            var n = await source.ScalarAsync<long>($"SELECT count(*) FROM {table}", null, cancellationToken).ConfigureAwait(false);
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{table}={n}"));
        }
        var import = await source.ScalarAsync<long?>("SELECT max(import_id) FROM import_log", null, cancellationToken).ConfigureAwait(false);
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"import={import ?? 0}"));
        return string.Join(';', parts);
    }

    /// <summary>Default rows per INSERT request: bounds each request's memory and time on the server; a big table is several requests.</summary>
    public const int DefaultRowsPerRequest = 1_000_000;

    private static async Task<long> ShipTableAsync(DuckDbEngine source, ClickHouseEngine target, string table, int rowsPerRequest, CancellationToken cancellationToken)
    {
        var columns = ClickHouseSchema.Columns(table).Select(c => c.Name).ToList();
        long rows = 0;
        await source.ReadAsync($"SELECT {string.Join(", ", columns)} FROM {table}", async (reader, ct) =>
        {
            var more = await reader.ReadAsync(ct).ConfigureAwait(false);
            while (more)
            {
                var first = rows;
                try
                {
                    await target.InsertAsync(table, columns, async (stream, ct2) =>
                    {
                        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
                        var line = new StringBuilder(256);
                        var n = 0;
                        while (more && n < rowsPerRequest)
                        {
                            line.Clear();
                            for (var i = 0; i < columns.Count; i++)
                            {
                                if (i > 0)
                                {
                                    line.Append('\t');
                                }
                                AppendField(line, reader, i);
                            }
                            line.Append('\n');
                            await writer.WriteAsync(line, ct2).ConfigureAwait(false);
                            n++;
                            more = await reader.ReadAsync(ct2).ConfigureAwait(false);
                        }
                        rows += n;
                        await writer.FlushAsync(ct2).ConfigureAwait(false);
                    }, ct).ConfigureAwait(false);
                }
                catch (Core.SegmentaInputException e) when (e.InnerException is HttpRequestException)
                {
                    throw new ClickHouseQueryException(string.Create(CultureInfo.InvariantCulture,
                        $"ClickHouse closed the connection while receiving rows {first + 1:N0}.. of table {table}: {e.InnerException.Message}. " +
                        $"The server's error log (logger/errorlog in its config) says why; a common cause is the per-query memory limit (max_memory_usage)."), e);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>One TabSeparated field: <c>\N</c> for NULL, backslash escapes in text, invariant numbers, seconds for timestamps.</summary>
    private static void AppendField(StringBuilder line, DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            line.Append("\\N");
            return;
        }
        switch (reader.GetValue(i))
        {
            case string s:
                foreach (var ch in s)
                {
                    _ = ch switch
                    {
                        '\\' => line.Append("\\\\"),
                        '\t' => line.Append("\\t"),
                        '\n' => line.Append("\\n"),
                        '\r' => line.Append("\\r"),
                        '\0' => line.Append("\\0"),
                        _ => line.Append(ch),
                    };
                }
                break;
            case DateTime t:
                line.Append(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                break;
            case bool b:
                line.Append(b ? '1' : '0');
                break;
            case double d:
                line.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable f:
                line.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            case var other:
                throw new InvalidOperationException($"cannot ship a {other.GetType().Name} value");
        }
    }
}

/// <summary>What one <see cref="ClickHouseShipper.EnsureShippedAsync"/> did.</summary>
/// <param name="Shipped">False when ClickHouse already held this workspace's data.</param>
/// <param name="Fingerprint">Row counts and last import id of the workspace.</param>
/// <param name="Rows">Rows shipped per table (empty when nothing was shipped).</param>
/// <param name="Seconds">Time spent shipping.</param>
public sealed record ShipReport(bool Shipped, string Fingerprint, IReadOnlyDictionary<string, long> Rows, double Seconds);
