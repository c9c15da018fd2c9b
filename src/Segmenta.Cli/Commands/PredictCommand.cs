using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Segmenta.Engine.Predictions;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta predict train [--horizon D] … | report</c> (docs/models.md#purchase-probability).</summary>
internal static class PredictCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var predict = new Command("predict", "Purchase probability: train on past cutoffs, validate on a later one, score everyone");
        var horizon = new Option<int>("--horizon") { Description = "Label: a purchase within this many days", DefaultValueFactory = _ => 7 };
        var validation = new Option<string?>("--validation-cutoff") { Description = "Validation cutoff day (default: the last day whose horizon is in the data)" };
        var cutoffs = new Option<int>("--cutoffs") { Description = "Training cutoffs before the validation cutoff", DefaultValueFactory = _ => 6 };
        var step = new Option<int?>("--step") { Description = "Days between cutoffs (default: the horizon)" };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds", DefaultValueFactory = _ => 200 };
        var bands = new Option<int>("--bands") { Description = "Probability bands in the report", DefaultValueFactory = _ => 5 };
        var target = new Option<string>("--target") { Description = "purchase (bought in the horizon) or churn (no purchase/visit in it)", DefaultValueFactory = _ => "purchase" };
        target.AcceptOnlyFromAmong("purchase", "churn");
        var activity = new Option<string>("--churn-activity") { Description = "For churn: the activity whose absence is churn (purchase or visit)", DefaultValueFactory = _ => "purchase" };
        activity.AcceptOnlyFromAmong("purchase", "visit");
        var export = new Option<string?>("--export-features") { Description = "Also write the training and validation feature matrices as CSV into this folder" };
        var train = new Command("train", "Train, validate on the later cutoff, and score everyone at the end of the data") { target, activity, horizon, validation, cutoffs, step, trees, bands, export };
        train.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var request = new PurchaseRequest
            {
                Target = parse.GetValue(target) == "churn" ? PredictionTarget.Churn : PredictionTarget.Purchase,
                ChurnActivity = parse.GetValue(activity) == "visit" ? ChurnActivity.Visit : ChurnActivity.Purchase,
                HorizonDays = parse.GetValue(horizon),
                ValidationCutoff = MetricsCommand.ParseDate(parse.GetValue(validation), "--validation-cutoff"),
                TrainingCutoffs = parse.GetValue(cutoffs),
                StepDays = parse.GetValue(step),
                Bands = parse.GetValue(bands),
                Trees = parse.GetValue(trees),
                ExportDirectory = parse.GetValue(export),
            };
            var report = await ctx.WithStatusAsync("building features and training", () => PurchasePrediction.TrainAsync(workspace, request, ct)).ConfigureAwait(false);
            ctx.Emit(report, c => Render(c, report));
        }));
        var reportTarget = new Option<string>("--target") { Description = "purchase or churn", DefaultValueFactory = _ => "purchase" };
        reportTarget.AcceptOnlyFromAmong("purchase", "churn");
        var show = new Command("report", "The last training's report (models/purchase-model.json or churn-model.json)") { reportTarget };
        show.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var which = parse.GetValue(reportTarget)!;
            var text = PurchasePrediction.LastReport(workspace, which == "churn" ? PredictionTarget.Churn : PredictionTarget.Purchase)
                ?? throw new SegmentaInputException($"no {which} model yet: run `segmenta predict train --target {which}`");
            Console.Out.WriteLine(text);
        }));
        var asOf = new Option<string>("--as-of") { Description = "Cutoff T: features from data before T, label = bought in [T, T + horizon)", Required = true };
        var output = new Option<string>("--output") { Description = "CSV file to write (person_id, cutoff, the features, label)", Required = true };
        var featureHorizon = new Option<int>("--horizon") { Description = "Label: a purchase within this many days", DefaultValueFactory = _ => 7 };
        var features = new Command("features", "Only build the purchase model's features of everyone at one cutoff and write them as CSV") { asOf, output, featureHorizon };
        features.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var cutoff = MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of")!.Value;
            var file = parse.GetValue(output)!;
            var (people, columns) = await ctx.WithStatusAsync("building features", () => PurchasePrediction.ExportFeaturesAsync(workspace, cutoff, parse.GetValue(featureHorizon), file, ct)).ConfigureAwait(false);
            var result = new { as_of = cutoff, people, features = columns, file };
            ctx.Emit(result, c => c.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[green]{people:N0}[/] people × {columns} features at {cutoff:yyyy-MM-dd} → {Markup.Escape(file)}")));
        }));
        predict.Subcommands.Add(train);
        predict.Subcommands.Add(show);
        predict.Subcommands.Add(features);
        predict.Subcommands.Add(Uplift(context));
        return predict;
    }

    private static Command Uplift(Func<ParseResult, CliContext> context)
    {
        var since = new Option<string?>("--since") { Description = "Cutoff T: features at T, the shop's coupon sessions from T on (default: 90 days before the end)" };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds", DefaultValueFactory = _ => 50 };
        var command = new Command("uplift", "Who a coupon moves: learn coupon uplift from the shop's own coupon sessions, score every customer (coupon_uplift)") { since, trees };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var report = await ctx.WithStatusAsync("learning coupon uplift", () => CouponUplift.TrainAsync(workspace,
                MetricsCommand.ParseDate(parse.GetValue(since), "--since"), parse.GetValue(trees), ct)).ConfigureAwait(false);
            ctx.Emit(report, c =>
            {
                c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"{report.Sessions:N0} customer sessions since {report.Since:yyyy-MM-dd}, {report.CouponSessions:N0} with a coupon; holdout of {report.HoldoutSessions:N0}: average effect {report.HoldoutAverageEffect:0.0000}, uplift@30% {report.HoldoutUpliftAt30:0.0000}, Qini {report.HoldoutQini:0.0000}"));
                if (report.Targeting is { } t)
                {
                    c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                        $"simulated shop, true incremental conversions per coupon offer to 30 % of {t.Customers:N0} customers: top by uplift {t.TopUplift:N1}, top by purchase probability {t.TopPurchaseProbability:N1}, random {t.Random:N1}"));
                }
                c.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"scored {report.Scored:N0} customers as of {report.ScoredAsOf:yyyy-MM-dd} into uplift_predictions (field coupon_uplift)"));
            });
        }));
        return command;
    }

    private static void Render(IAnsiConsole c, PurchaseReport r)
    {
        static string F(double v, string f = "0.0000") => double.IsNaN(v) ? "n/a" : v.ToString(f, CultureInfo.InvariantCulture);
        var v = r.Validation;
        c.MarkupLine($"[bold]{r.Target}[/]{(r.ChurnActivity is null ? "" : $" (no {r.ChurnActivity})")} model [bold]{r.Model}[/], horizon {r.HorizonDays} days; {r.TrainingRows:N0} training rows ({r.TrainingPositives:N0} converting) at {r.TrainingCutoffs.Count} cutoffs {r.TrainingCutoffs[0]:yyyy-MM-dd}..{r.TrainingCutoffs[^1]:yyyy-MM-dd}");
        if (r.FallbackReason is not null)
        {
            c.MarkupLine($"[yellow]fallback: {Markup.Escape(r.FallbackReason)}[/]");
        }
        c.MarkupLine($"validation at {r.ValidationCutoff:yyyy-MM-dd}: {v.Customers:N0} people, {v.Positives:N0} converted; AUC {F(v.Auc)}, PR-AUC {F(v.PrAuc)}, log loss {F(v.LogLoss)}, Brier {F(v.Brier)}, top-decile lift {F(v.TopDecileLift, "0.00")}, ECE {F(v.ExpectedCalibrationError)}");
        var t = new Table().AddColumns("band", "people", "probability", "mean predicted", "actual conversion");
        foreach (var b in v.Bands)
        {
            t.AddRow(b.Band.ToString(CultureInfo.InvariantCulture), b.Customers.ToString("N0", CultureInfo.InvariantCulture),
                $"{F(b.MinProbability)}–{F(b.MaxProbability)}", F(b.MeanPredicted), F(b.ActualRate));
        }
        c.Write(t);
        if (r.Oracle is { } o)
        {
            c.MarkupLine($"simulated shop: on {o.Customers:N0} identified customers the model's AUC is {F(o.ModelAuc)} against the true propensities' {F(o.OracleAuc)}");
        }
        if (r.TopFeatures.Count > 0)
        {
            c.MarkupLine("top features: " + Markup.Escape(string.Join(", ", r.TopFeatures.Select(f => $"{f.Feature} {f.Share:P0}"))));
        }
        foreach (var p in r.TopScored.Where(p => p.Reasons.Count > 0).Take(3))
        {
            c.MarkupLine(Markup.Escape($"why {p.PersonId} scores {F(p.Probability, "0.00")}: " +
                string.Join(", ", p.Reasons.Select(x => x.Feature + " " + x.Contribution.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)))));
        }
        c.MarkupLine($"scored {r.Scored:N0} people as of {r.ScoredAsOf:yyyy-MM-dd} (mean probability {F(r.MeanProbability)}) into {r.Table}");
    }
}
