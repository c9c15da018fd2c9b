using System.Globalization;
using System.Text.Json;
using Segmenta.Core;
using Segmenta.Core.Predictions;
using Segmenta.Engine.Workspaces;
using Segmenta.ML;
using Segmenta.Storage;
using Segmenta.Storage.Features;
using Segmenta.Storage.Metrics;

namespace Segmenta.Engine.Predictions;

/// <summary>
/// Purchase probability (issue: C4): features at several past cutoffs → gradient-boosted trees →
/// validation on a later cutoff (a time split, never a random one) → scores for everyone at the
/// end of the data, stored in <c>purchase_predictions</c> and usable as <c>purchase_probability</c>.
/// </summary>
public static class PurchasePrediction
{
    /// <summary>Trains, validates, scores and saves the model.</summary>
    public static async Task<PurchaseReport> TrainAsync(Workspace workspace, PurchaseRequest request, CancellationToken ct = default)
    {
        if (request.HorizonDays < 1 || request.TrainingCutoffs < 1 || request.Bands < 2)
        {
            throw new SegmentaInputException("--horizon and --cutoffs must be at least 1 and --bands at least 2");
        }
        var engine = workspace.Engine;
        var zone = workspace.Settings.Shop.TimeZone;
        var range = await MetricsQueries.DataRangeAsync(engine, zone, ct).ConfigureAwait(false)
            ?? throw new SegmentaInputException("the workspace has no data yet: import orders or events first");
        var validation = request.ValidationCutoff ?? range.To.AddDays(1 - request.HorizonDays);
        if (validation.AddDays(request.HorizonDays - 1) > range.To)
        {
            throw new SegmentaInputException(
                $"the validation cutoff {validation:yyyy-MM-dd} plus the {request.HorizonDays}-day horizon runs past the last day with data ({range.To:yyyy-MM-dd}): choose an earlier --validation-cutoff or a shorter --horizon");
        }
        var step = request.StepDays ?? request.HorizonDays;
        var cutoffs = Enumerable.Range(1, request.TrainingCutoffs).Select(k => validation.AddDays(-k * step))
            .Where(c => c > range.From).OrderBy(c => c).ToList();
        if (cutoffs.Count == 0)
        {
            throw new SegmentaInputException(
                $"the history ({range.From:yyyy-MM-dd} to {range.To:yyyy-MM-dd}) is too short for a {request.HorizonDays}-day horizon: no training cutoff falls after the first day; use a shorter --horizon or --step");
        }

        var training = new List<FeatureRow>();
        foreach (var cutoff in cutoffs)
        {
            training.AddRange(await RowsAsync(engine, zone, cutoff, request.HorizonDays, ct).ConfigureAwait(false));
        }
        var validationRows = await RowsAsync(engine, zone, validation, request.HorizonDays, ct).ConfigureAwait(false);
        var names = PurchaseFeatures.Names;
        Func<IReadOnlyList<FeatureRow>, IReadOnlyList<double>> predict;
        string model;
        string? fallbackReason = null;
        IReadOnlyList<FeatureImportance> importance = [];
        try
        {
            var trained = PurchaseModel.Train(training, names, new PurchaseModelOptions { NumberOfTrees = request.Trees });
            predict = trained.Predict;
            model = "fasttree";
            var total = trained.Importance.Sum(t => t.Gain);
            importance = trained.Importance.Take(10).Select(t => new FeatureImportance(t.Feature, t.Gain / total)).ToList();
            trained.Save(Path.Combine(workspace.ModelsDirectory, "purchase-model.zip"));
        }
        catch (SegmentaInputException e) when (e.Message.StartsWith("too little history", StringComparison.Ordinal))
        {
            // Small shops: the clearly labelled fallback — each person gets the training conversion
            // rate of people with the same days-since-last-activity band.
            var fallback = RecencyFallback.Fit(training, names);
            predict = fallback.Predict;
            model = "fallback-recency";
            fallbackReason = e.Message;
        }

        var validationProbabilities = predict(validationRows);
        var evaluation = ClassifierMetrics.Evaluate(validationProbabilities, validationRows.Select(r => r.Label).ToList(), Math.Min(request.Bands, validationRows.Count));

        var now = range.To.AddDays(1);
        var current = await RowsAsync(engine, zone, now, request.HorizonDays, ct).ConfigureAwait(false);
        var scores = predict(current);
        await StoreAsync(engine, now, model, current, scores, evaluation.Bands, ct).ConfigureAwait(false);

        var report = new PurchaseReport
        {
            Model = model,
            FallbackReason = fallbackReason,
            HorizonDays = request.HorizonDays,
            TrainingCutoffs = cutoffs,
            ValidationCutoff = validation,
            TrainingRows = training.Count,
            TrainingPositives = training.Count(r => r.Label),
            Validation = evaluation,
            TopFeatures = importance,
            ScoredAsOf = now,
            Scored = current.Count,
            MeanProbability = scores.Count == 0 ? 0 : scores.Average(),
        };
        await File.WriteAllTextAsync(Path.Combine(workspace.ModelsDirectory, "purchase-model.json"),
            JsonSerializer.Serialize(new { report, features = names }, Workspace.JsonOptions), ct).ConfigureAwait(false);
        return report;
    }

