using Segmenta.Core;
using Segmenta.Core.Lifetime;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Lifetime;
using Segmenta.Storage.Metrics;

namespace Segmenta.Engine.Predictions;

/// <summary>
/// <c>segmenta clv</c>: fits BG/NBD (or modified BG/NBD, Pareto/NBD) and Gamma-Gamma on the SQL
/// calibration summary, predicts per customer, checks the forecast against a holdout when data goes
/// past the calibration end, and stores predictions in <c>clv_predictions</c>.
/// </summary>
public static class ClvAnalysis
{
    private static readonly string[] FallbackModels = ["mbgnbd", "paretonbd"];

    /// <summary>Minimum repeat buyers for the spend model; below it every customer gets the mean repeat spend.</summary>
    public const int MinimumRepeatBuyers = 10;

    /// <summary>
    /// Runs the analysis. When the requested model fits to a degenerate corner (e.g. BG/NBD with
    /// a, b → ∞ when dropout hardly varies between customers) and predicts nothing finite, the
    /// modified BG/NBD and then Pareto/NBD are tried, and <see cref="ClvResult.Note"/> says so.
    /// </summary>
    public static async Task<ClvResult> RunAsync(Workspace workspace, ClvRequest request, CancellationToken cancellationToken = default)
    {
        var models = new List<string> { request.Model };
        models.AddRange(FallbackModels.Where(m => m != request.Model));
        SegmentaInputException? first = null;
        foreach (var model in models)
        {
            try
            {
                var result = await RunOnceAsync(workspace, request with { Model = model }, cancellationToken).ConfigureAwait(false);
                return first is null ? result : result with { Note = $"{request.Model}: {first.Message}; fell back to {model}" };
            }
            catch (SegmentaInputException e) when (e.Message.Contains("no finite prediction", StringComparison.Ordinal) || e.Message.StartsWith("cannot fit", StringComparison.Ordinal))
            {
                first ??= e;
            }
        }
        throw first!;
    }

