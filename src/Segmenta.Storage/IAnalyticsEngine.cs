namespace Segmenta.Storage;

/// <summary>
/// The analytics engine a workspace runs its set-based queries on (DuckDB embedded by default).
/// Statements use positional parameters <c>$1, $2, …</c>; user text never becomes SQL text.
/// </summary>
public interface IAnalyticsEngine : IAsyncDisposable
{
    /// <summary>A short name for messages and JSON output, e.g. <c>duckdb</c>.</summary>
    string Name { get; }

    /// <summary>Runs a statement (or several separated by semicolons when there are no parameters).</summary>
    Task ExecuteAsync(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a query and returns the first column of the first row, or default when there is none.</summary>
    Task<T?> ScalarAsync<T>(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a query whose result is small (aggregates, per-segment rows) and materialises it.</summary>
    Task<ResultTable> QueryAsync(string sql, IReadOnlyList<object?>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: committed when it returns, rolled back when it
    /// throws, so a failed import leaves the workspace exactly as it was.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);
}
