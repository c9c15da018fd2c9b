using System.Diagnostics;
using Segmenta.Core;
using Segmenta.Engine.Predictions;
using Segmenta.Engine.Reports;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Simulation;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Import;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Quality;

namespace Segmenta.Engine.Demo;

/// <summary>
/// <c>segmenta demo</c>: simulates a shop into CSV files, imports them through the real importers
/// (so the demo exercises exactly what a user's data goes through), loads the simulator's ground
/// truth into <c>sim_truth</c>, then runs every analysis that exists and writes the HTML report.
/// </summary>
public static class DemoRunner
{
    /// <summary>Runs the demo in <paramref name="workspace"/>.</summary>
    public static async Task<DemoResult> RunAsync(Workspace workspace, DemoOptions options, TimeProvider clock, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var engine = workspace.Engine;
        var existing = await engine.ScalarAsync<long>("SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM events) + (SELECT count(*) FROM customers)", null, cancellationToken).ConfigureAwait(false);
        if (existing > 0)
        {
            if (!options.Reset)
            {
                throw new SegmentaInputException($"the workspace {workspace.Directory} already holds data: run the demo in an empty folder, or add --reset to clear it");
            }
            await ResetAsync(engine, cancellationToken).ConfigureAwait(false);
        }

        var folder = Path.Combine(workspace.Directory, "demo-data");
        progress?.Report($"simulating {options.Customers:N0} customers over {options.Days} days (seed {options.Seed})");
        var simulation = new ShopSimulator(new SimulationOptions { Customers = options.Customers, Days = options.Days, Seed = options.Seed })
            .WriteTo(folder);

        var importer = workspace.CreateImporter();
        var imports = new List<ImportReport>();
        foreach (var (kind, file) in new[]
                 {
                     (ImportKind.Products, ShopSimulator.ProductsFile), (ImportKind.Customers, ShopSimulator.CustomersFile),
                     (ImportKind.Orders, ShopSimulator.OrdersFile), (ImportKind.Events, ShopSimulator.EventsFile),
                 })
        {
            progress?.Report($"importing {file}");
            imports.Add(await importer.ImportAsync(new ImportRequest(kind, Path.Combine(folder, file), "csv", SourceTimeZone: "UTC"), cancellationToken).ConfigureAwait(false));
        }
        progress?.Report("loading the simulator's ground truth into sim_truth");
        await engine.ExecuteAsync(
            $"CREATE OR REPLACE TABLE sim_truth AS SELECT * FROM read_csv({SqlText.Literal(Path.Combine(folder, ShopSimulator.TruthFile))}, header = true)",
            null, cancellationToken).ConfigureAwait(false);
        if (!options.KeepFiles)
        {
            Directory.Delete(folder, recursive: true);
        }

        progress?.Report("analysing");
        var quality = await QualityAnalyzer.AnalyzeAsync(engine, cancellationToken).ConfigureAwait(false);
        var zone = workspace.Settings.Shop.TimeZone;
        var range = await MetricsQueries.DataRangeAsync(engine, zone, cancellationToken).ConfigureAwait(false);
        var metrics = range is { } r ? await MetricsQueries.HeadlineAsync(engine, zone, r.From, r.To, cancellationToken).ConfigureAwait(false) : null;
        progress?.Report("scoring RFM and segments");
        var segments = await Segmentation.RunAsync(workspace, null, null, null, cancellationToken).ConfigureAwait(false);
        progress?.Report("fitting lifetime models");
        var clv = await ClvAnalysis.RunAsync(workspace, new ClvRequest(), cancellationToken).ConfigureAwait(false);
        // The demo keeps within its two-minute budget with a lighter model; `predict train` defaults to 6 cutoffs × 200 trees.
        progress?.Report("training the 7-day purchase-probability model");
        var purchase = await PurchasePrediction.TrainAsync(workspace, new PurchaseRequest { HorizonDays = 7, TrainingCutoffs = 2, Trees = 100 }, cancellationToken).ConfigureAwait(false);
        progress?.Report("clustering buyers");
        var clusters = await BuyerClusters.RunAsync(workspace, null, options.Seed, null, cancellationToken).ConfigureAwait(false);
        var agreement = await TypeAgreementAsync(workspace, clusters.AsOf, cancellationToken).ConfigureAwait(false);
        var report = await WorkspaceReport.WriteAsync(workspace, clock, null, cancellationToken).ConfigureAwait(false);
        return new DemoResult(workspace.Directory, simulation, imports, quality, metrics, segments, clv, purchase, clusters, agreement, report, Math.Round(watch.Elapsed.TotalSeconds, 1));
    }

    /// <summary>Adjusted Rand index between the buyer clusters and the simulator's true customer types.</summary>
    private static async Task<double> TypeAgreementAsync(Workspace workspace, DateOnly asOf, CancellationToken ct)
    {
        var pairs = await workspace.Engine.QueryAsync("""
            SELECT m.cluster, t.type FROM cluster_members m JOIN sim_truth t ON t.person_id = m.customer_id
            WHERE m.as_of = $1 ORDER BY m.customer_id
            """, [asOf.ToDateTime(TimeOnly.MinValue)], ct).ConfigureAwait(false);
        var types = pairs.Rows.Select(r => Convert.ToString(r[1], System.Globalization.CultureInfo.InvariantCulture)!).Distinct().ToList();
        return Core.Clustering.AdjustedRandIndex.Compute(
            types.Count == 0 ? [] : pairs.Rows.Select(r => types.IndexOf(Convert.ToString(r[1], System.Globalization.CultureInfo.InvariantCulture)!)).ToList(),
            pairs.Rows.Select(r => Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture)).ToList());
    }

    private static async Task ResetAsync(IAnalyticsEngine engine, CancellationToken ct)
    {
        foreach (var table in new[] { "customers", "products", "orders", "order_lines", "events", "identities", "sessions", "quarantine", "import_log" })
        {
            await engine.ExecuteAsync($"DELETE FROM {table}", null, ct).ConfigureAwait(false);
        }
        foreach (var derived in new[] { "sim_truth", "rfm_scores", "segment_members", "clv_predictions", "purchase_predictions", "cluster_members" })
        {
            await engine.ExecuteAsync($"DROP TABLE IF EXISTS {derived}", null, ct).ConfigureAwait(false);
        }
    }
}
