using Segmenta.Core;

namespace Segmenta.Engine.Simulation;

/// <summary>
/// Simulates an online shop (catalogue, registered customers, anonymous visitors, sessions, orders,
/// coupons and e-mail campaigns) and writes it as CSV files in Segmenta's canonical import layout,
/// together with the generative ground truth per person (truth.csv). See docs/simulator.md.
/// </summary>
/// <remarks>
/// Output is a pure function of <see cref="SimulationOptions"/>: every person draws from its own
/// random stream derived from <see cref="SimulationOptions.Seed"/>, so the same options give
/// byte-identical files on every machine.
/// </remarks>
public sealed class ShopSimulator
{
    /// <summary>File name of the product catalogue.</summary>
    public const string ProductsFile = "products.csv";

    /// <summary>File name of the registered customers.</summary>
    public const string CustomersFile = "customers.csv";

    /// <summary>File name of the order lines.</summary>
    public const string OrdersFile = "orders.csv";

    /// <summary>File name of the behavioural events.</summary>
    public const string EventsFile = "events.csv";

    /// <summary>File name of the per-person ground truth.</summary>
    public const string TruthFile = "truth.csv";

    private readonly SimulationOptions _options;

    /// <summary>Creates a simulator; throws <see cref="SegmentaInputException"/> when an option is out of range.</summary>
    /// <param name="options">The shop to simulate.</param>
    public ShopSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The options this simulator runs with.</summary>
    public SimulationOptions Options => _options;

    /// <summary>
    /// Writes products.csv, customers.csv, orders.csv, events.csv and truth.csv into
    /// <paramref name="folder"/> (created if missing; existing files of these names are overwritten).
    /// </summary>
    /// <param name="folder">Target folder.</param>
    /// <param name="progress">Receives the completed fraction, from 0 to 1.</param>
    /// <returns>Counts and file paths of what was written.</returns>
    public SimulationSummary WriteTo(string folder, IProgress<double>? progress = null)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new SegmentaInputException("Simulation output folder is empty; give a folder to write the CSV files to.");
        }
        string full;
        try
        {
            full = Path.GetFullPath(folder);
            Directory.CreateDirectory(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SegmentaInputException($"Cannot create the simulation output folder '{folder}': {ex.Message}", ex);
        }

        var o = _options;
        var products = Path.Combine(full, ProductsFile);
        var customers = Path.Combine(full, CustomersFile);
        var orders = Path.Combine(full, OrdersFile);
        var events = Path.Combine(full, EventsFile);
        var truth = Path.Combine(full, TruthFile);

        progress?.Report(0.0);
        var catalog = new Catalog(o.Products, o.Seed);
        catalog.Write(products);
        var visitors = (int)Math.Round(o.Customers * o.VisitorRatio);
        var total = (long)o.Customers + visitors;
        var step = Math.Max(1, total / 200);
        long done = 0;
        using var run = new ShopRun(o, catalog, customers, orders, events, truth);
        for (var i = 0; i < o.Customers; i++)
        {
            run.Customer(i);
            if (++done % step == 0)
            {
                progress?.Report((double)done / total);
            }
        }
        for (var v = 0; v < visitors; v++)
        {
            run.Visitor(v);
            if (++done % step == 0)
            {
                progress?.Report((double)done / total);
            }
        }
        var summary = new SimulationSummary(
            o.Customers, visitors, o.Products, run.Sessions, run.Events, run.Orders, run.OrderLines,
            run.RevenueCents / 100m, run.NetRevenueCents / 100m,
            full, products, customers, orders, events, truth);
        run.Dispose();
        progress?.Report(1.0);
        return summary;
    }
}
