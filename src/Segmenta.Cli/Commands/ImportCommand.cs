using System.CommandLine;
using Segmenta.Core;
using Segmenta.Storage.Import;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta import orders|events|customers|products FILE [--format F] [--map SRC=DST ...]</c>.</summary>
internal static class ImportCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var import = new Command("import", "Import a CSV (plain or .gz), Parquet or JSON Lines file; bad rows are quarantined with their reason");
        foreach (var kind in Enum.GetValues<ImportKind>())
        {
            var name = kind.ToString().ToLowerInvariant();
            var file = new Argument<string>("file") { Description = "The file to import" };
            var format = new Option<string?>("--format", "-f") { Description = "Preset (online-retail, cdnow, baskets, segment, ga4) or format (csv, parquet, jsonl); default from the file name" };
            var map = new Option<string[]>("--map") { Description = "Column mapping SRC=DST (repeatable)", AllowMultipleArgumentsPerToken = true };
            var zone = new Option<string?>("--time-zone") { Description = "IANA zone of timestamps without an offset (default: the preset's, else the shop's)" };
            var command = new Command(name, $"Import {name}") { file, format, map, zone };
            command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
            {
                var request = new ImportRequest(kind, parse.GetValue(file)!, parse.GetValue(format), ParseMap(parse.GetValue(map)), parse.GetValue(zone));
                await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
                var importer = workspace.CreateImporter();
                var report = await ctx.WithStatusAsync($"importing {request.File}", () => importer.ImportAsync(request, ct)).ConfigureAwait(false);
                ctx.Emit(report, c => Render(c, report));
            }));
            import.Subcommands.Add(command);
        }
        return import;
    }

    internal static IReadOnlyDictionary<string, string>? ParseMap(string[]? pairs)
    {
        if (pairs is null || pairs.Length == 0)
        {
            return null;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || at == pair.Length - 1)
            {
                throw new SegmentaInputException($"--map {pair}: expected SRC=DST, e.g. --map InvoiceNo=order_id");
            }
            map[pair[..at].Trim()] = pair[(at + 1)..].Trim();
        }
        return map;
    }

    internal static void Render(IAnsiConsole console, ImportReport report)
    {
        console.MarkupLine($"[bold]{Markup.Escape(report.File)}[/] ({report.Format}, {report.Kind.ToString().ToLowerInvariant()}) in {report.Seconds:0.0} s");
        var table = new Table().AddColumns("rows", "count");
        table.AddRow("read", report.RowsRead.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("accepted", report.RowsAccepted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("quarantined", report.RowsQuarantined.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (reason, n) in report.QuarantinedByReason)
        {
            table.AddRow($"  quarantined: {Markup.Escape(reason)}", n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var (flag, n) in report.Flagged)
        {
            table.AddRow($"  flagged: {Markup.Escape(flag)}", n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var (fact, value) in report.Facts)
        {
            table.AddRow(Markup.Escape(fact), value.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture));
        }
        console.Write(table);
        foreach (var s in report.Samples)
        {
            console.MarkupLine($"[yellow]{Markup.Escape($"{report.File} row {s.Row}, field {s.Field}: {s.Detail} ({s.Reason})")}[/]");
        }
        if (report.RowsQuarantined > report.Samples.Count)
        {
            console.MarkupLine($"[grey]… {report.RowsQuarantined - report.Samples.Count} more in the quarantine table (segmenta quality)[/]");
        }
    }
}
