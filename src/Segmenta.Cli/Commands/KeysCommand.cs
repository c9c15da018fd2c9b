using System.CommandLine;
using Segmenta.Core;
using Segmenta.Server.Security;
using Spectre.Console;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta keys create|list|revoke</c>: the API keys <c>segmenta serve</c> accepts.</summary>
internal static class KeysCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var command = new Command("keys", "Create, list and revoke API keys (stop the server first: it holds the database)");

        var name = new Argument<string>("name") { Description = "A name for the key (who or what uses it)" };
        var scope = new Option<string>("--scope") { Description = "ingest (browsers and apps: ingestion routes only) or admin (everything)", Required = true };
        var create = new Command("create", "Create a key; it is printed once and stored only as a hash") { name, scope };
        create.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var key = await ApiKeyStore.CreateAsync(workspace, parse.GetValue(name)!, parse.GetValue(scope)!, ct).ConfigureAwait(false);
            ctx.Emit(new { name = parse.GetValue(name), scope = parse.GetValue(scope), key }, c =>
            {
                c.MarkupLine($"Created {Markup.Escape(parse.GetValue(scope)!)} key [bold]{Markup.Escape(parse.GetValue(name)!)}[/]. Copy it now, it is not shown again:");
                c.WriteLine(key);
            });
        }));

        var list = new Command("list", "List keys (names, scopes, dates; never the keys)");
        list.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var keys = await ApiKeyStore.ListAsync(workspace, ct).ConfigureAwait(false);
            ctx.Emit(new { keys }, c =>
            {
                var table = new Table().AddColumns("name", "scope", "created (UTC)", "revoked (UTC)");
                foreach (var k in keys)
                {
                    table.AddRow(Markup.Escape(k.Name), k.Scope, CliFormat(k.CreatedAt), k.RevokedAt is { } r ? CliFormat(r) : "");
                }
                c.Write(table);
            });
        }));

        var revokeName = new Argument<string>("name") { Description = "The key to revoke" };
        var revoke = new Command("revoke", "Revoke a key: requests using it get 401") { revokeName };
        revoke.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            await using var workspace = await ctx.OpenWorkspaceAsync(ct).ConfigureAwait(false);
            var keyName = parse.GetValue(revokeName)!;
            if (!await ApiKeyStore.RevokeAsync(workspace, keyName, ct).ConfigureAwait(false))
            {
                throw new SegmentaInputException($"no active key named '{keyName}' (see `segmenta keys list`)");
            }
            ctx.Emit(new { name = keyName, revoked = true }, c => c.MarkupLine($"Revoked key [bold]{Markup.Escape(keyName)}[/]."));
        }));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static string CliFormat(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
