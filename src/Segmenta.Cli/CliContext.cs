using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segmenta.Engine.Workspaces;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>
/// What every command gets: the chosen workspace folder, whether to print JSON, and the two
/// consoles — stdout for the result (one JSON document with --json), stderr for progress and logs.
/// </summary>
internal sealed class CliContext
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public CliContext(ParseResult parse, Option<string?> workspace, Option<bool> json)
    {
        WorkspaceDirectory = Workspace.Resolve(parse.GetValue(workspace));
        JsonOutput = parse.GetValue(json);
        Out = AnsiConsole.Console;
        Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    }

    public string WorkspaceDirectory { get; }

    public bool JsonOutput { get; }

    /// <summary>The result console (stdout).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Progress and logs (stderr), so stdout stays one JSON document.</summary>
    public IAnsiConsole Err { get; }

    public TimeProvider Clock { get; } = TimeProvider.System;

    public Task<Workspace> OpenWorkspaceAsync(CancellationToken ct) => Workspace.OpenAsync(WorkspaceDirectory, ct);

    /// <summary>Prints the result: JSON, or the human rendering.</summary>
    public void Emit(object result, Action<IAnsiConsole> render)
    {
        if (JsonOutput)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result, result.GetType(), Json));
        }
        else
        {
            render(Out);
        }
    }

    /// <summary>Runs long work with a status line on stderr (silent for JSON consumers that redirect stderr).</summary>
    public async Task<T> WithStatusAsync<T>(string message, Func<Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            await Console.Error.WriteLineAsync(message).ConfigureAwait(false);
            return await work().ConfigureAwait(false);
        }
        return await Err.Status().StartAsync(message, _ => work()).ConfigureAwait(false);
    }

    public void Log(string message)
    {
        if (Console.IsErrorRedirected)
        {
            Console.Error.WriteLine(message);
        }
        else
        {
            Err.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
        }
    }
}
