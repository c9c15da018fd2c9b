using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Segments;

/// <summary>A simulated shop (3,000 customers × 365 days, seed 42) imported once through the real importers, with the simulator's truth in sim_truth.</summary>
public sealed class SimulatedShopFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new("segmenta-simshop-");

    public Workspace Workspace { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var folder = _temp.File("data");
        new ShopSimulator(new SimulationOptions { Customers = 3_000, Days = 365, Seed = 42 }).WriteTo(folder);
        Workspace = await Workspace.OpenAsync(_temp.File("ws"));
        var importer = Workspace.CreateImporter();
        foreach (var (kind, file) in new[]
                 {
                     (ImportKind.Products, ShopSimulator.ProductsFile), (ImportKind.Customers, ShopSimulator.CustomersFile),
                     (ImportKind.Orders, ShopSimulator.OrdersFile), (ImportKind.Events, ShopSimulator.EventsFile),
                 })
        {
            await importer.ImportAsync(new ImportRequest(kind, Path.Combine(folder, file), "csv", SourceTimeZone: "UTC"));
        }
        await Workspace.Engine.ExecuteAsync(
            $"CREATE TABLE sim_truth AS SELECT * FROM read_csv({SqlText.Literal(Path.Combine(folder, ShopSimulator.TruthFile))}, header = true)");
    }

    public async Task DisposeAsync()
    {
        await Workspace.DisposeAsync();
    }

    // xunit calls DisposeAsync (closes the database) and then Dispose (deletes the folder).
    public void Dispose() => _temp.Dispose();
}
