using Segmenta.Engine.Simulation;

namespace Segmenta.Engine.Tests.Simulation;

/// <summary>One 2,000-customer × 90-day shop, generated once and shared by the checks.</summary>
public sealed class SmallShopFixture : IDisposable
{
    public SmallShopFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "segmenta-sim-" + Guid.NewGuid().ToString("N"));
        Options = new SimulationOptions { Customers = 2000, Days = 90, Seed = 7 };
        Summary = new ShopSimulator(Options).WriteTo(Folder);
        Products = new CsvTable(Summary.ProductsPath);
        Customers = new CsvTable(Summary.CustomersPath);
        Orders = new CsvTable(Summary.OrdersPath);
        Events = new CsvTable(Summary.EventsPath);
        Truth = new CsvTable(Summary.TruthPath);
    }

    public string Folder { get; }

    public SimulationOptions Options { get; }

    public SimulationSummary Summary { get; }

    public CsvTable Products { get; }

    public CsvTable Customers { get; }

    public CsvTable Orders { get; }

    public CsvTable Events { get; }

    public CsvTable Truth { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
