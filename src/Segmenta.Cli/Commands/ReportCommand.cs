using System.CommandLine;
using Segmenta.Engine.Reports;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta report [--out FILE]</c>: the self-contained HTML report.</summary>
internal static class ReportCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Output file (default: reports/report.html in the workspace)" };
        var command = new Command("report", "Write the HTML report (imports, data quality, headline metrics)") { output };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var path = await WorkspaceReport.WriteAsync(workspace, ctx.Clock, parse.GetValue(output), ct).ConfigureAwait(false);
            ctx.Emit(new { report = Path.GetFullPath(path) }, c => c.MarkupLine($"Report written to [bold]{Markup.Escape(Path.GetFullPath(path))}[/]"));
        }));
        return command;
    }
}
