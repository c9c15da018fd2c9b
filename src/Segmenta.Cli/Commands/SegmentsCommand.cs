using System.CommandLine;
using Segmenta.Core;
using Segmenta.Core.Segments;
using Segmenta.Engine.ScaleOut;
using Segmenta.Engine.Segments;
using Segmenta.Storage.Segments;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta segments list | show ID | export ID --out FILE | count EXPR | migration --from D1 --to D2</c>.</summary>
internal static class SegmentsCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var segments = new Command("segments", "The segment rules, their members, exports and movements between dates");
        segments.Subcommands.Add(List(context));
        segments.Subcommands.Add(Show(context));
        segments.Subcommands.Add(Export(context));
        segments.Subcommands.Add(Count(context));
        segments.Subcommands.Add(Migration(context));
        return segments;
    }

    private static (Option<string?> AsOf, Option<string?> Basis) DateOptions() =>
        (new Option<string?>("--as-of") { Description = "Snapshot day (default: the day after the last data)" },
         new Option<string?>("--basis") { Description = "purchases or visits (default from segmenta.json)" });

    private static Command List(Func<ParseResult, CliContext> context)
    {
        var (asOf, basis) = DateOptions();
        var command = new Command("list", "Each segment's size, share, revenue share, AOV, repeat rate and next-30-day conversion") { asOf, basis };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var run = await Segmentation.RunAsync(workspace, MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of"), parse.GetValue(basis), null, ct).ConfigureAwait(false);
            ctx.Emit(run, c => RfmCommand.Render(c, run));
        }));
        return command;
    }

    private static Command Show(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string>("id") { Description = "Segment id, e.g. vip" };
        var command = new Command("show", "A segment's definition: names, rule, meaning and suggested action") { id };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var rules = Segmentation.Rules(workspace);
            var wanted = parse.GetValue(id)!;
            var index = rules.Rules.ToList().FindIndex(r => r.Id == wanted);
            if (index < 0)
            {
                throw new SegmentaInputException($"no segment '{wanted}'; segments are: {string.Join(", ", rules.Rules.Select(r => r.Id))}");
            }
            var rule = rules.Rules[index];
            var result = new { priority = index + 1, rule.Id, rule.Name, rule.KoreanName, rule.Description, rule.SuggestedAction, rule.Condition, earlier_rules_win = rules.Rules.Take(index).Select(r => r.Id) };
            ctx.Emit(result, c =>
            {
                c.MarkupLine($"[bold]{Markup.Escape(rule.Name)}[/] ({Markup.Escape(rule.KoreanName)}) — id [bold]{Markup.Escape(rule.Id)}[/], priority {index + 1}");
                c.MarkupLine($"rule: [blue]{Markup.Escape(rule.Condition)}[/]" + (index > 0 ? $" (and none of: {Markup.Escape(string.Join(", ", result.earlier_rules_win))})" : ""));
                c.MarkupLine(Markup.Escape(rule.Description));
                c.MarkupLine($"suggested action: {Markup.Escape(rule.SuggestedAction)}");
            });
        }));
        return command;
    }

    private static Command Export(Func<ParseResult, CliContext> context)
    {
        var id = new Argument<string?>("id") { Description = "Segment id (or use --where)", Arity = ArgumentArity.ZeroOrOne };
        var where = new Option<string?>("--where") { Description = "A condition instead of a segment, e.g. \"r >= 4 and monetary > 100\"" };
        var output = new Option<string>("--out", "-o") { Description = "Output file, .csv or .parquet", Required = true };
        var consent = new Option<string?>("--consent") { Description = "Only customers who consented to this channel: email or sms" };
        var (asOf, basis) = DateOptions();
        var command = new Command("export", "Export a segment's (or a condition's) customers with their scores to CSV or Parquet") { id, where, output, consent, asOf, basis };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var run = await Segmentation.RunAsync(workspace, MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of"), parse.GetValue(basis), null, ct).ConfigureAwait(false);
            var text = (parse.GetValue(id), parse.GetValue(where)) switch
            {
                ({ } segment, null) => Segmentation.Rules(workspace).Rules.Any(r => r.Id == segment)
                    ? $"segment = '{segment.Replace("'", "''", StringComparison.Ordinal)}'"
                    : throw new SegmentaInputException($"no segment '{segment}'; segments are: {string.Join(", ", Segmentation.Rules(workspace).Rules.Select(r => r.Id))}"),
                (null, { } expression) => expression,
                _ => throw new SegmentaInputException("give a segment id or --where, not both"),
            };
            var condition = SegmentCondition.Parse(text, FieldCatalog.Default);
            var file = parse.GetValue(output)!;
            var rows = await SegmentQueries.ExportAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, run.AsOf, run.Basis, condition, parse.GetValue(consent), file, ct).ConfigureAwait(false);
            ctx.Emit(new { file = Path.GetFullPath(file), rows, as_of = run.AsOf, condition = text }, c => c.MarkupLine($"{rows:N0} customers written to [bold]{Markup.Escape(Path.GetFullPath(file))}[/]"));
        }));
        return command;
    }

    private static Command Count(Func<ParseResult, CliContext> context)
    {
        var expression = new Argument<string>("condition") { Description = "e.g. \"days_since_last_order > 30 and monetary > 100\"" };
        var (asOf, basis) = DateOptions();
        var engine = RfmCommand.EngineOption();
        var command = new Command("count", "How many scored customers match a condition (docs/segments.md grammar)") { expression, asOf, basis, engine };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var condition = SegmentCondition.Parse(parse.GetValue(expression)!, FieldCatalog.Default);
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var day = MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of");
            RfmRun run;
            long n;
            if (ClickHouseAnalysis.Choose(workspace, parse.GetValue(engine)) is { } location)
            {
                var (cluster, _) = await ctx.WithStatusAsync("shipping the workspace to ClickHouse", () => ClickHouseAnalysis.OpenAsync(workspace, location, ct)).ConfigureAwait(false);
                await using (cluster.ConfigureAwait(false))
                {
                    run = await ClickHouseAnalysis.RunAsync(workspace, cluster, day, parse.GetValue(basis), null, ct).ConfigureAwait(false);
                    n = await ClickHouseAnalysis.CountAsync(cluster, condition, ct).ConfigureAwait(false);
                }
            }
            else
            {
                run = await Segmentation.RunAsync(workspace, day, parse.GetValue(basis), null, ct).ConfigureAwait(false);
                n = await SegmentQueries.CountAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, run.AsOf, run.Basis, condition, ct).ConfigureAwait(false);
            }
            ctx.Emit(new { condition = parse.GetValue(expression), as_of = run.AsOf, customers = n, scored = run.Scored }, c => c.MarkupLine($"{n:N0} of {run.Scored:N0} scored customers match"));
        }));
        return command;
    }

    private static Command Migration(Func<ParseResult, CliContext> context)
    {
        var from = new Option<string>("--from") { Description = "Earlier as-of day", Required = true };
        var to = new Option<string>("--to") { Description = "Later as-of day", Required = true };
        var basis = new Option<string?>("--basis") { Description = "purchases or visits" };
        var command = new Command("migration", "Transition matrix between two as-of dates and the movers, e.g. vip → lapsing_vip") { from, to, basis };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var d1 = MetricsCommand.ParseDate(parse.GetValue(from), "--from")!.Value;
            var d2 = MetricsCommand.ParseDate(parse.GetValue(to), "--to")!.Value;
            if (d2 <= d1)
            {
                throw new SegmentaInputException($"--to {d2:yyyy-MM-dd} must be after --from {d1:yyyy-MM-dd}");
            }
            var first = await Segmentation.RunAsync(workspace, d1, parse.GetValue(basis), null, ct).ConfigureAwait(false);
            await Segmentation.RunAsync(workspace, d2, parse.GetValue(basis), null, ct).ConfigureAwait(false);
            var table = await SegmentQueries.MigrationAsync(workspace.Engine, d1, d2, first.Basis, ct).ConfigureAwait(false);
            var rows = table.ToDictionaries();
            var result = new { from = d1, to = d2, basis = first.Basis, customers_at_both = rows.Sum(r => Convert.ToInt64(r["customers"], System.Globalization.CultureInfo.InvariantCulture)), transitions = rows };
            ctx.Emit(result, c =>
            {
                var ids = Segmentation.Rules(workspace).Rules.Select(r => r.Id).ToList();
                var grid = new Table().AddColumn("from \\ to");
                foreach (var id in ids)
                {
                    grid.AddColumn(Markup.Escape(id));
                }
                foreach (var a in ids)
                {
                    grid.AddRow([Markup.Escape(a), .. ids.Select(b => CliFormat.Cell(rows.FirstOrDefault(r => (string?)r["from_segment"] == a && (string?)r["to_segment"] == b)?["customers"] ?? 0L))]);
                }
                c.Write(grid);
                c.MarkupLine($"{result.customers_at_both:N0} customers scored at both dates");
            });
        }));
        return command;
    }
}
