using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Segmenta.Engine.ScaleOut;
using Segmenta.Storage.Metrics;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta metrics [--from DATE --to DATE]</c>: headline metrics of a period (docs/metrics.md).</summary>
internal static class MetricsCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD in the shop's zone (default: first day with data)" };
        var to = new Option<string?>("--to") { Description = "Last day, inclusive (default: last day with data)" };
        var engine = RfmCommand.EngineOption();
        var command = new Command("metrics", "Headline metrics of a period: revenue, orders, customers, AOV, repeat rate, sessions, conversion") { from, to, engine };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var zone = workspace.Settings.Shop.TimeZone;
            var location = ClickHouseAnalysis.Choose(workspace, parse.GetValue(engine));
            var cluster = location is null ? null
                : (await ctx.WithStatusAsync("shipping the workspace to ClickHouse", () => ClickHouseAnalysis.OpenAsync(workspace, location, ct)).ConfigureAwait(false)).Engine;
            MetricsReport report;
            await using (cluster)
            {
                var range = cluster is null
                    ? await MetricsQueries.DataRangeAsync(workspace.Engine, zone, ct).ConfigureAwait(false)
                    : await ClickHouseAnalysis.DataRangeAsync(cluster, zone, ct).ConfigureAwait(false);
                var first = ParseDate(parse.GetValue(from), "--from") ?? range?.From;
                var last = ParseDate(parse.GetValue(to), "--to") ?? range?.To;
                if (first is null || last is null)
                {
                    throw new SegmentaInputException("the workspace has no orders or events yet: import data or run `segmenta demo`");
                }
                if (last < first)
                {
                    throw new SegmentaInputException($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}");
                }
                report = cluster is not null
                    ? await ClickHouseAnalysis.MetricsAsync(cluster, zone, first.Value, last.Value, ct).ConfigureAwait(false)
                    : new MetricsReport(await MetricsQueries.HeadlineAsync(workspace.Engine, zone, first.Value, last.Value, ct).ConfigureAwait(false),
                        (await MetricsQueries.ChannelConversionAsync(workspace.Engine, zone, first.Value, last.Value, ct).ConfigureAwait(false)).ToDictionaries(),
                        (await MetricsQueries.CampaignRevenueAsync(workspace.Engine, zone, first.Value, last.Value, ct).ConfigureAwait(false)).ToDictionaries(),
                        (await MetricsQueries.HourByWeekdayAsync(workspace.Engine, zone, first.Value, last.Value, ct).ConfigureAwait(false)).ToDictionaries(),
                        (await MetricsQueries.MonthlyRevenueAsync(workspace.Engine, zone, ct).ConfigureAwait(false)).ToDictionaries());
            }
            var m = report.Headline;
            ctx.Emit(report, c =>
            {
                var t = new Table().AddColumns("metric", "value");
                t.Title = new TableTitle($"{m.From:yyyy-MM-dd} .. {m.To:yyyy-MM-dd} ({zone}, {workspace.Settings.Shop.Currency})");
                t.AddRow("net revenue", CliFormat.Cell(m.NetRevenue));
                t.AddRow("gross revenue", CliFormat.Cell(m.GrossRevenue));
                t.AddRow("orders", CliFormat.Cell(m.Orders));
                t.AddRow("buying customers", CliFormat.Cell(m.Customers));
                t.AddRow("  new", CliFormat.Cell(m.NewCustomers));
                t.AddRow("  returning", CliFormat.Cell(m.ReturningCustomers));
                t.AddRow("average order value", CliFormat.Cell(m.AverageOrderValue));
                t.AddRow("repeat purchase rate", m.RepeatPurchaseRate.ToString("P1", CultureInfo.InvariantCulture));
                t.AddRow("sessions", CliFormat.Cell(m.Sessions));
                t.AddRow("visitors", CliFormat.Cell(m.Visitors));
                t.AddRow("session conversion", m.SessionConversionRate.ToString("P2", CultureInfo.InvariantCulture));
                t.AddRow("visitors who never bought", m.VisitorsWithoutPurchaseShare.ToString("P1", CultureInfo.InvariantCulture));
                t.AddRow("churn rate (90-day window)", m.ChurnRate is { } churn ? churn.ToString("P1", CultureInfo.InvariantCulture) : "—");
                t.AddRow("average lifespan (days)", CliFormat.Cell(m.AverageLifespanDays));
                t.AddRow("simple LTV", CliFormat.Cell(m.SimpleLtv));
                c.Write(t);
                if (report.Channels.Count > 0)
                {
                    var ch = new Table().AddColumns("channel", "sessions", "converted", "conversion");
                    foreach (var r in report.Channels)
                    {
                        ch.AddRow(Markup.Escape((string)r["channel"]!), CliFormat.Cell(r["sessions"]), CliFormat.Cell(r["converted"]), CliFormat.Percent(r["conversion_rate"]));
                    }
                    c.Write(ch);
                }
            });
        }));
        return command;
    }

    internal static DateOnly? ParseDate(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        throw new SegmentaInputException($"{option} {text}: expected a date as YYYY-MM-DD");
    }
}
