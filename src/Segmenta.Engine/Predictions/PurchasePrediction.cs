using System.Globalization;
using System.Text.Json;
using Segmenta.Core;
using Segmenta.Core.Predictions;
using Segmenta.Engine.Workspaces;
using Segmenta.ML;
using Segmenta.Storage;
using Segmenta.Storage.Features;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Segments;

namespace Segmenta.Engine.Predictions;

/// <summary>
/// Purchase and churn probability (C4): features at several past cutoffs → gradient-boosted trees →
/// validation on a later cutoff (a time split, never a random one) → scores for everyone at the
/// end of the data with each person's top reasons, stored in <c>purchase_predictions</c> /
/// <c>churn_predictions</c> and usable as <c>purchase_probability</c> / <c>churn_probability</c>.
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
        var trainingCutoffOf = new List<DateOnly>();
        foreach (var cutoff in cutoffs)
        {
            var rowsAtCutoff = await RowsAsync(engine, zone, cutoff, request, ct).ConfigureAwait(false);
            training.AddRange(rowsAtCutoff);
            trainingCutoffOf.AddRange(Enumerable.Repeat(cutoff, rowsAtCutoff.Count));
        }
        var validationRows = await RowsAsync(engine, zone, validation, request, ct).ConfigureAwait(false);
        var names = DerivedFeatures.AllNames;
        if (request.ExportDirectory is { } export)
        {
            Directory.CreateDirectory(export);
            await ExportAsync(Path.Combine(export, "training.csv"), training, trainingCutoffOf, ct).ConfigureAwait(false);
            await ExportAsync(Path.Combine(export, "validation.csv"), validationRows, Enumerable.Repeat(validation, validationRows.Count).ToList(), ct).ConfigureAwait(false);
        }
        var kind = request.Target == PredictionTarget.Churn ? "churn" : "purchase";
        Func<IReadOnlyList<FeatureRow>, IReadOnlyList<double>> predict;
        Func<IReadOnlyList<FeatureRow>, IReadOnlyList<IReadOnlyList<FeatureContribution>>>? explain = null;
        string model;
        string? fallbackReason = null;
        IReadOnlyList<FeatureImportance> importance = [];
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var trained = PurchaseModel.Train(training, names, new PurchaseModelOptions { NumberOfTrees = request.Trees });
            Trace($"trained on {training.Count:N0} rows", clock);
            predict = trained.Predict;
            explain = rows => trained.Explain(rows);
            model = "lightgbm";
            var total = trained.Importance.Sum(t => t.Gain);
            importance = trained.Importance.Take(10).Select(t => new FeatureImportance(t.Feature, t.Gain / total)).ToList();
            trained.Save(Path.Combine(workspace.ModelsDirectory, kind + "-model.lightgbm.json"));
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
        await StoreValidationAsync(engine, kind, validation, validationRows, validationProbabilities, ct).ConfigureAwait(false);
        var evaluation = ClassifierMetrics.Evaluate(validationProbabilities, validationRows.Select(r => r.Label).ToList(), Math.Min(request.Bands, validationRows.Count));

        var now = range.To.AddDays(1);
        var current = await RowsAsync(engine, zone, now, request, ct).ConfigureAwait(false);
        var scoring = System.Diagnostics.Stopwatch.StartNew();
        var scores = predict(current);
        Trace($"scored {current.Count:N0} people", scoring);
        var reasons = explain is null || current.Count == 0 ? null : explain(current);
        Trace("explained them", scoring);
        var table = kind + "_predictions";
        await StoreAsync(engine, table, now, model, current, scores, reasons, evaluation.Bands, ct).ConfigureAwait(false);
        var top = Enumerable.Range(0, current.Count).OrderByDescending(i => scores[i]).ThenBy(i => current[i].PersonId, StringComparer.Ordinal).Take(5)
            .Select(i => new ScoredPerson(current[i].PersonId, scores[i], reasons?[i] ?? [])).ToList();

        var report = new PurchaseReport
        {
            Target = kind,
            ChurnActivity = request.Target == PredictionTarget.Churn ? (request.ChurnActivity == ChurnActivity.Visit ? "visit" : "purchase") : null,
            Table = table,
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
            TopScored = top,
        };
        report = report with { Oracle = await OracleComparison.ComputeAsync(workspace, report, ct).ConfigureAwait(false) };
        await File.WriteAllTextAsync(Path.Combine(workspace.ModelsDirectory, kind + "-model.json"),
            JsonSerializer.Serialize(new { report, features = names }, Workspace.JsonOptions), ct).ConfigureAwait(false);
        return report;
    }

    /// <summary>The report of the last training of <paramref name="target"/>, or null when there is none.</summary>
    public static string? LastReport(Workspace workspace, PredictionTarget target = PredictionTarget.Purchase)
    {
        var file = Path.Combine(workspace.ModelsDirectory, (target == PredictionTarget.Churn ? "churn" : "purchase") + "-model.json");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>
    /// The purchase model's feature matrix at one cutoff, without training: everyone active before
    /// <paramref name="asOf"/>, the same columns and label as <c>--export-features</c>, written as CSV to
    /// <paramref name="path"/>. Returns the number of people (rows) and features (columns) written.
    /// </summary>
    public static async Task<(int People, int Features)> ExportFeaturesAsync(Workspace workspace, DateOnly asOf, int horizonDays, string path, CancellationToken ct = default)
    {
        if (horizonDays < 1)
        {
            throw new SegmentaInputException("--horizon must be at least 1");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = await RowsAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, asOf, new PurchaseRequest { HorizonDays = horizonDays }, ct).ConfigureAwait(false);
        Trace($"built features of {rows.Count:N0} people", clock);
        await ExportAsync(path, rows, Enumerable.Repeat(asOf, rows.Count).ToList(), ct).ConfigureAwait(false);
        Trace("wrote them", clock);
        return (rows.Count, DerivedFeatures.AllNames.Count);
    }

    private static async Task ExportAsync(string path, List<FeatureRow> rows, List<DateOnly> cutoffOf, CancellationToken ct)
    {
        // As segment exports do: the file's folder is created when missing.
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var writer = new StreamWriter(path);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync("person_id,cutoff," + string.Join(',', DerivedFeatures.AllNames) + ",label").ConfigureAwait(false);
            // One reused line buffer, numbers formatted straight into it: a million people write in seconds.
            var line = new System.Text.StringBuilder(1024);
            for (var i = 0; i < rows.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var person = rows[i].PersonId.Contains(',', StringComparison.Ordinal) ? "\"" + rows[i].PersonId.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : rows[i].PersonId;
                line.Clear().Append(person).Append(CultureInfo.InvariantCulture, $",{cutoffOf[i]:yyyy-MM-dd}");
                foreach (var f in rows[i].Features)
                {
                    line.Append(CultureInfo.InvariantCulture, $",{f:R}");
                }
                line.Append(rows[i].Label ? ",1" : ",0");
                await writer.WriteLineAsync(line, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The rows of one cutoff for the target: purchase = everyone active before T, label "bought in the
    /// horizon"; churn = people who had bought (or visited) before T, label "did not buy (visit) in it".
    /// </summary>
    internal static async Task<List<FeatureRow>> RowsAsync(IAnalyticsEngine engine, string zone, DateOnly cutoff, PurchaseRequest request, CancellationToken ct)
    {
        var table = await PurchaseFeatures.BuildAsync(engine, zone, cutoff, request.HorizonDays, ct).ConfigureAwait(false);
        var count = PurchaseFeatures.Names.Count;
        var rows = new List<FeatureRow>(table.Rows.Count);
        foreach (var r in table.Rows)
        {
            var features = new float[DerivedFeatures.AllNames.Count];
            for (var i = 0; i < count; i++)
            {
                // DuckDB sums of integers are HUGEINT (BigInteger); everything else converts directly.
                features[i] = r[i + 1] is System.Numerics.BigInteger big ? (float)big : Convert.ToSingle(r[i + 1] ?? 0f, CultureInfo.InvariantCulture);
            }
            var bought = r[count + 1] is true;
            var visited = r[count + 2] is true;
            rows.Add(new FeatureRow((string)r[0]!, features, bought, visited));
        }
        DerivedFeatures.Fill(rows.Select(r => r.Features).ToList(), request.HorizonDays);
        if (request.Target == PredictionTarget.Purchase)
        {
            return rows;
        }
        var byVisit = request.ChurnActivity == ChurnActivity.Visit;
        var active = byVisit ? DaysSinceVisit : OrdersAll;
        return rows.Where(r => byVisit ? r.Features[active] < NeverDays : r.Features[active] > 0)
            .Select(r => r with { Label = byVisit ? !r.Visited : !r.Label }).ToList();
    }

    private const float NeverDays = 9999;
    private static readonly int DaysSinceVisit = DerivedFeatures.Index("days_since_visit");
    private static readonly int OrdersAll = DerivedFeatures.Index("orders_all");

    private static void Trace(string step, System.Diagnostics.Stopwatch clock) => SegmentaTrace.Step(step, clock);

    /// <summary>"f_score +0.41; days_since_order −0.30": the stored, human-readable form of the reasons.</summary>
    private static string? Describe(IReadOnlyList<FeatureContribution>? reasons) =>
        reasons is null || reasons.Count == 0 ? null
            : string.Join("; ", reasons.Select(r => r.Feature + " " + r.Contribution.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)));

    /// <summary>Keeps the validation cutoff's scores and outcomes (<c>prediction_validation</c>) for audits and oracle comparisons.</summary>
    private static Task StoreValidationAsync(IAnalyticsEngine engine, string target, DateOnly cutoff, List<FeatureRow> rows, IReadOnlyList<double> scores, CancellationToken ct) =>
        engine.InTransactionAsync(async token =>
        {
            await engine.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS prediction_validation (target VARCHAR, as_of DATE, person_id VARCHAR, probability DOUBLE, label BOOLEAN)",
                null, token).ConfigureAwait(false);
            await engine.ExecuteAsync("DELETE FROM prediction_validation WHERE target = $1", [target], token).ConfigureAwait(false);
            using var appender = ((Storage.DuckDb.DuckDbEngine)engine).CreateAppender("prediction_validation");
            var day = cutoff.ToDateTime(TimeOnly.MinValue);
            for (var i = 0; i < rows.Count; i++)
            {
                appender.CreateRow().AppendValue(target).AppendValue(day).AppendValue(rows[i].PersonId).AppendValue(scores[i]).AppendValue(rows[i].Label).EndRow();
            }
            return 0;
        }, ct);

    private static Task StoreAsync(IAnalyticsEngine engine, string table, DateOnly asOf, string model, List<FeatureRow> rows, IReadOnlyList<double> scores,
        IReadOnlyList<IReadOnlyList<FeatureContribution>>? reasons, IReadOnlyList<ProbabilityBand> bands, CancellationToken ct) =>
        engine.InTransactionAsync(async token =>
        {
            var day = asOf.ToDateTime(TimeOnly.MinValue);
            await SegmentQueries.EnsureTablesAsync(engine, token).ConfigureAwait(false);
            await engine.ExecuteAsync($"DELETE FROM {table} WHERE as_of = $1", [day], token).ConfigureAwait(false);
            using var appender = ((Storage.DuckDb.DuckDbEngine)engine).CreateAppender(table);
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
                appender.CreateRow().AppendValue(day).AppendValue(rows[i].PersonId).AppendValue(scores[i]).AppendValue(band).AppendValue(model)
                    .AppendValue(Describe(reasons?[i])).EndRow();
            }
            return 0;
        }, ct);
}
