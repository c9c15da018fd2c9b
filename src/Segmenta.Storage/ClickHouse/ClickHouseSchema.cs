using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Core;
using Segmenta.Storage.Schema;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// The canonical tables in ClickHouse, derived from <see cref="CanonicalSchema.Ddl"/> so both
/// engines hold the same columns: every column Nullable (NULL means the same as in DuckDB),
/// timestamps <c>DateTime('UTC')</c> (whole seconds), booleans UInt8. Sharded: a MergeTree
/// <c>&lt;table&gt;_local</c> on every shard and a Distributed <c>&lt;table&gt;</c> on the first host,
/// keyed by <c>cityHash64(customer id)</c> so each person's rows live on one shard.
/// </summary>
public static partial class ClickHouseSchema
{
    /// <summary>The tables shipped from the workspace and the person column each is sharded by.</summary>
    public static IReadOnlyList<(string Table, string ShardKey)> ShippedTables { get; } =
    [
        ("customers", "cityHash64(ifNull(customer_id, ''))"),
        ("orders", "cityHash64(ifNull(customer_id, ''))"),
        ("order_lines", "cityHash64(ifNull(customer_id, ''))"),
        ("sessions", "cityHash64(ifNull(customer_id, ifNull(actor_id, '')))"),
        ("events", "cityHash64(ifNull(customer_id, ifNull(anonymous_id, '')))"),
    ];

    /// <summary>Columns of a canonical table: (name, DuckDB type, ClickHouse type), in DDL order.</summary>
    public static IReadOnlyList<(string Name, string DuckDbType, string ClickHouseType)> Columns(string table)
    {
        var match = TableDdl().Matches(CanonicalSchema.Ddl).FirstOrDefault(m => m.Groups[1].Value == table)
            ?? throw new ArgumentException($"'{table}' is not a canonical table", nameof(table));
        return match.Groups[2].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(p => (p[0], p[1], "Nullable(" + Map(p[1]) + ")"))
            .ToList();
    }

    /// <summary>Creates the shipped tables where missing and checks existing ones have the expected columns.</summary>
    public static async Task EnsureAsync(ClickHouseEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var (table, key) in ShippedTables)
        {
            var columns = string.Join(", ", Columns(table).Select(c => $"{c.Name} {c.ClickHouseType}"));
            var local = engine.Location.IsSharded ? table + "_local" : table;
            await engine.ExecuteOnEveryHostAsync($"CREATE TABLE IF NOT EXISTS {local} ({columns}) ENGINE = MergeTree() ORDER BY tuple()", cancellationToken).ConfigureAwait(false);
            if (engine.Location.IsSharded)
            {
                await engine.ExecuteAsync(
                    $"CREATE TABLE IF NOT EXISTS {table} AS {local} ENGINE = Distributed({engine.Location.Cluster}, {engine.Location.Database}, {local}, {key})",
                    null, cancellationToken).ConfigureAwait(false);
            }
            await CheckAsync(engine, table, cancellationToken).ConfigureAwait(false);
            if (engine.Location.IsSharded)
            {
                for (var h = 0; h < engine.Location.Hosts.Count; h++)
                {
                    await CheckAsync(engine, local, cancellationToken, h).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Drops and re-creates the shipped tables (empty).</summary>
    public static async Task RecreateAsync(ClickHouseEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var (table, _) in ShippedTables)
        {
            await engine.ExecuteAsync($"DROP TABLE IF EXISTS {table}", null, cancellationToken).ConfigureAwait(false);
            if (engine.Location.IsSharded)
            {
                await engine.ExecuteOnEveryHostAsync($"DROP TABLE IF EXISTS {table}_local", cancellationToken).ConfigureAwait(false);
            }
        }
        await EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CheckAsync(ClickHouseEngine engine, string table, CancellationToken cancellationToken, int host = 0)
    {
        var canonical = table.EndsWith("_local", StringComparison.Ordinal) ? table[..^6] : table;
        var expected = Columns(canonical).Select(c => $"{c.Name} {c.ClickHouseType}").Order(StringComparer.Ordinal).ToList();
        var actual = (await engine.QueryHostAsync(host,
                "SELECT name, type FROM system.columns WHERE database = $1 AND table = $2 ORDER BY name",
                [engine.Location.Database, table], cancellationToken).ConfigureAwait(false))
            .Rows.Select(r => $"{r[0]} {r[1]}").Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            var (name, port) = engine.Location.Hosts[host];
            var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
            var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"ClickHouse table {engine.Location.Database}.{table} on {name}:{port} has an old or foreign schema " +
                $"(missing: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}; unexpected: {(extra.Count == 0 ? "none" : string.Join(", ", extra))}): " +
                $"drop it on every shard (DROP TABLE {engine.Location.Database}.{table}) or point --engine at a new database, then run again to re-ship the workspace"));
        }
    }

    private static string Map(string duckDbType) => duckDbType switch
    {
        "VARCHAR" => "String",
        "TIMESTAMP" => "DateTime('UTC')",
        "DOUBLE" => "Float64",
        "INTEGER" => "Int32",
        "BIGINT" => "Int64",
        "BOOLEAN" => "UInt8",
        _ => throw new InvalidOperationException($"canonical type {duckDbType} has no ClickHouse mapping"),
    };

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*)\);", RegexOptions.CultureInvariant)]
    private static partial Regex TableDdl();
}
