using Segmenta.Engine.Workspaces;
using Segmenta.Storage.DuckDb;

namespace Segmenta.Server.Api;

/// <summary>
/// Serialises use of the workspace's query connection (one DuckDB connection serves one caller at a
/// time). Ingestion never waits here: the loader writes through its own connection.
/// </summary>
public sealed class QueryGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Workspace _workspace;

    /// <summary>Guards <paramref name="workspace"/>'s engine.</summary>
    public QueryGate(Workspace workspace) => _workspace = workspace;

    /// <summary>Runs <paramref name="work"/> with exclusive use of the query connection.</summary>
    public async Task<T> RunAsync<T>(Func<DuckDbEngine, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(_workspace.Engine).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
