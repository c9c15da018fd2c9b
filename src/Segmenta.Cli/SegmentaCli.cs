using System.CommandLine;
using System.Text.Json;
using DuckDB.NET.Data;
using Segmenta.Cli.Commands;
using Segmenta.Core;

namespace Segmenta.Cli;

/// <summary>
/// The <c>segmenta</c> command line (docs/cli.md). Exit codes: 0 ok, 1 bad input (a message that
/// says what and where), 2 usage, 3 internal error. No stack trace reaches the user.
/// </summary>
public static class SegmentaCli
{
    /// <summary>Exit code: success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: the input or configuration is wrong; the message says what to fix.</summary>
    public const int BadInput = 1;

    /// <summary>Exit code: the command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Exit code: a bug or an environment failure.</summary>
    public const int Internal = 3;

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var workspace = new Option<string?>("--workspace", "-w") { Description = "Workspace folder (default: $SEGMENTA_WORKSPACE, else the current folder)", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON document on stdout (progress goes to stderr)", Recursive = true };
        var root = new RootCommand("Segmenta: customer segmentation and CRM marketing for online shops");
        root.Options.Add(workspace);
        root.Options.Add(json);

        Func<System.CommandLine.ParseResult, CliContext> context = parse => new CliContext(parse, workspace, json);
        foreach (var command in new[]
                 {
                     InitCommand.Create(context), DemoCommand.Create(context), ImportCommand.Create(context),
                     QualityCommand.Create(context), MetricsCommand.Create(context), EraseCommand.Create(context),
                     ReportCommand.Create(context), ExperimentCommand.Create(context), ClvCommand.Create(context),
                     RfmCommand.Create(context), SegmentsCommand.Create(context), BasketCommand.Create(context),
                     BasketCommand.CreateRecommend(context), CohortsCommand.Create(context), CohortsCommand.CreateFunnel(context),
                     PredictCommand.Create(context), ClusterCommand.Create(context), ServeCommand.Create(context),
                     JourneyCommand.Create(context), CouponCommand.Create(context), CampaignCommand.Create(context),
                     KeysCommand.Create(context), SqlCommand.Create(context),
                 })
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("usage error: " + error.Message).ConfigureAwait(false);
            }
            await Console.Error.WriteLineAsync("run `segmenta --help` for the commands and options").ConfigureAwait(false);
            return Usage;
        }
        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>Wraps a command's work: maps errors to exit codes and clear messages.</summary>
    internal static Func<System.CommandLine.ParseResult, CancellationToken, Task<int>> Action(
        Func<System.CommandLine.ParseResult, CliContext> context, Func<System.CommandLine.ParseResult, CliContext, CancellationToken, Task> work) =>
        async (parse, ct) =>
        {
            CliContext? ctx = null;
            try
            {
                ctx = context(parse);
                await work(parse, ctx, ct).ConfigureAwait(false);
                return Ok;
            }
            catch (SegmentaInputException e)
            {
                return Fail(ctx, BadInput, e.Message);
            }
            catch (OperationCanceledException)
            {
                return Fail(ctx, BadInput, "cancelled");
            }
            catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(ctx, BadInput, "the workspace database is in use by another segmenta process (" + e.Message.Split('\n')[0] + ")");
            }
            catch (Exception e)
            {
                if (Environment.GetEnvironmentVariable("SEGMENTA_TRACE") is not null)
                {
                    await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false); // for bug reports: SEGMENTA_TRACE=1
                }
                return Fail(ctx, Internal, $"internal error ({e.GetType().Name}): {e.Message.Split('\n')[0]} — please report it with the command you ran (SEGMENTA_TRACE=1 adds the stack trace)");
            }
        };

    private static int Fail(CliContext? ctx, int code, string message)
    {
        if (ctx?.JsonOutput == true)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new { error = new { code, message } }, CliContext.Json));
        }
        Console.Error.WriteLine("error: " + message);
        return code;
    }
}