    private static async Task<ClvResult> RunOnceAsync(Workspace workspace, ClvRequest request, CancellationToken cancellationToken)
    {
        var engine = workspace.Engine;
        var zone = workspace.Settings.Shop.TimeZone;
        var daysPerUnit = request.Unit switch
        {
            "days" => 1.0,
            "weeks" => 7.0,
            _ => throw new SegmentaInputException($"--unit {request.Unit}: expected days or weeks"),
        };
        if (request.HorizonDays <= 0)
        {
            throw new SegmentaInputException($"--horizon {request.HorizonDays}: must be a positive number of days");
        }
        var range = await MetricsQueries.DataRangeAsync(engine, zone, cancellationToken).ConfigureAwait(false)
            ?? throw new SegmentaInputException("the workspace has no orders: import orders first");
        var calibrationEnd = request.CalibrationEnd ?? range.To;
        DateOnly? holdoutEnd = range.To > calibrationEnd ? range.To : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = await LifetimeInputs.ReadAsync(engine, zone, calibrationEnd, holdoutEnd, daysPerUnit, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new SegmentaInputException($"no customer bought on or before {calibrationEnd:yyyy-MM-dd}: choose a later --calibration-end");
        }
        var histories = rows.Select(r => r.History).ToList();
        SegmentaTrace.Step($"read {rows.Count:N0} customer summaries", clock);
        ITransactionModel model = request.Model switch
        {
            "bgnbd" => BetaGeoModel.Fit(histories),
            "mbgnbd" => ModifiedBetaGeoModel.Fit(histories),
            "paretonbd" => ParetoNbdModel.Fit(histories),
            _ => throw new SegmentaInputException($"--model {request.Model}: expected bgnbd, mbgnbd or paretonbd"),
        };
        var diagnostics = model switch
        {
            BetaGeoModel b => b.Diagnostics,
            ModifiedBetaGeoModel m => m.Diagnostics,
            ParetoNbdModel p => p.Diagnostics,
            _ => null,
        } ?? throw new InvalidOperationException("a fitted model has diagnostics");

        SegmentaTrace.Step($"fitted {request.Model}", clock);
        var repeatBuyers = histories.Count(h => h.Frequency > 0);
        GammaGammaModel? spend = repeatBuyers >= MinimumRepeatBuyers ? GammaGammaModel.Fit(histories) : null;
        SegmentaTrace.Step("fitted Gamma-Gamma", clock);
        var meanRepeatSpend = repeatBuyers == 0 ? 0 : histories.Where(h => h.Frequency > 0).Average(h => h.MonetaryValue);
        var horizon = request.HorizonDays / daysPerUnit;
        var clvOptions = new ClvOptions
        {
            Months = Math.Max(1, (int)Math.Round(request.HorizonDays / 30.0)),
            MonthlyDiscountRate = request.MonthlyDiscountRate,
            TimeUnitsPerMonth = 30 / daysPerUnit,
        };
        // The purchase forecasts depend only on (x, t_x, T), which many customers share: each shape is forecast
        // once, in parallel; spend scales a customer's CLV (the discounted sum is linear in it).
        var shapes = histories.Select(Shape).Distinct().ToArray();
        var forecasts = new Forecast?[shapes.Length];
        Parallel.For(0, shapes.Length, i =>
        {
            var (x, tx, t) = shapes[i];
            var h = new CustomerHistory("", x, tx, t);
            try
            {
                forecasts[i] = new Forecast(model.ProbabilityAlive(h), model.ConditionalExpectedPurchases(horizon, h),
                    CustomerValue.LifetimeValue(model, h, 1, clvOptions),
                    CustomerValue.ExpectedTimeToNextPurchase(model, h, new NextPurchaseOptions { MaximumHorizon = 3650 / daysPerUnit }));
            }
            catch (SegmentaInputException)
            {
                // The closed forms can overflow for extreme histories under extreme parameters; such
                // customers are counted and left without a prediction rather than given a made-up one.
                forecasts[i] = null;
            }
        });
        var forecastOf = new Dictionary<(double, double, double), Forecast?>(shapes.Length);
        for (var i = 0; i < shapes.Length; i++)
        {
            forecastOf[shapes[i]] = forecasts[i];
        }
        var predictions = new List<CustomerPrediction>(histories.Count);
        var unpredictable = 0;
        foreach (var h in histories)
        {
            if (forecastOf[Shape(h)] is not { } f)
            {
                unpredictable++;
                continue;
            }
            double expectedSpend;
            try
            {
                expectedSpend = spend?.ConditionalExpectedAverageSpend(h) ?? meanRepeatSpend;
            }
            catch (SegmentaInputException)
            {
                unpredictable++; // a spend model without a finite mean (q ≤ 1)
                continue;
            }
            predictions.Add(new CustomerPrediction(
                h.CustomerId, h.Frequency, f.ProbabilityAlive, f.ExpectedPurchases, expectedSpend, f.ClvPerUnitSpend * expectedSpend, f.NextPurchase * daysPerUnit));
        }
        SegmentaTrace.Step("predicted every customer", clock);
        if (predictions.Count == 0)
        {
            throw new SegmentaInputException(
                $"{request.Model} fitted ({string.Join(", ", diagnostics.ParameterNames.Select((n, i) => $"{n} = {diagnostics.Estimates[i]:G4}"))}) but gives no finite prediction for any customer: try --model paretonbd or --unit weeks");
        }

        HoldoutCheck? holdout = null;
        if (holdoutEnd is { } end)
        {
            var length = (end.DayNumber - calibrationEnd.DayNumber) / daysPerUnit;
            holdout = new HoldoutCheck(end, rows.Sum(r => r.HoldoutPurchases), histories.Sum(h => SafeExpected(model, length, h)));
        }

        SegmentaTrace.Step("holdout forecast", clock);
        await StoreAsync(engine, calibrationEnd, request.Model, predictions, cancellationToken).ConfigureAwait(false);
        SegmentaTrace.Step("stored the predictions", clock);
        var byClv = predictions.OrderByDescending(p => p.Clv).ToList();
        double Quantile(double q) => byClv[Math.Clamp((int)Math.Floor((1 - q) * (byClv.Count - 1)), 0, byClv.Count - 1)].Clv;
        // Paired by customer, not by position: unpredictable customers have no prediction.
        var byCustomer = predictions.ToDictionary(p => p.CustomerId, StringComparer.Ordinal);
        var valuable = histories.Where(h => byCustomer.ContainsKey(h.CustomerId)).Select(h => (h, p: byCustomer[h.CustomerId])).Where(t => t.h.Frequency > 0)
            .OrderByDescending(t => t.h.MonetaryValue * (t.h.Frequency + 1)).Take(Math.Max(1, repeatBuyers / 10));
        return new ClvResult
        {
            Model = request.Model,
            Unit = request.Unit,
            CalibrationEnd = calibrationEnd,
            Customers = histories.Count,
            Unpredictable = unpredictable,
            RepeatBuyers = repeatBuyers,
            Parameters = Estimates(diagnostics),
            LogLikelihood = diagnostics.LogLikelihood,
            SpendParameters = spend?.Diagnostics is { } sd ? Estimates(sd) : new Dictionary<string, ParameterEstimate>(),
            Holdout = holdout,
            HorizonDays = request.HorizonDays,
            ExpectedPurchases = predictions.Sum(p => p.ExpectedPurchases),
            TotalClv = predictions.Sum(p => p.Clv),
            ClvDistribution = new Dictionary<string, double>
            {
                ["p10"] = Quantile(0.10), ["p50"] = Quantile(0.50), ["p90"] = Quantile(0.90), ["p99"] = Quantile(0.99), ["max"] = byClv[0].Clv,
            },
            TopCustomers = byClv.Take(request.Top).ToList(),
            GoingQuiet = valuable.Where(t => t.p.ProbabilityAlive < 0.5).Select(t => t.p).Take(request.Top).ToList(),
        };
    }

