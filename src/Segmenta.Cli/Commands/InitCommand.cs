using System.CommandLine;
using Segmenta.Engine.Workspaces;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta init [DIR]</c>: writes segmenta.json with documented defaults and the folders.</summary>
internal static class InitCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var dir = new Argument<string?>("dir") { Description = "Folder to make a workspace (default: the chosen workspace)", Arity = ArgumentArity.ZeroOrOne };
        var zone = new Option<string?>("--time-zone") { Description = "Shop time zone, IANA name (default UTC)" };
        var currency = new Option<string?>("--currency") { Description = "Shop currency, ISO 4217 (default KRW)" };
        var command = new Command("init", "Create a workspace: segmenta.json, the database, models/ and reports/") { dir, zone, currency };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var folder = parse.GetValue(dir) is { } d ? Path.GetFullPath(d) : ctx.WorkspaceDirectory;
            var defaults = WorkspaceSettings.CreateDefault();
            var settings = defaults with
            {
                Shop = defaults.Shop with
                {
                    TimeZone = parse.GetValue(zone) ?? defaults.Shop.TimeZone,
                    Currency = parse.GetValue(currency) ?? defaults.Shop.Currency,
                },
            };
            Workspace.Initialise(folder, settings);
            await using var workspace = await Workspace.OpenAsync(folder, ct).ConfigureAwait(false);
            var result = new { workspace = folder, settings_file = Path.Combine(folder, Workspace.SettingsFile), database = workspace.Engine.Path };
            ctx.Emit(result, c => c.MarkupLine($"Created workspace [bold]{Markup.Escape(folder)}[/] (segmenta.json, {Markup.Escape(settings.Database)}, models/, reports/)"));
        }));
        return command;
    }
}
