using System.Globalization;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>How the terminal shows values: the report's invariant formatting, escaped for Spectre markup.</summary>
internal static class CliFormat
{
    /// <summary>A value as the HTML report shows it, safe inside markup.</summary>
    public static string Cell(object? value) => Markup.Escape(Engine.Reports.HtmlReport.Format(value));

    /// <summary>A share as a percentage with one decimal; an em dash for none.</summary>
    public static string Percent(object? value) =>
        value is null ? "—" : Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("P1", CultureInfo.InvariantCulture);
}