    /// <summary>The report of the last training, or null when there is none.</summary>
    public static string? LastReport(Workspace workspace)
    {
        var file = Path.Combine(workspace.ModelsDirectory, "purchase-model.json");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    private static async Task<List<FeatureRow>> RowsAsync(IAnalyticsEngine engine, string zone, DateOnly cutoff, int horizon, CancellationToken ct)
    {
        var table = await PurchaseFeatures.BuildAsync(engine, zone, cutoff, horizon, ct).ConfigureAwait(false);
        var count = PurchaseFeatures.Names.Count;
        var rows = new List<FeatureRow>(table.Rows.Count);
        foreach (var r in table.Rows)
        {
            var features = new float[count];
            for (var i = 0; i < count; i++)
            {
                // DuckDB sums of integers are HUGEINT (BigInteger); everything else converts directly.
                features[i] = r[i + 1] is System.Numerics.BigInteger big ? (float)big : Convert.ToSingle(r[i + 1] ?? 0f, CultureInfo.InvariantCulture);
            }
            rows.Add(new FeatureRow((string)r[0]!, features, r[count + 1] is true));
        }
        return rows;
    }

    private static Task StoreAsync(IAnalyticsEngine engine, DateOnly asOf, string model, List<FeatureRow> rows, IReadOnlyList<double> scores,
        IReadOnlyList<ProbabilityBand> bands, CancellationToken ct) =>
        engine.InTransactionAsync(async token =>
        {
            var day = asOf.ToDateTime(TimeOnly.MinValue);
            await engine.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS purchase_predictions (as_of DATE, customer_id VARCHAR, probability DOUBLE, band INTEGER, model VARCHAR)",
                null, token).ConfigureAwait(false);
            await engine.ExecuteAsync("DELETE FROM purchase_predictions WHERE as_of = $1", [day], token).ConfigureAwait(false);
            using var appender = ((Storage.DuckDb.DuckDbEngine)engine).CreateAppender("purchase_predictions");
            for (var i = 0; i < rows.Count; i++)
            {
                // Bands use the validation bands' lower edges, so "band 5" means the same here as in the report.
                var band = 1;
                for (var b = 1; b < bands.Count; b++)
                {
                    if (scores[i] >= bands[b].MinProbability)
                    {
                        band = b + 1;
                    }
                }
                appender.CreateRow().AppendValue(day).AppendValue(rows[i].PersonId).AppendValue(scores[i]).AppendValue(band).AppendValue(model).EndRow();
            }
            return 0;
        }, ct);
}
