using Segmenta.Storage.DuckDb;
using Segmenta.Storage.Import;

namespace Segmenta.Storage.Tests;

/// <summary>A fresh in-memory DuckDB workspace per test, with an importer on it.</summary>
internal sealed class TestWorkspace : IAsyncDisposable
{
    private TestWorkspace(DuckDbEngine engine, Importer importer)
    {
        Engine = engine;
        Importer = importer;
    }

    public DuckDbEngine Engine { get; }

    public Importer Importer { get; }

    public static async Task<TestWorkspace> CreateAsync(ImportSettings? settings = null)
    {
        var engine = await DuckDbEngine.OpenAsync(":memory:");
        return new TestWorkspace(engine, new Importer(engine, settings ?? new ImportSettings()));
    }

    public Task<long> CountAsync(string sql) => Engine.ScalarAsync<long>(sql);

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
