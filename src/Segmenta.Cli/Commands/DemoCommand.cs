using System.CommandLine;
using System.Globalization;
using Segmenta.Engine.Demo;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta demo [--customers N] [--days D] [--seed S]</c>: a simulated shop, imported and analysed.</summary>
internal static class DemoCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var customers = new Option<int>("--customers") { Description = "Registered customers to simulate", DefaultValueFactory = _ => 100_000 };
        var days = new Option<int>("--days") { Description = "Days of history", DefaultValueFactory = _ => 365 };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same shop)", DefaultValueFactory = _ => 42 };
        var keep = new Option<bool>("--keep-files") { Description = "Keep the simulated CSV files in demo-data/" };
        var reset = new Option<bool>("--reset") { Description = "Clear a workspace that already holds data" };
        var command = new Command("demo", "Simulate a realistic shop, import it, run every analysis and write the HTML report") { customers, days, seed, keep, reset };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var options = new DemoOptions
            {
                Customers = parse.GetValue(customers),
                Days = parse.GetValue(days),
                Seed = parse.GetValue(seed),
                KeepFiles = parse.GetValue(keep),
                Reset = parse.GetValue(reset),
            };
            var result = await DemoRunner.RunAsync(workspace, options, ctx.Clock, new SynchronousProgress(ctx.Log), ct).ConfigureAwait(false);
            ctx.Emit(result, c =>
            {
                foreach (var import in result.Imports)
                {
                    ImportCommand.Render(c, import);
                }
                var m = result.Metrics;
                if (m is not null)
                {
                    c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                        $"[bold]{m.Orders:N0}[/] orders, net revenue [bold]{m.NetRevenue:N0}[/], {m.Customers:N0} buying customers, {m.Sessions:N0} sessions, session conversion {m.SessionConversionRate:P2}, visitors who never bought {m.VisitorsWithoutPurchaseShare:P1}"));
                }
                RfmCommand.Render(c, result.Segments);
                c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"CLV ({result.Clv.Model}, {result.Clv.Customers:N0} customers): next {result.Clv.HorizonDays} days expected purchases {result.Clv.ExpectedPurchases:N0}, total CLV {result.Clv.TotalClv:N0}"));
                var v = result.Purchase.Validation;
                var oracle = result.Purchase.Oracle is { } o
                    ? string.Create(CultureInfo.InvariantCulture, $"; on identified customers AUC {o.ModelAuc:0.000} vs the true propensities' {o.OracleAuc:0.000}")
                    : "";
                c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"purchase probability ({result.Purchase.Model}, 7 days): validation AUC {v.Auc:0.000}, top-decile lift {v.TopDecileLift:0.0}, band conversion {string.Join(" → ", v.Bands.Select(b => b.ActualRate.ToString("P1", CultureInfo.InvariantCulture)))}{oracle}"));
                c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"buyer clusters: k = {result.Clusters.K} ({string.Join(", ", result.Clusters.Profiles.Select(p => p.Name))}); adjusted Rand index against the simulated customer types {result.ClusterTypeAgreement:0.000}"));
                c.MarkupLine($"Report: [bold]{Markup.Escape(result.Report)}[/] — demo took {result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            });
        }));
        return command;
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
