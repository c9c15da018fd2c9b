using System.CommandLine;
using System.Globalization;
using Segmenta.Engine.Predictions;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta clv [--model bgnbd|mbgnbd|paretonbd] [--calibration-end DATE] [--horizon DAYS]</c> (docs/models.md).</summary>
internal static class ClvCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var model = new Option<string>("--model") { Description = "bgnbd (default), mbgnbd or paretonbd", DefaultValueFactory = _ => "bgnbd" };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "Last calibration day, YYYY-MM-DD (default: last day with an order); later data is the holdout" };
        var horizon = new Option<int>("--horizon") { Description = "Days ahead for expected purchases and CLV", DefaultValueFactory = _ => 365 };
        var unit = new Option<string>("--unit") { Description = "Time unit of the fitted parameters: days or weeks", DefaultValueFactory = _ => "days" };
        var discount = new Option<double>("--monthly-discount") { Description = "Monthly discount rate for CLV", DefaultValueFactory = _ => 0.01 };
        var top = new Option<int>("--top") { Description = "Customers to list", DefaultValueFactory = _ => 10 };
        var command = new Command("clv", "Fit BG/NBD or Pareto/NBD with Gamma-Gamma: P(alive), expected purchases, next order, discounted CLV")
            { model, calibrationEnd, horizon, unit, discount, top };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var request = new ClvRequest
            {
                Model = parse.GetValue(model)!,
                CalibrationEnd = MetricsCommand.ParseDate(parse.GetValue(calibrationEnd), "--calibration-end"),
                HorizonDays = parse.GetValue(horizon),
                Unit = parse.GetValue(unit)!,
                MonthlyDiscountRate = parse.GetValue(discount),
                Top = parse.GetValue(top),
            };
            var result = await ctx.WithStatusAsync("fitting lifetime models", () => ClvAnalysis.RunAsync(workspace, request, ct)).ConfigureAwait(false);
            ctx.Emit(result, c => Render(c, result));
        }));
        return command;
    }

    private static void Render(IAnsiConsole c, ClvResult r)
    {
        static string F(double v, string f = "0.####") => v.ToString(f, CultureInfo.InvariantCulture);
        c.MarkupLine($"[bold]{r.Model}[/] on {r.Customers:N0} customers ({r.RepeatBuyers:N0} repeat buyers), calibration to {r.CalibrationEnd:yyyy-MM-dd}, unit {r.Unit}, log-likelihood {F(r.LogLikelihood, "0.###")}");
        var p = new Table().AddColumns("parameter", "estimate", "std. error");
        foreach (var (name, e) in r.Parameters.Concat(r.SpendParameters))
        {
            p.AddRow(Markup.Escape(name), F(e.Estimate, "0.######"), F(e.StandardError, "0.######"));
        }
        c.Write(p);
        if (r.Holdout is { } h)
        {
            c.MarkupLine($"holdout to {h.HoldoutEnd:yyyy-MM-dd}: actual repeat purchases {F(h.ActualRepeatPurchases, "N0")}, forecast {F(h.ForecastRepeatPurchases, "N1")}");
        }
        c.MarkupLine($"next {r.HorizonDays} days: expected purchases {F(r.ExpectedPurchases, "N0")}, total CLV {F(r.TotalClv, "N0")}; CLV p50 {F(r.ClvDistribution["p50"], "N2")}, p90 {F(r.ClvDistribution["p90"], "N2")}, max {F(r.ClvDistribution["max"], "N2")}");
        var t = new Table().AddColumns("top customer", "repeat purchases", "P(alive)", "expected purchases", "expected spend", "CLV", "days to next order");
        foreach (var x in r.TopCustomers)
        {
            t.AddRow(Markup.Escape(x.CustomerId), F(x.Frequency, "0"), F(x.ProbabilityAlive, "0.000"), F(x.ExpectedPurchases, "0.00"), F(x.ExpectedSpend, "N2"), F(x.Clv, "N2"),
                x.DaysToNextOrder is { } d ? F(d, "0") : "—");
        }
        c.Write(t);
        if (r.GoingQuiet.Count > 0)
        {
            c.MarkupLine($"[yellow]valuable customers going quiet (P(alive) < 0.5): {Markup.Escape(string.Join(", ", r.GoingQuiet.Select(g => g.CustomerId)))}[/]");
        }
    }
}
