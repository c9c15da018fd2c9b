using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.ClickHouse;
using Segmenta.Storage.DuckDb;
using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.ClickHouse.Tests;

/// <summary>A workspace's DuckDB engine and the two-shard ClickHouse copy of its tables.</summary>
public sealed record ShippedShop(Workspace Workspace, ClickHouseEngine Cluster, ShipReport Ship, string TimeZone)
{
    public DuckDbEngine Duck => Workspace.Engine;
}

/// <summary>
/// One cluster for the whole test run, and the two datasets imported into DuckDB with the existing
/// importers and shipped once: Online Retail (preset) and a simulated shop.
/// </summary>
public sealed class ClickHouseWorld : IAsyncLifetime, IDisposable
{
    /// <summary>
    /// Customers of the simulated shop: 5,000 in CI; bench/clickhouse-agreement.sh sets SEGMENTA_CH_SIM_CUSTOMERS=1000000
    /// (and SEGMENTA_CH_SIM_VISITORS, anonymous visitors per customer, default 1.5) to run the same tests at scale.
    /// </summary>
    public static int SimulatedCustomers { get; } = int.Parse(Environment.GetEnvironmentVariable("SEGMENTA_CH_SIM_CUSTOMERS") ?? "5000", System.Globalization.CultureInfo.InvariantCulture);

    private static double SimulatedVisitors { get; } = double.Parse(Environment.GetEnvironmentVariable("SEGMENTA_CH_SIM_VISITORS") ?? "1.5", System.Globalization.CultureInfo.InvariantCulture);

    private readonly TempFolder _temp = new("segmenta-chw-");
    private readonly List<IAsyncDisposable> _engines = [];
    private Lazy<Task<ShippedShop>> _onlineRetail = null!;
    private Lazy<Task<ShippedShop>> _simulated = null!;

    public ClickHouseCluster Cluster { get; private set; } = null!;

    public Task<ShippedShop> OnlineRetail => _onlineRetail.Value;

    public Task<ShippedShop> Simulated => _simulated.Value;

    public Task InitializeAsync()
    {
        Cluster = new ClickHouseCluster();
        _onlineRetail = new(() => ShipAsync("online_retail", "Europe/London", async importer =>
            await importer.ImportAsync(new ImportRequest(ImportKind.Orders, TestData.Path("online_retail/OnlineRetail.csv.gz"), "online-retail"))));
        _simulated = new(() => ShipAsync("simulated", "Asia/Seoul", async importer =>
        {
            var folder = Path.Combine(_temp.Path, "sim");
            new ShopSimulator(new SimulationOptions { Customers = SimulatedCustomers, Days = 120, Seed = 7, VisitorRatio = SimulatedVisitors }).WriteTo(folder);
            foreach (var (kind, file) in new[]
                     {
                         (ImportKind.Products, ShopSimulator.ProductsFile), (ImportKind.Customers, ShopSimulator.CustomersFile),
                         (ImportKind.Orders, ShopSimulator.OrdersFile), (ImportKind.Events, ShopSimulator.EventsFile),
                     })
            {
                await importer.ImportAsync(new ImportRequest(kind, Path.Combine(folder, file), "csv", SourceTimeZone: "UTC"));
            }
        }));
        return Task.CompletedTask;
    }

    private async Task<ShippedShop> ShipAsync(string database, string zone, Func<Importer, Task> import)
    {
        var folder = Path.Combine(_temp.Path, database);
        Workspace.Initialise(folder, WorkspaceSettings.CreateDefault() with { Shop = new ShopSettings { TimeZone = zone } });
        var workspace = await Workspace.OpenAsync(folder);
        _engines.Add(workspace);
        await import(workspace.CreateImporter());
        var duck = workspace.Engine;
        var cluster = await ClickHouseEngine.OpenAsync(Cluster.Location(database));
        _engines.Add(cluster);
        var ship = await ClickHouseShipper.EnsureShippedAsync(duck, cluster);
        return new ShippedShop(workspace, cluster, ship, zone);
    }

    public async Task DisposeAsync()
    {
        foreach (var e in _engines)
        {
            await e.DisposeAsync();
        }
        Dispose();
    }

    public void Dispose()
    {
        Cluster?.Dispose();
        Cluster = null!;
        if (Directory.Exists(_temp.Path))
        {
            _temp.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClickHouseTests : ICollectionFixture<ClickHouseWorld>
{
    public const string Name = "clickhouse";
}
