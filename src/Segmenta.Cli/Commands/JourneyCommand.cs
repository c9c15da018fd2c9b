using System.CommandLine;
using Segmenta.Engine.Journeys;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta journey [--map 3|5] [--as-of DATE]</c>: stage × segment with sizes and the suggested action (docs/campaigns.md §1).</summary>
internal static class JourneyCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var map = new Option<string?>("--map") { Description = "3 (acquisition → retention) or 5 (awareness → advocacy); default from segmenta.json" };
        var asOf = new Option<string?>("--as-of") { Description = "Snapshot day (default: the day after the last data)" };
        var command = new Command("journey", "The customer journey: each segment and purchase-probability band on a stage, with size and suggested action") { map, asOf };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var view = await JourneyView.BuildAsync(workspace, parse.GetValue(map), MetricsCommand.ParseDate(parse.GetValue(asOf), "--as-of"), ct).ConfigureAwait(false);
            ctx.Emit(view, c =>
            {
                var table = new Table().AddColumns("stage", "audience", "customers", "suggested action");
                foreach (var stage in view.Stages)
                {
                    var first = true;
                    foreach (var cell in view.Cells.Where(x => x.Stage == stage))
                    {
                        table.AddRow(first ? $"[bold]{Markup.Escape(stage)}[/] ({CliFormat.Cell(view.StageTotals[stage])})" : "", Markup.Escape(cell.Audience),
                            CliFormat.Cell(cell.Customers), Markup.Escape(cell.Action));
                        first = false;
                    }
                }
                c.MarkupLine($"{view.Map}-stage journey as of {view.AsOf:yyyy-MM-dd}");
                c.Write(table);
                if (view.Note is { } note)
                {
                    c.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
                }
            });
        }));
        return command;
    }
}
