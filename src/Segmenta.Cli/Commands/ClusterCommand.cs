using System.CommandLine;
using System.Globalization;
using Segmenta.Core;
using Segmenta.Engine.Segments;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta cluster [--algorithm kmeans|kmedoids|dbscan|ward] [--k N|auto] [--features a,b,…]</c> (docs/models.md#clustering).</summary>
internal static class ClusterCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var algorithm = new Option<string>("--algorithm") { Description = "kmeans, kmedoids (PAM/CLARA), dbscan or ward", DefaultValueFactory = _ => "kmeans" };
        algorithm.AcceptOnlyFromAmong("kmeans", "kmedoids", "dbscan", "ward");
        var k = new Option<string>("--k") { Description = "Number of clusters, or auto (best k-means silhouette for k = 2..8); not for dbscan" };
        var features = new Option<string?>("--features") { Description = "Comma-separated features (default: behaviour from sessions, or RFM features without events); see docs/models.md" };
        var eps = new Option<double?>("--eps") { Description = "DBSCAN radius in z-score units (default: from the k-distance curve)" };
        var minPoints = new Option<int>("--min-points") { Description = "DBSCAN points within eps that make a core point (itself included)", DefaultValueFactory = _ => 5 };
        var minSessions = new Option<int>("--min-sessions") { Description = "k-means on session features: customers with fewer sessions are placed in the nearest cluster but do not shape the clusters or k (1 = everyone shapes them)", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed for seeding and samples", DefaultValueFactory = _ => 42 };
        var asOf = new Option<string?>("--as-of") { Description = "Snapshot day (default: the day after the last data)" };
        var categories = new Option<bool>("--categories") { Description = "Category-preference segments instead: each buyer's dominant category by spend share, else mixed" };
        var threshold = new Option<double>("--threshold") { Description = "With --categories: share of spend from which the dominant category names the segment", DefaultValueFactory = _ => 0.5 };
        var command = new Command("cluster", "Behavioural clusters of customers, profiled and named, with revenue and retention, crossed with the RFM segments")
        {
            algorithm, k, features, eps, minPoints, seed, asOf, categories, threshold, minSessions,
        };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            if (parse.GetValue(categories))
            {
                await using var ws = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
                var prefs = await CategorySegments.RunAsync(ws, MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of"), parse.GetValue(threshold), ct).ConfigureAwait(false);
                ctx.Emit(prefs, c =>
                {
                    c.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{prefs.Customers:N0} buyers before {prefs.AsOf:yyyy-MM-dd}; a category names the segment from {prefs.Threshold:P0} of a buyer's spend"));
                    var t = new Table().AddColumns("segment", "customers", "share", "spend", "spend share");
                    foreach (var s in prefs.Segments)
                    {
                        t.AddRow(Markup.Escape(s.Segment), s.Customers.ToString("N0", CultureInfo.InvariantCulture), s.Share.ToString("P1", CultureInfo.InvariantCulture),
                            s.Spend.ToString("N2", CultureInfo.InvariantCulture), s.SpendShare.ToString("P1", CultureInfo.InvariantCulture));
                    }
                    c.Write(t);
                });
                return;
            }
            var kText = parse.GetValue(k);
            int? kValue = kText is null or "auto" ? null
                : int.TryParse(kText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                : throw new SegmentaInputException($"--k {kText}: expected a number or auto");
            var featureList = parse.GetValue(features) is { } text
                ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : null;
            var request = new ClusterRequest
            {
                Algorithm = BuyerClusters.ParseAlgorithm(parse.GetValue(algorithm)!),
                K = kValue,
                Features = featureList,
                Eps = parse.GetValue(eps),
                MinPoints = parse.GetValue(minPoints),
                MinSessions = parse.GetValue(minSessions),
                Seed = parse.GetValue(seed),
                AsOf = MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of"),
            };
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var run = await BuyerClusters.RunAsync(workspace, request, ct).ConfigureAwait(false);
            ctx.Emit(run, c =>
            {
                c.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run.Algorithm}: {run.Customers:N0} customers, k = [bold]{run.K}[/]{(run.Noise > 0 ? $", {run.Noise:N0} noise" : "")}, silhouette {run.Silhouette:0.000}, Davies–Bouldin {run.DaviesBouldin:0.000}"));
                if (run.Note is { } note)
                {
                    c.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
                }
                var t = new Table().AddColumns(["cluster", "name", "customers", "share", "revenue share", "repeat rate", "retention 90d", .. run.Features]);
                foreach (var (p, o) in run.Profiles.Zip(run.Outcomes))
                {
                    t.AddRow([p.Cluster.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.Name), p.Size.ToString("N0", CultureInfo.InvariantCulture),
                        p.Share.ToString("P1", CultureInfo.InvariantCulture), o.RevenueShare.ToString("P1", CultureInfo.InvariantCulture),
                        o.RepeatRate?.ToString("P1", CultureInfo.InvariantCulture) ?? "–", o.Retention90d?.ToString("P1", CultureInfo.InvariantCulture) ?? "–",
                        .. p.Features.Select(f => $"{f.Mean.ToString("#,0.##", CultureInfo.InvariantCulture)} (z {f.ZScore.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)})")]);
                }
                c.Write(t);
            });
        }));
        return command;
    }
}
