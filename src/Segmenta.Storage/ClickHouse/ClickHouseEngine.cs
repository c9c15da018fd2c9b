using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Segmenta.Core;

namespace Segmenta.Storage.ClickHouse;

/// <summary>
/// A ClickHouse deployment reached over its HTTP interface (no driver: works with 18.16 and current
/// releases). Statements are sent to the first host; DDL for shard-local tables goes to every host.
/// Positional parameters <c>$1, $2, …</c> are rendered as typed, escaped ClickHouse literals
/// (18.16 has no server-side query parameters), so user text still never becomes SQL syntax.
/// ClickHouse has no transactions: <see cref="InTransactionAsync{T}"/> only runs the work.
/// </summary>
public sealed partial class ClickHouseEngine : IAnalyticsEngine
{
    private readonly HttpClient _http;

    private ClickHouseEngine(ClickHouseLocation location, HttpClient http, string version)
    {
        Location = location;
        _http = http;
        ServerVersion = version;
    }

    /// <inheritdoc />
    public string Name => "clickhouse";

    /// <summary>Where the deployment is.</summary>
    public ClickHouseLocation Location { get; }

    /// <summary>The first host's <c>version()</c>, e.g. 18.16.1.</summary>
    public string ServerVersion { get; }

    /// <summary>
    /// Connects to every host (a clear input error when one is unreachable or rejects the user),
    /// creates the database where missing and, when sharded, checks the cluster definition.
    /// </summary>
    public static async Task<ClickHouseEngine> OpenAsync(ClickHouseLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(location.User + ":" + location.Password)));
        var engine = new ClickHouseEngine(location, http, "");
        try
        {
            var version = "";
            for (var h = 0; h < location.Hosts.Count; h++)
            {
                var v = await engine.SendAsync(h, "SELECT version()", null, useDatabase: false, cancellationToken).ConfigureAwait(false);
                version = h == 0 ? v.Trim() : version;
                await engine.SendAsync(h, $"CREATE DATABASE IF NOT EXISTS {location.Database}", null, useDatabase: false, cancellationToken).ConfigureAwait(false);
            }
            engine = new ClickHouseEngine(location, http, version);
            if (location.IsSharded)
            {
                var shards = await engine.ScalarAsync<long>(
                    "SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = $1", [location.Cluster], cancellationToken).ConfigureAwait(false);
                if (shards != location.Hosts.Count)
                {
                    throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                        $"ClickHouse at {location.Hosts[0].Host}:{location.Hosts[0].Port}: cluster '{location.Cluster}' has {shards} shard(s) in remote_servers but {location.Hosts.Count} hosts are listed in {location}; list one HTTP endpoint per shard, in shard order"));
                }
            }
            return engine;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        // The HTTP interface takes one statement per request; our multi-statement DDL has no ';' inside literals.
        var statements = parameters is null or { Count: 0 }
            ? sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [Render(sql, parameters)];
        foreach (var statement in statements)
        {
            await SendAsync(0, statement, null, useDatabase: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a statement on every host (shard-local DDL).</summary>
    public async Task ExecuteOnEveryHostAsync(string sql, CancellationToken cancellationToken = default)
    {
        for (var h = 0; h < Location.Hosts.Count; h++)
        {
            await SendAsync(h, sql, null, useDatabase: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query on host <paramref name="host"/> and materialises it (for per-shard checks).</summary>
    public async Task<ResultTable> QueryHostAsync(int host, string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        var text = await SendAsync(host, Render(sql, parameters) + "\nFORMAT TabSeparatedWithNamesAndTypes", null, useDatabase: true, cancellationToken).ConfigureAwait(false);
        return ParseTable(text);
    }

    /// <inheritdoc />
    public async Task<T?> ScalarAsync<T>(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        var table = await QueryAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        return table.Rows.Count == 0 ? default : ResultTable.Convert<T>(table.Rows[0][0]);
    }

    /// <inheritdoc />
    public Task<ResultTable> QueryAsync(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default) =>
        QueryHostAsync(0, sql, parameters, cancellationToken);

    /// <inheritdoc />
    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(cancellationToken);
    }

    /// <summary>
    /// Streams rows into <paramref name="table"/> as TabSeparated (one HTTP request, chunked): the
    /// writer is called with the request stream; a Distributed table is written synchronously (in blocks of 100,000 rows, which bounds the server's memory) so the
    /// rows are on their shards when this returns.
    /// </summary>
    public Task InsertAsync(string table, IReadOnlyList<string> columns, Func<Stream, CancellationToken, Task> writeRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var query = $"INSERT INTO {table} ({string.Join(", ", columns)}) FORMAT TabSeparated";
        return SendAsync(0, query, new RowsContent(writeRows), useDatabase: true, cancellationToken, "&insert_distributed_sync=1&max_insert_block_size=100000");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Replaces <c>$n</c> placeholders by ClickHouse literals of the values.</summary>
    public static string Render(string sql, IReadOnlyList<object?>? parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (parameters is null or { Count: 0 })
        {
            return sql;
        }
        return Placeholder().Replace(sql, m =>
        {
            var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
            if (index < 0 || index >= parameters.Count)
            {
                throw new InvalidOperationException($"placeholder {m.Value} has no parameter ({parameters.Count} given)");
            }
            return Literal(parameters[index]);
        });
    }

    /// <summary>A value as a ClickHouse literal.</summary>
    public static string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => Quote(s),
        bool b => b ? "1" : "0",
        DateOnly d => $"toDate('{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}')",
        DateTime t => $"toDateTime('{t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}', 'UTC')",
        double x when double.IsFinite(x) => x.ToString("R", CultureInfo.InvariantCulture),
        float x when float.IsFinite(x) => ((double)x).ToString("R", CultureInfo.InvariantCulture),
        int or long or short or byte or uint or ulong or ushort or sbyte or decimal => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"cannot render a {value.GetType().Name} as a ClickHouse literal", nameof(value)),
    };

    /// <summary>A string literal with ClickHouse's backslash escapes.</summary>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    private async Task<string> SendAsync(int host, string sql, HttpContent? data, bool useDatabase, CancellationToken cancellationToken, string extra = "")
    {
        var (name, port) = Location.Hosts[host];
        var url = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"http://{name}:{port}/?join_use_nulls=1"));
        if (useDatabase)
        {
            url.Append("&database=").Append(Location.Database);
        }
        url.Append(extra);
        using var request = new HttpRequestMessage(HttpMethod.Post, url.ToString());
        if (data is null)
        {
            request.Content = new StringContent(sql, Encoding.UTF8, "text/plain");
        }
        else
        {
            request.RequestUri = new Uri(url + "&query=" + Uri.EscapeDataString(sql));
            request.Content = data;
        }
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SegmentaInputException(
                $"cannot reach ClickHouse at {name}:{port.ToString(CultureInfo.InvariantCulture)} ({e.Message}): is clickhouse-server running, and is that its HTTP port (usually 8123)? Check --engine {Location}", e);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            Trace(sql, started);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }
            var code = ErrorCode().Match(body) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var message = body.Trim();
            // 192 unknown user, 193 wrong password, 194 password required, 516 authentication failed (newer releases)
            if (code is 192 or 193 or 194 or 516 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && code == 0)
            {
                throw new SegmentaInputException(
                    $"ClickHouse at {name}:{port.ToString(CultureInfo.InvariantCulture)} rejected user '{Location.User}': {message}. Fix the user and password in --engine clickhouse://user:password@host:port/db");
            }
            throw new ClickHouseQueryException(code, $"ClickHouse at {name}:{port.ToString(CultureInfo.InvariantCulture)} failed (code {code.ToString(CultureInfo.InvariantCulture)}): {message}\nstatement: {Shorten(sql)}");
        }
    }

    private static string Shorten(string sql)
    {
        var text = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 300 ? text[..300] + " …" : text;
    }

    private static void Trace(string sql, long started) => SegmentaTrace.Statement("ch", sql, started);

    /// <summary>Parses TabSeparatedWithNamesAndTypes into CLR values: integers as long, floats as double, Date as DateOnly, DateTime as UTC DateTime.</summary>
    internal static ResultTable ParseTable(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2)
        {
            return new ResultTable([], []);
        }
        var names = lines[0].Split('\t').Select(Unescape).ToArray();
        var types = lines[1].Split('\t').Select(Unescape).ToArray();
        var rows = new List<object?[]>();
        for (var i = 2; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1)
            {
                break;
            }
            var fields = lines[i].Split('\t');
            var row = new object?[names.Length];
            for (var c = 0; c < names.Length; c++)
            {
                row[c] = ParseValue(fields[c], types[c]);
            }
            rows.Add(row);
        }
        return new ResultTable(names, rows);
    }

    private static object? ParseValue(string field, string type)
    {
        if (type.StartsWith("Nullable(", StringComparison.Ordinal))
        {
            if (field == "\\N")
            {
                return null;
            }
            type = type[9..^1];
        }
        if (type.StartsWith("LowCardinality(", StringComparison.Ordinal))
        {
            type = type[15..^1];
        }
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            "String" => Unescape(field),
            "Float32" or "Float64" => field switch
            {
                "nan" or "-nan" => double.NaN,
                "inf" or "+inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => double.Parse(field, NumberStyles.Float, inv),
            },
            "UInt64" => (long)ulong.Parse(field, inv),
            "Int8" or "Int16" or "Int32" or "Int64" or "UInt8" or "UInt16" or "UInt32" => long.Parse(field, NumberStyles.AllowLeadingSign, inv),
            "Date" => DateOnly.ParseExact(field, "yyyy-MM-dd", inv),
            _ when type.StartsWith("DateTime", StringComparison.Ordinal) => DateTime.ParseExact(field, "yyyy-MM-dd HH:mm:ss", inv),
            _ when type.StartsWith("Decimal", StringComparison.Ordinal) => decimal.Parse(field, NumberStyles.Float, inv),
            _ => Unescape(field),
        };
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                sb.Append(s[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', '0' => '\0', 'b' => '\b', 'f' => '\f', var other => other });
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\$(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"Code: (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCode();

    /// <summary>Request content that streams rows from a writer callback.</summary>
    private sealed class RowsContent(Func<Stream, CancellationToken, Task> write) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) => write(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>A statement ClickHouse refused for a reason other than the connection or the user (a defect or an unexpected table).</summary>
public sealed class ClickHouseQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClickHouseQueryException(int code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public ClickHouseQueryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClickHouseQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClickHouseQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>ClickHouse's error code (60 unknown table, 47 unknown column, …), 0 when absent.</summary>
    public int Code { get; }
}
