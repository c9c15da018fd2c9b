using System.Diagnostics;
using System.Globalization;

namespace Segmenta.Storage;

/// <summary>
/// SEGMENTA_TRACE=1 writes each SQL statement's and each model step's time to stderr, for finding slow
/// steps (<c>full</c> also prints whole statements). One switch for every engine and workflow.
/// </summary>
public static class SegmentaTrace
{
    private static readonly string? Setting = Environment.GetEnvironmentVariable("SEGMENTA_TRACE");

    /// <summary>Whether tracing is on.</summary>
    public static bool Enabled { get; } = Setting is "1" or "full";

    /// <summary>A statement's time since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp), tagged <paramref name="tag"/> (sql, ch).</summary>
    public static void Statement(string tag, string sql, long started)
    {
        if (!Enabled)
        {
            return;
        }
        var text = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        var shown = text.Length > 110 && Setting != "full" ? text[..110] : text;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{tag,-3} {Stopwatch.GetElapsedTime(started).TotalMilliseconds,8:0.0} ms] {shown}"));
    }

    /// <summary>A workflow step's time on <paramref name="clock"/>, which then restarts for the next step.</summary>
    public static void Step(string step, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Enabled)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[step {clock.Elapsed.TotalMilliseconds,8:0.0} ms] {step}"));
        }
        clock.Restart();
    }
}
