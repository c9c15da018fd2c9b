using System.CommandLine;

namespace Segmenta.Cli.Commands;

/// <summary>Placeholder replaced when the simulator lands.</summary>
internal static class DemoCommand
{
    public static Command Create(Func<ParseResult, CliContext> context) => new("demo", "Simulate a shop and run every analysis");
}
