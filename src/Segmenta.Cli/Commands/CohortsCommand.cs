using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Segmenta.Engine.ScaleOut;
using Segmenta.Storage;
using Segmenta.Storage.Metrics;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta cohorts [--period month|week]</c> and <c>segmenta funnel [--from --to]</c> (docs/metrics.md).</summary>
internal static class CohortsCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var period = new Option<string>("--period") { Description = "month or week", DefaultValueFactory = _ => "month" };
        var measure = new Option<string>("--measure") { Description = "customers (retention %) or revenue", DefaultValueFactory = _ => "customers" };
        var engine = RfmCommand.EngineOption();
        var command = new Command("cohorts", "Retention by first-purchase cohort: share of each cohort buying again k periods later, and revenue") { period, measure, engine };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var weekly = parse.GetValue(period) switch
            {
                "month" => false,
                "week" => true,
                var p => throw new SegmentaInputException($"--period {p}: expected month or week"),
            };
            var revenue = parse.GetValue(measure) switch
            {
                "customers" => false,
                "revenue" => true,
                var m => throw new SegmentaInputException($"--measure {m}: expected customers or revenue"),
            };
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var zone = workspace.Settings.Shop.TimeZone;
            ResultTable table;
            if (ClickHouseAnalysis.Choose(workspace, parse.GetValue(engine)) is { } location)
            {
                var (cluster, _) = await ctx.WithStatusAsync("shipping the workspace to ClickHouse", () => ClickHouseAnalysis.OpenAsync(workspace, location, ct)).ConfigureAwait(false);
                await using (cluster.ConfigureAwait(false))
                {
                    table = await ClickHouseAnalysis.CohortsAsync(cluster, zone, weekly, ct).ConfigureAwait(false);
                }
            }
            else
            {
                table = await CohortQueries.RetentionAsync(workspace.Engine, zone, weekly, ct).ConfigureAwait(false);
            }
            var rows = table.ToDictionaries();
            ctx.Emit(new { period = weekly ? "week" : "month", cohorts = rows.Select(r => r["cohort"]).Distinct().Count(), cells = rows }, c =>
            {
                var periods = rows.Count == 0 ? 0 : rows.Max(r => Convert.ToInt32(r["period"], CultureInfo.InvariantCulture));
                var grid = new Table().AddColumns("cohort", "size");
                for (var k = 0; k <= periods; k++)
                {
                    grid.AddColumn(k.ToString(CultureInfo.InvariantCulture));
                }
                foreach (var cohort in rows.GroupBy(r => (string)r["cohort"]!))
                {
                    var cells = cohort.ToDictionary(r => Convert.ToInt32(r["period"], CultureInfo.InvariantCulture));
                    grid.AddRow([cohort.Key, CliFormat.Cell(cohort.First()["cohort_size"]),
                        .. Enumerable.Range(0, periods + 1).Select(k => cells.TryGetValue(k, out var x)
                            ? revenue ? CliFormat.Cell(x["revenue"]) : Convert.ToDouble(x["retention"], CultureInfo.InvariantCulture).ToString("P0", CultureInfo.InvariantCulture)
                            : "")]);
                }
                c.Write(grid);
            });
        }));
        return command;
    }

    public static Command CreateFunnel(Func<ParseResult, CliContext> context)
    {
        var from = new Option<string?>("--from") { Description = "First day (default: first day with data)" };
        var to = new Option<string?>("--to") { Description = "Last day (default: last day with data)" };
        var engine = RfmCommand.EngineOption();
        var command = new Command("funnel", "Sessions from product view to cart, checkout and purchase, with drop-off per step") { from, to, engine };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var zone = workspace.Settings.Shop.TimeZone;
            var location = ClickHouseAnalysis.Choose(workspace, parse.GetValue(engine));
            var cluster = location is null ? null
                : (await ctx.WithStatusAsync("shipping the workspace to ClickHouse", () => ClickHouseAnalysis.OpenAsync(workspace, location, ct)).ConfigureAwait(false)).Engine;
            DateOnly first, last;
            ResultTable table;
            await using (cluster)
            {
                var range = (cluster is null
                        ? await MetricsQueries.DataRangeAsync(workspace.Engine, zone, ct).ConfigureAwait(false)
                        : await ClickHouseAnalysis.DataRangeAsync(cluster, zone, ct).ConfigureAwait(false))
                    ?? throw new SegmentaInputException("the workspace has no data yet: import events or run `segmenta demo`");
                first = MetricsCommand.ParseDate(parse.GetValue(from), "--from") ?? range.From;
                last = MetricsCommand.ParseDate(parse.GetValue(to), "--to") ?? range.To;
                table = cluster is null
                    ? await CohortQueries.FunnelAsync(workspace.Engine, zone, first, last, ct).ConfigureAwait(false)
                    : await ClickHouseAnalysis.FunnelAsync(cluster, zone, first, last, ct).ConfigureAwait(false);
            }
            var rows = table.ToDictionaries();
            ctx.Emit(new { from = first, to = last, steps = rows }, c =>
            {
                var t = new Table().AddColumns("step", "sessions", "share of sessions", "drop-off from previous");
                foreach (var r in rows)
                {
                    t.AddRow(Markup.Escape((string)r["name"]!), CliFormat.Cell(r["sessions"]), CliFormat.Percent(r["share_of_sessions"]), CliFormat.Percent(r["drop_off"]));
                }
                c.Write(t);
            });
        }));
        return command;
    }
}
