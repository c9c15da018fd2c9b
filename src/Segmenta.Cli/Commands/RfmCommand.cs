using System.CommandLine;
using System.Globalization;
using Segmenta.Engine.ScaleOut;
using Segmenta.Engine.Segments;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta rfm [--as-of DATE] [--basis purchases|visits] [--window DAYS]</c>: scores, segments and their figures.</summary>
internal static class RfmCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Score activity before this day, YYYY-MM-DD (default: the day after the last data)" };
        var basis = new Option<string?>("--basis") { Description = "purchases or visits (default: segmenta.json rfm.basis; auto = visits when there are events)" };
        var window = new Option<int?>("--window") { Description = "Look-back days; 0 = all history (default: segmenta.json rfm.window_days)" };
        var engine = EngineOption();
        var command = new Command("rfm", "Score R, F, M 1–5 by quintile, assign the segment rules, and measure each segment") { asOf, basis, window, engine };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var day = MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of");
            RfmRun run;
            if (ClickHouseAnalysis.Choose(workspace, parse.GetValue(engine)) is { } location)
            {
                var (cluster, _) = await ctx.WithStatusAsync("shipping the workspace to ClickHouse", () => ClickHouseAnalysis.OpenAsync(workspace, location, ct)).ConfigureAwait(false);
                await using (cluster.ConfigureAwait(false))
                {
                    run = await ctx.WithStatusAsync("scoring in ClickHouse", () => ClickHouseAnalysis.RunAsync(workspace, cluster, day, parse.GetValue(basis), parse.GetValue(window), ct)).ConfigureAwait(false);
                }
            }
            else
            {
                run = await ctx.WithStatusAsync("scoring", () => Segmentation.RunAsync(workspace, day, parse.GetValue(basis), parse.GetValue(window), ct)).ConfigureAwait(false);
            }
            ctx.Emit(run, c => Render(c, run));
        }));
        return command;
    }

    /// <summary><c>--engine</c>: where the analysis runs (docs/clickhouse.md).</summary>
    internal static Option<string?> EngineOption() =>
        new("--engine") { Description = "duckdb, or clickhouse://[user:password@]host:port[,host:port]/database[?cluster=name] to compute inside ClickHouse (default: segmenta.json engine)" };

    internal static void Render(IAnsiConsole c, RfmRun run)
    {
        c.MarkupLine($"RFM as of [bold]{run.AsOf:yyyy-MM-dd}[/], basis [bold]{run.Basis.ToString().ToLowerInvariant()}[/], window {(run.WindowDays == 0 ? "all history" : run.WindowDays + " days")}: {run.Scored:N0} scored");
        if (run.Note is not null)
        {
            c.MarkupLine($"[yellow]{Markup.Escape(run.Note)}[/]");
            return;
        }
        var s = new Table().AddColumns("input", "mean", "median", "max");
        s.AddRow("recency (days)", CliFormat.Cell(run.Summary["recency_mean"]), CliFormat.Cell(run.Summary["recency_median"]), "");
        s.AddRow("frequency", CliFormat.Cell(run.Summary["frequency_mean"]), CliFormat.Cell(run.Summary["frequency_median"]), CliFormat.Cell(run.Summary["frequency_max"]));
        s.AddRow("monetary (gross)", CliFormat.Cell(run.Summary["monetary_mean"]), CliFormat.Cell(run.Summary["monetary_median"]), CliFormat.Cell(run.Summary["monetary_max"]));
        s.AddRow("monetary (net)", CliFormat.Cell(run.Summary["monetary_net_mean"]), "", CliFormat.Cell(run.Summary["monetary_net_max"]));
        c.Write(s);
        var t = new Table().AddColumns("segment", "customers", "share", "revenue share", "AOV", "repeat rate", "bought in next 30 days");
        foreach (var r in run.Segments)
        {
            t.AddRow(Markup.Escape((string)r["segment"]!), CliFormat.Cell(r["customers"]), CliFormat.Percent(r["share"]), CliFormat.Percent(r["revenue_share"]),
                CliFormat.Cell(r["average_order_value"]), CliFormat.Percent(r["repeat_rate"]), CliFormat.Percent(r["next_period_conversion"]));
        }
        c.Write(t);
    }
}
