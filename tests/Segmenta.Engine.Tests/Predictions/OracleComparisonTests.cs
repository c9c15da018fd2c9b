using Segmenta.Engine.Predictions;
using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Import;
using Segmenta.Testing;
using Xunit.Abstractions;

namespace Segmenta.Engine.Tests.Predictions;

/// <summary>A simulated shop (6,000 customers, 150 days) with its ground truth and a trained 7-day purchase model.</summary>
public sealed class TrainedShopFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new("segmenta-oracle-");

    public Workspace Workspace { get; private set; } = null!;

    public PurchaseReport Purchase { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var shop = Path.Combine(_temp.Path, "shop");
        new ShopSimulator(new SimulationOptions { Customers = 6000, Days = 150, Seed = 3 }).WriteTo(shop);
        Workspace = await Workspace.OpenAsync(Path.Combine(_temp.Path, "ws"));
        var importer = Workspace.CreateImporter();
        foreach (var (kind, file) in new[] { (ImportKind.Customers, ShopSimulator.CustomersFile), (ImportKind.Orders, ShopSimulator.OrdersFile), (ImportKind.Events, ShopSimulator.EventsFile) })
        {
            await importer.ImportAsync(new ImportRequest(kind, Path.Combine(shop, file), "csv", SourceTimeZone: "UTC"));
        }
        await Workspace.Engine.ExecuteAsync($"CREATE TABLE sim_truth AS SELECT * FROM read_csv({SqlText.Literal(Path.Combine(shop, ShopSimulator.TruthFile))}, header = true)");
        Purchase = await PurchasePrediction.TrainAsync(Workspace, new PurchaseRequest { HorizonDays = 7, TrainingCutoffs = 4, Trees = 100 });
    }

    public async Task DisposeAsync() => await Workspace.DisposeAsync();

    public void Dispose() => _temp.Dispose();
}

/// <summary>The purchase and coupon-uplift models against the simulator's truth (issues 4 and 6, simulated-shop must-shows).</summary>
public sealed class OracleComparisonTests(TrainedShopFixture shop, ITestOutputHelper output) : IClassFixture<TrainedShopFixture>
{
    [Fact]
    public void PurchaseModel_OnSimulatedShop_BelowTheOracleAndCalibrated()
    {
        var report = shop.Purchase;
        var oracle = report.Oracle;

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

    [Fact]
    public async Task CouponUplift_TopThirtyPercentByUplift_GainsMoreThanByPurchaseProbability()
    {
        // When coupon uplift is learned from the shop's own (randomly given) coupon sessions
        var report = await CouponUplift.TrainAsync(shop.Workspace);

        // Then, counted in the simulator's true coupon uplift of customers still alive, a coupon to the top 30 % by
        // predicted uplift gains more conversions than one to the top 30 % by purchase probability, and more than a random 30 %
        var t = report.Targeting;
        Assert.NotNull(t);
        output.WriteLine($"holdout uplift@30% {report.HoldoutUpliftAt30:F4} vs average {report.HoldoutAverageEffect:F4}; true gain: uplift {t.TopUplift:F1}, probability {t.TopPurchaseProbability:F1}, random {t.Random:F1}");
        Assert.True(t.TopUplift > t.TopPurchaseProbability, $"{t.TopUplift} vs {t.TopPurchaseProbability}");
        Assert.True(t.TopUplift > t.Random);
        Assert.True(report.HoldoutUpliftAt30 > report.HoldoutAverageEffect);
        Assert.Equal(report.Scored, await shop.Workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM uplift_predictions"));
    }
}
