using Segmenta.Engine.Demo;
using Segmenta.Engine.Predictions;
using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Import;
using Segmenta.Testing;
using Xunit.Abstractions;

namespace Segmenta.Engine.Tests.Predictions;

/// <summary>The purchase model against the simulator's true propensities (the simulated-shop must-show).</summary>
public sealed class OracleComparisonTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new("segmenta-oracle-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PurchaseModel_OnSimulatedShop_NearTheOracleAndCalibrated()
    {
        // Given a simulated shop of 6,000 customers over 150 days, with its ground truth loaded
        var shop = Path.Combine(_temp.Path, "shop");
        new ShopSimulator(new SimulationOptions { Customers = 6000, Days = 150, Seed = 3 }).WriteTo(shop);
        await using var ws = await Workspace.OpenAsync(Path.Combine(_temp.Path, "ws"));
        var importer = ws.CreateImporter();
        foreach (var (kind, file) in new[] { (ImportKind.Customers, ShopSimulator.CustomersFile), (ImportKind.Orders, ShopSimulator.OrdersFile), (ImportKind.Events, ShopSimulator.EventsFile) })
        {
            await importer.ImportAsync(new ImportRequest(kind, Path.Combine(shop, file), "csv", SourceTimeZone: "UTC"));
        }
        await ws.Engine.ExecuteAsync($"CREATE TABLE sim_truth AS SELECT * FROM read_csv({SqlText.Literal(Path.Combine(shop, ShopSimulator.TruthFile))}, header = true)");

        // When the 7-day purchase model is trained on four weekly cutoffs and validated on the last week
        var report = await PurchasePrediction.TrainAsync(ws, new PurchaseRequest { HorizonDays = 7, TrainingCutoffs = 4, Trees = 100 });
        var oracle = await OracleComparison.ComputeAsync(ws, report);

        // Then on identified customers it ranks clearly better than chance but below the true propensities, which also
        // know who has silently dropped out (xgboost on the same features scores the same as the model here: see
        // docs/models.md); band conversion never falls from one band to the next; and it is calibrated (ECE < 0.02)
        Assert.NotNull(oracle);
        output.WriteLine($"customers {oracle.Customers}: model AUC {oracle.ModelAuc:F4}, oracle AUC {oracle.OracleAuc:F4}; ECE {report.Validation.ExpectedCalibrationError:F4} (customers {oracle.ModelEce:F4})");
        var rates = report.Validation.Bands.Select(b => b.ActualRate).ToArray();
        output.WriteLine("bands: " + string.Join(", ", rates.Select(r => r.ToString("F4", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.True(oracle.ModelAuc <= oracle.OracleAuc + 0.02, $"model {oracle.ModelAuc} vs oracle {oracle.OracleAuc}");
        Assert.True(oracle.ModelAuc >= 0.62, $"model {oracle.ModelAuc} vs oracle {oracle.OracleAuc}");
        Assert.True(rates.Zip(rates.Skip(1)).All(t => t.First <= t.Second), string.Join(", ", rates));
        Assert.True(report.Validation.ExpectedCalibrationError < 0.02, $"ECE {report.Validation.ExpectedCalibrationError}");
    }
}
