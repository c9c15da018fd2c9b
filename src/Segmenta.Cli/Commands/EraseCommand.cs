using System.CommandLine;
using Segmenta.Storage.Privacy;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta erase CUSTOMER</c>: removes a customer everywhere (right to erasure).</summary>
internal static class EraseCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var customer = new Argument<string>("customer") { Description = "The customer id to erase" };
        var command = new Command("erase", "Erase a customer from every table (profile, orders, events, sessions, quarantine)") { customer };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var id = parse.GetValue(customer)!;
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var removed = await CustomerEraser.EraseAsync(workspace.Engine, id, ct).ConfigureAwait(false);
            var result = new { customer_id = id, removed };
            ctx.Emit(result, c =>
            {
                c.MarkupLine($"Erased customer [bold]{Markup.Escape(id)}[/]: " +
                    string.Join(", ", removed.Select(kv => $"{kv.Value} {kv.Key}")));
            });
        }));
        return command;
    }
}
