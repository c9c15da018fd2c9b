using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Segmenta.Server;

namespace Segmenta.Cli.Commands;

/// <summary><c>segmenta serve [--urls URL]</c>: the ingestion API, profiles and dashboard for one workspace.</summary>
internal static class ServeCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        var command = new Command("serve", "Serve the ingestion API, customer profiles and the dashboard") { urls };
        command.SetAction(SegmentaCli.Action(context, async (parse, ctx, ct) =>
        {
            var app = await SegmentaServer.BuildAsync(new ServerOptions { WorkspaceDirectory = ctx.WorkspaceDirectory, Urls = parse.GetValue(urls)! }, ct).ConfigureAwait(false);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(ct).ConfigureAwait(false);
                ctx.Log($"Serving {ctx.WorkspaceDirectory} on {string.Join(", ", app.Urls)} (Ctrl+C stops)");
                await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }
        }));
        return command;
    }
}
