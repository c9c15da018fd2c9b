using System.CommandLine;
using Segmenta.Engine.ScaleOut;
using Segmenta.Storage.Quality;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta quality</c>: the data-quality report (docs/quality.md).</summary>
internal static class QualityCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var engine = RfmCommand.EngineOption();
        var command = new Command("quality", "Data-quality report: imports, quarantine by reason, flags, what is stored") { engine };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            QualityReport report;
            if (ClickHouseAnalysis.Choose(workspace, parse.GetValue(engine)) is { } location)
            {
                var (cluster, _) = await ctx.WithStatusAsync("shipping the workspace to ClickHouse", () => ClickHouseAnalysis.OpenAsync(workspace, location, ct)).ConfigureAwait(false);
                await using (cluster.ConfigureAwait(false))
                {
                    report = await ClickHouseAnalysis.QualityAsync(workspace, cluster, ct).ConfigureAwait(false);
                }
            }
            else
            {
                report = await QualityAnalyzer.AnalyzeAsync(workspace.Engine, ct).ConfigureAwait(false);
            }
            ctx.Emit(report, c =>
            {
                var imports = new Table().AddColumns("#", "kind", "file", "format", "read", "accepted", "quarantined", "balanced");
                foreach (var r in report.Imports)
                {
                    imports.AddRow(CliFormat.Cell(r["import_id"]), CliFormat.Cell(r["kind"]), Markup.Escape(Path.GetFileName((string)r["file"]!)), CliFormat.Cell(r["format"]),
                        CliFormat.Cell(r["rows_read"]), CliFormat.Cell(r["rows_accepted"]), CliFormat.Cell(r["rows_quarantined"]), CliFormat.Cell(r["balanced"]));
                }
                c.Write(imports);
                var q = new Table().AddColumns("kind", "reason", "field", "rows");
                foreach (var r in report.Quarantine)
                {
                    q.AddRow(CliFormat.Cell(r["kind"]), CliFormat.Cell(r["reason"]), CliFormat.Cell(r["field"]), CliFormat.Cell(r["rows"]));
                }
                c.Write(q);
                var stored = new Table().AddColumns("stored", "value");
                foreach (var (flag, n) in report.Flags)
                {
                    stored.AddRow("flag " + Markup.Escape(flag), CliFormat.Cell(n));
                }
                foreach (var (k, v) in report.Stored)
                {
                    stored.AddRow(Markup.Escape(k), CliFormat.Cell(v));
                }
                c.Write(stored);
                c.MarkupLine(report.AllImportsBalanced ? "[green]every import: read = accepted + quarantined[/]" : "[red]an import does not balance[/]");
            });
        }));
        return command;
    }
}
