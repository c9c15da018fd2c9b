using System.Diagnostics;
using System.Text.Json;

namespace Segmenta.Testing;

/// <summary>
/// Runs the real <c>segmenta</c> program as a separate process: <c>segmenta.dll</c> must be built next to the
/// tests (a test project that references Segmenta.Cli has it).
/// </summary>
public static class SegmentaProcess
{
    /// <summary>What the process printed and returned.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Stdout parsed as the one JSON document of <c>--json</c>.</summary>
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    /// <summary>Runs <c>segmenta ARGS</c> with no SEGMENTA_WORKSPACE inherited, and waits for it.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "segmenta.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment.Remove("SEGMENTA_WORKSPACE");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