    private static (double X, double Tx, double T) Shape(CustomerHistory h) => (h.Frequency, h.Recency, h.Age);

    // A history shape's forecasts: CLV per unit of spend per purchase, time to the next purchase in model units.
    private sealed record Forecast(double ProbabilityAlive, double ExpectedPurchases, double ClvPerUnitSpend, double? NextPurchase);

    private static double SafeExpected(ITransactionModel model, double t, CustomerHistory h)
    {
        try
        {
            return model.ConditionalExpectedPurchases(t, h);
        }
        catch (SegmentaInputException)
        {
            return 0;
        }
    }

    private static Dictionary<string, ParameterEstimate> Estimates(FitDiagnostics d) =>
        d.ParameterNames.Select((n, i) => (n, e: new ParameterEstimate(d.Estimates[i], d.StandardErrors[i]))).ToDictionary(t => t.n, t => t.e);

    private static Task StoreAsync(IAnalyticsEngine engine, DateOnly asOf, string model, List<CustomerPrediction> predictions, CancellationToken ct) =>
        engine.InTransactionAsync(async token =>
        {
            var day = asOf.ToDateTime(TimeOnly.MinValue);
            await engine.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS clv_predictions (
                    as_of DATE, model VARCHAR, customer_id VARCHAR, p_alive DOUBLE, expected_purchases DOUBLE,
                    expected_spend DOUBLE, clv DOUBLE, days_to_next_order DOUBLE)
                """, null, token).ConfigureAwait(false);
            await engine.ExecuteAsync("DELETE FROM clv_predictions WHERE as_of = $1 AND model = $2", [day, model], token).ConfigureAwait(false);
            // Predictions are per customer and already small; the appender is DuckDB's bulk path.
            using var appender = ((Storage.DuckDb.DuckDbEngine)engine).CreateAppender("clv_predictions");
            foreach (var p in predictions)
            {
                appender.CreateRow().AppendValue(day).AppendValue(model).AppendValue(p.CustomerId).AppendValue(p.ProbabilityAlive)
                    .AppendValue(p.ExpectedPurchases).AppendValue(p.ExpectedSpend).AppendValue(p.Clv).AppendValue(p.DaysToNextOrder).EndRow();
            }
            return 0;
        }, ct);
}
