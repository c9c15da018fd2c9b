using System.Data.Common;
using System.Diagnostics;
using DuckDB.NET.Data;
using Segmenta.Core;

namespace Segmenta.Storage.DuckDb;

/// <summary>
/// The embedded engine: one DuckDB database file per workspace (or <c>:memory:</c> for tests).
/// One connection, used by one caller at a time; the session time zone is UTC so that every
/// stored timestamp is UTC and conversions to the shop's zone are explicit.
/// </summary>
public sealed class DuckDbEngine : IAnalyticsEngine
{
    private readonly DuckDBConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DbTransaction? _transaction;

    private DuckDbEngine(DuckDBConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <inheritdoc />
    public string Name => "duckdb";

    /// <summary>The DuckDB storage format new workspace files are written in.</summary>
    public const string StorageVersion = "v1.5.0";

    /// <summary>The database file, or <c>:memory:</c>.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and makes sure the schema exists.</summary>
    public static async Task<DuckDbEngine> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        // New files use the current storage format: its dictionary+FSST string compression is both
        // smaller and about a third cheaper to write than the v0.10 default (docs/benchmarks.md, import).
        // Files made earlier keep the format they were created with.
        var connection = new DuckDBConnection(path == ":memory:" ? "DataSource=:memory:" : $"DataSource={path};storage_compatibility_version={StorageVersion}");
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDBException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SegmentaInputException($"cannot open the workspace database {path}: {e.Message}", e);
        }
        var engine = new DuckDbEngine(connection, path);
        await engine.ExecuteAsync("SET TimeZone = 'UTC'", null, cancellationToken).ConfigureAwait(false);
        await Schema.CanonicalSchema.EnsureAsync(engine, cancellationToken).ConfigureAwait(false);
        return engine;
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        using var command = CreateCommand(sql, parameters);
        var started = Stopwatch.GetTimestamp();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Trace(sql, started);
    }

    private static void Trace(string sql, long started) => SegmentaTrace.Statement("sql", sql, started);

    /// <inheritdoc />
    public async Task<T?> ScalarAsync<T>(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        using var command = CreateCommand(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return ResultTable.Convert<T>(value);
    }

    /// <inheritdoc />
    public async Task<ResultTable> QueryAsync(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default)
    {
        using var command = CreateCommand(sql, parameters);
        var started = Stopwatch.GetTimestamp();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = new string[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.GetName(i);
        }
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        Trace(sql, started);
        return new ResultTable(columns, rows);
    }

    /// <summary>Runs a query and hands its reader to <paramref name="consume"/> (streaming large results, e.g. to ClickHouse).</summary>
    public async Task ReadAsync(string sql, Func<DbDataReader, CancellationToken, Task> consume, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var command = CreateCommand(sql, null);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await consume(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await work(cancellationToken).ConfigureAwait(false);
                await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch
            {
                await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            finally
            {
                await _transaction.DisposeAsync().ConfigureAwait(false);
                _transaction = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>An appender for bulk loading rows into <paramref name="table"/> (DuckDB's fastest path).</summary>
    public DuckDBAppender CreateAppender(string table) => _connection.CreateAppender(table);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private DuckDBCommand CreateCommand(string sql, IReadOnlyList<object?>? parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        if (_transaction is not null)
        {
            command.Transaction = (DuckDBTransaction)_transaction;
        }
        if (parameters is not null)
        {
            foreach (var p in parameters)
            {
                command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
            }
        }
        return command;
    }
}
