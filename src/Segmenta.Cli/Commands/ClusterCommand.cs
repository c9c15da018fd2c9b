using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Segmenta.Engine.Segments;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta cluster [--k N|auto]</c> (docs/models.md#clustering).</summary>
internal static class ClusterCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var k = new Option<string>("--k") { Description = "Number of clusters, or auto (best silhouette for k = 2..8)", DefaultValueFactory = _ => "auto" };
        var seed = new Option<int>("--seed") { Description = "Seed for k-means++", DefaultValueFactory = _ => 42 };
        var asOf = new Option<string?>("--as-of") { Description = "RFM snapshot day (default: the day after the last data)" };
        var command = new Command("cluster", "Behavioural clusters of buyers (k-means++ with restarts), profiled and named, crossed with the RFM segments") { k, seed, asOf };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var kText = parse.GetValue(k)!;
            int? kValue = kText == "auto" ? null
                : int.TryParse(kText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                : throw new SegmentaInputException($"--k {kText}: expected a number or auto");
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var run = await BuyerClusters.RunAsync(workspace, kValue, parse.GetValue(seed), MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of"), ct).ConfigureAwait(false);
            ctx.Emit(run, c =>
            {
                c.MarkupLine($"{run.Customers:N0} buyers, k = [bold]{run.K}[/], silhouette {run.Silhouette.ToString("0.000", CultureInfo.InvariantCulture)}, Davies–Bouldin {run.DaviesBouldin.ToString("0.000", CultureInfo.InvariantCulture)}");
                var t = new Table().AddColumns(["cluster", "name", "customers", "share", .. BuyerClusters.Features]);
                foreach (var p in run.Profiles)
                {
                    t.AddRow([p.Cluster.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.Name), p.Size.ToString("N0", CultureInfo.InvariantCulture), p.Share.ToString("P1", CultureInfo.InvariantCulture),
                        .. p.Features.Select(f => $"{f.Mean.ToString("#,0.#", CultureInfo.InvariantCulture)} (z {f.ZScore.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)})")]);
                }
                c.Write(t);
            });
        }));
        return command;
    }
}
