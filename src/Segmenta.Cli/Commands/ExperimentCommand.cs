using System.CommandLine;
using System.Globalization;
using Segmenta.Engine.Experiments;
using Segmenta.Core;
using Segmenta.Core.Experiments;
using Segmenta.Storage.External;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta experiment analyze FILE …</c> and <c>segmenta experiment plan …</c> (docs/experiments.md).</summary>
internal static class ExperimentCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var experiment = new Command("experiment", "A/B tests: analyse an experiment table, plan a sample size");
        experiment.Subcommands.Add(Analyze(context));
        experiment.Subcommands.Add(Plan(context));
        experiment.Subcommands.Add(Uplift(context));
        return experiment;
    }

    private static Command Analyze(Func<ParseResult, CliContext> context)
    {
        var file = new Argument<string>("file") { Description = "One row per customer: arm and outcomes (CSV, CSV.gz or Parquet)" };
        var arm = new Option<string>("--arm") { Description = "Column holding the arm", DefaultValueFactory = _ => "arm" };
        var control = new Option<string>("--control") { Description = "Name of the control arm", Required = true };
        var conversion = new Option<string>("--conversion") { Description = "Column: converted (1/0, true/false)", DefaultValueFactory = _ => "conversion" };
        var revenue = new Option<string?>("--revenue") { Description = "Column: revenue per customer (optional)" };
        var visit = new Option<string?>("--visit") { Description = "Column: visited (optional)" };
        var planned = new Option<int?>("--planned-per-arm") { Description = "Planned sample per arm; smaller arms get a peeking warning" };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level", DefaultValueFactory = _ => 0.95 };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed", DefaultValueFactory = _ => 1 };
        var command = new Command("analyze", "Per-arm conversion and revenue, lift vs control with confidence intervals and p-values")
            { file, arm, control, conversion, revenue, visit, planned, confidence, seed };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var rows = await ExperimentTableReader.ReadAsync(workspace.Engine, parse.GetValue(file)!, parse.GetValue(arm)!, parse.GetValue(conversion)!,
                parse.GetValue(revenue), parse.GetValue(visit), ct).ConfigureAwait(false);
            var options = new ExperimentAnalysisOptions
            {
                ControlArm = parse.GetValue(control)!,
                ConfidenceLevel = parse.GetValue(confidence),
                PlannedSamplePerArm = parse.GetValue(planned),
            };
            var result = ExperimentAnalyzer.Analyze(rows, options, new Random(parse.GetValue(seed)));
            ctx.Emit(result, c => Render(c, result));
        }));
        return command;
    }

    private static Command Uplift(Func<ParseResult, CliContext> context)
    {
        var file = new Argument<string>("file") { Description = "Experiment table (CSV): one row per customer with arm, outcome and features" };
        var arm = new Option<string>("--arm") { Description = "Column holding the arm", DefaultValueFactory = _ => "arm" };
        var treatment = new Option<string>("--treatment") { Description = "Name of the treated arm", Required = true };
        var control = new Option<string>("--control") { Description = "Name of the control arm", Required = true };
        var outcome = new Option<string>("--outcome") { Description = "Column: the 0/1 outcome", DefaultValueFactory = _ => "conversion" };
        var features = new Option<string>("--features") { Description = "Comma-separated feature columns (text columns are one-hot encoded)", Required = true };
        var holdout = new Option<double>("--holdout") { Description = "Share held out for evaluation", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<int>("--seed") { Description = "Holdout and model seed", DefaultValueFactory = _ => 1 };
        var trees = new Option<int>("--trees") { Description = "Boosting rounds", DefaultValueFactory = _ => 50 };
        var learner = new Option<string>("--learner") { Description = "class-transformation or two-model", DefaultValueFactory = _ => "class-transformation" };
        learner.AcceptOnlyFromAmong("class-transformation", "two-model");
        var command = new Command("uplift", "Uplift model (boosted trees): who is moved by the treatment, evaluated on a holdout")
            { file, arm, treatment, control, outcome, features, holdout, seed, trees, learner };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var table = await UpliftTableReader.ReadAsync(workspace.Engine, parse.GetValue(file)!, parse.GetValue(arm)!, parse.GetValue(treatment)!,
                parse.GetValue(control)!, parse.GetValue(outcome)!,
                parse.GetValue(features)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), ct).ConfigureAwait(false);
            var result = UpliftAnalysis.Run(table, parse.GetValue(holdout), parse.GetValue(seed), parse.GetValue(trees), parse.GetValue(learner) == "two-model");
            ctx.Emit(result, c => c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"trained on {result.TrainingRows:N0}, evaluated on {result.HoldoutRows:N0}: uplift@10% {result.UpliftAt10:0.0000}, [bold]uplift@30% {result.UpliftAt30:0.0000}[/], uplift@50% {result.UpliftAt50:0.0000}, average effect {result.AverageEffect:0.0000}, Qini {result.Qini:0.0000}")));
        }));
        return command;
    }

    private static Command Plan(Func<ParseResult, CliContext> context)
    {
        var baseline = new Option<double>("--baseline") { Description = "Control conversion rate, e.g. 0.05", Required = true };
        var mde = new Option<double?>("--mde") { Description = "Minimum detectable effect, absolute (e.g. 0.01)" };
        var perArm = new Option<int?>("--per-arm") { Description = "Or: customers per arm, to get the detectable effect" };
        var alpha = new Option<double>("--alpha") { DefaultValueFactory = _ => 0.05 };
        var power = new Option<double>("--power") { DefaultValueFactory = _ => 0.8 };
        var command = new Command("plan", "Sample size per arm for a detectable lift, or the detectable lift for a sample size") { baseline, mde, perArm, alpha, power };
        command.SetAction(SegmentaCli.Action(context, (parse, ctx, ct) =>
        {
            var p = parse.GetValue(baseline);
            var a = parse.GetValue(alpha);
            var pw = parse.GetValue(power);
            object result = (parse.GetValue(mde), parse.GetValue(perArm)) switch
            {
                ({ } d, null) => new { baseline = p, mde = d, alpha = a, power = pw, per_arm = SampleSizePlanner.SampleSizePerArm(p, d, a, pw) },
                (null, { } n) => new { baseline = p, per_arm = n, alpha = a, power = pw, mde = SampleSizePlanner.MinimumDetectableEffect(p, n, a, pw) },
                _ => throw new SegmentaInputException("give exactly one of --mde or --per-arm"),
            };
            ctx.Emit(result, c => c.WriteLine(System.Text.Json.JsonSerializer.Serialize(result, CliContext.Json)));
            return Task.CompletedTask;
        }));
        return command;
    }

    private static void Render(IAnsiConsole c, ExperimentAnalysis result)
    {
        static string F(double v, string format = "0.######") => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);
        var arms = new Table().AddColumns("arm", "customers", "conversion", "visit rate", "revenue / customer");
        foreach (var a in result.Arms)
        {
            arms.AddRow(Markup.Escape(a.Arm), a.Count.ToString("N0", CultureInfo.InvariantCulture), F(a.ConversionRate), a.VisitRate is { } v ? F(v) : "",
                F(a.RevenuePerCustomer, "0.####"));
        }
        c.Write(arms);
        var lift = new Table().AddColumns("vs " + Markup.Escape(result.ControlArm), "outcome", "lift (abs)", "relative", $"{result.ConfidenceLevel:P0} CI", "p-value");
        foreach (var k in result.Comparisons)
        {
            lift.AddRow(Markup.Escape(k.TreatmentArm), "conversion", F(k.Conversion.AbsoluteLift), F(k.Conversion.RelativeLift, "P1"),
                $"{F(k.Conversion.DifferenceInterval.Lower)} .. {F(k.Conversion.DifferenceInterval.Upper)}", F(k.Conversion.PValue, "0.###e0"));
            if (k.Visit is { } v)
            {
                lift.AddRow("", "visit", F(v.AbsoluteLift), F(v.RelativeLift, "P1"), $"{F(v.DifferenceInterval.Lower)} .. {F(v.DifferenceInterval.Upper)}", F(v.PValue, "0.###e0"));
            }
            lift.AddRow("", "revenue", F(k.Revenue.Difference, "0.####"), F(k.Revenue.RelativeLift, "P1"),
                $"{F(k.Revenue.DifferenceInterval.Lower, "0.####")} .. {F(k.Revenue.DifferenceInterval.Upper, "0.####")}", F(k.Revenue.PValue, "0.###e0"));
        }
        c.Write(lift);
        foreach (var w in result.Warnings)
        {
            c.MarkupLine($"[yellow]{Markup.Escape(w)}[/]");
        }
    }
}
