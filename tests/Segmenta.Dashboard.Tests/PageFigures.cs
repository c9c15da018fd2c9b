using System.Globalization;
using System.Text.Json;

namespace Segmenta.Dashboard.Tests;

/// <summary>Reads a figure's JSON value back and checks the text a page shows for it, at the precision its format prints.</summary>
internal static class PageFigures
{
    /// <summary>Follows a dotted path (array indices as numbers) into <paramref name="json"/>.</summary>
    public static JsonElement Resolve(JsonElement json, string path)
    {
        var current = json;
        foreach (var part in path.Split('.'))
        {
            current = current.ValueKind == JsonValueKind.Array
                ? current[int.Parse(part, CultureInfo.InvariantCulture)]
                : current.GetProperty(part);
        }
        return current;
    }

    /// <summary>Every number under a path with <c>*</c> wildcards over arrays, in order, nulls left out.</summary>
    public static IEnumerable<double> Flatten(JsonElement json, string path)
    {
        IEnumerable<JsonElement> current = [json];
        foreach (var part in path.Split('.'))
        {
            current = part == "*"
                ? current.SelectMany(e => e.EnumerateArray())
                : current.Select(e => e.ValueKind == JsonValueKind.Array ? e[int.Parse(part, CultureInfo.InvariantCulture)] : e.GetProperty(part));
        }
        return current.Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetDouble());
    }

    /// <summary>Asserts that <paramref name="shown"/> is <paramref name="value"/> printed in <paramref name="format"/>.</summary>
    public static void AssertShows(JsonElement value, string format, string shown, string where)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            Assert.True(shown == "—", $"{where}: JSON is null but the page shows '{shown}'");
            return;
        }
        if (format == "raw")
        {
            Assert.True(value.GetRawText() == shown, $"{where}: JSON {value.GetRawText()}, page '{shown}'");
            return;
        }
        var expected = value.GetDouble();
        var text = shown.Replace(",", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal);
        Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number), $"{where}: '{shown}' is not a number");
        // The page rounds to its format; the JSON value must round to exactly what is shown.
        var (scale, step) = format switch
        {
            "int" => (1.0, 1.0),
            "money" or "dec2" => (1.0, 0.01),
            "dec1" => (1.0, 0.1),
            "dec3" => (1.0, 0.001),
            "pct" => (100.0, 0.1),
            "pct2" => (100.0, 0.01),
            _ => throw new InvalidOperationException($"{where}: unknown format {format}"),
        };
        Assert.True(Math.Abs(expected * scale - number) <= step / 2 + 1e-9 * Math.Max(1, Math.Abs(number)),
            $"{where}: JSON {expected.ToString("R", CultureInfo.InvariantCulture)} ({format}) but the page shows '{shown}'");
    }
}
