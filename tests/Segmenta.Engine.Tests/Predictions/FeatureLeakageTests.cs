using System.Globalization;
using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Features;
using Segmenta.Storage.Import;
using Segmenta.Testing;

namespace Segmenta.Engine.Tests.Predictions;

/// <summary>
/// The no-leakage invariant of the feature builder: features at a cutoff T computed on the whole
/// history equal those computed on a copy of the shop cut off at T (orders, events and customers
/// after T deleted before import), for every person and every feature.
/// </summary>
public sealed class FeatureLeakageTests : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-leak-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Features_AtCutoff_IgnoreEverythingAfterIt()
    {
        // Given a simulated shop with events, and T = day 40 of 60
        var shop = Path.Combine(_temp.Path, "shop");
        new ShopSimulator(new SimulationOptions { Customers = 800, Days = 60, Seed = 5 }).WriteTo(shop);
        var cutoff = new DateOnly(2025, 2, 10);
        var instant = ShopTime.LocalMidnightToUtc(cutoff, "UTC").ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        await using var full = await Workspace.OpenAsync(Path.Combine(_temp.Path, "full"));
        await ImportAsync(full, shop);
        var cut = Path.Combine(_temp.Path, "cut");
        Directory.CreateDirectory(cut);
        File.Copy(Path.Combine(shop, ShopSimulator.ProductsFile), Path.Combine(cut, ShopSimulator.ProductsFile));
        foreach (var (file, column) in new[] { (ShopSimulator.OrdersFile, "ordered_at"), (ShopSimulator.EventsFile, "occurred_at"), (ShopSimulator.CustomersFile, "signup_at") })
        {
            await full.Engine.ExecuteAsync(
                $"COPY (SELECT * FROM read_csv({SqlText.Literal(Path.Combine(shop, file))}, header = true, all_varchar = true) WHERE {column} < '{instant}') TO {SqlText.Literal(Path.Combine(cut, file))} (HEADER)");
        }
        await using var truncated = await Workspace.OpenAsync(Path.Combine(_temp.Path, "cutws"));
        await ImportAsync(truncated, cut);

        // When the features at T are built on both
        var a = await PurchaseFeatures.BuildAsync(full.Engine, "UTC", cutoff, 7);
        var b = await PurchaseFeatures.BuildAsync(truncated.Engine, "UTC", cutoff, 7);

        // Then, leaving out the few people whose session was still running at T (their session is
        // cut in two in the truncated copy, documented in docs/models.md), every value is identical
        var running = (await full.Engine.QueryAsync($"""
            SELECT DISTINCT coalesce(customer_id, actor_id) FROM sessions WHERE started_at < '{instant}' AND ended_at >= '{instant}'
            UNION SELECT DISTINCT 'anon:' || anonymous_id FROM sessions WHERE anonymous_id IS NOT NULL AND started_at < '{instant}' AND ended_at >= '{instant}'
            """)).Rows.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        var left = a.Rows.Where(r => !running.Contains((string)r[0]!)).ToDictionary(r => (string)r[0]!, StringComparer.Ordinal);
        var right = b.Rows.Where(r => !running.Contains((string)r[0]!)).ToDictionary(r => (string)r[0]!, StringComparer.Ordinal);
        Assert.True(left.Count > 1000, $"{left.Count} people compared");
        Assert.Equal(left.Keys.Order(StringComparer.Ordinal), right.Keys.Order(StringComparer.Ordinal));
        var names = PurchaseFeatures.Names;
        foreach (var (person, row) in left)
        {
            for (var i = 0; i < names.Count; i++)
            {
                var x = Value(row[i + 1]);
                var y = Value(right[person][i + 1]);
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{person} {names[i]}: {x} on the whole history, {y} on the copy cut at T");
            }
        }
    }

    private static double Value(object? value) =>
        value is System.Numerics.BigInteger big ? (double)big : Convert.ToDouble(value ?? 0, CultureInfo.InvariantCulture);

    private static async Task ImportAsync(Workspace workspace, string folder)
    {
        var importer = workspace.CreateImporter();
        foreach (var (kind, file) in new[]
                 {
                     (ImportKind.Products, ShopSimulator.ProductsFile), (ImportKind.Customers, ShopSimulator.CustomersFile),
                     (ImportKind.Orders, ShopSimulator.OrdersFile), (ImportKind.Events, ShopSimulator.EventsFile),
                 })
        {
            await importer.ImportAsync(new ImportRequest(kind, Path.Combine(folder, file), "csv", SourceTimeZone: "UTC"));
        }
    }
}
