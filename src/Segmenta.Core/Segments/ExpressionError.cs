using System.Globalization;
using System.Text;

namespace Segmenta.Core.Segments;

/// <summary>Builds the user-facing errors of the condition language: message, then the text with a caret.</summary>
internal static class ExpressionError
{
    /// <summary>"column 7" for one-line texts, "line 2, column 3" otherwise (both 1-based).</summary>
    public static string Location(string text, int offset)
    {
        var (line, column, _, _) = Locate(text, offset);
        return text.Contains('\n', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}")
            : string.Create(CultureInfo.InvariantCulture, $"column {column}");
    }

    /// <summary>The error: <paramref name="message"/>, then the offending line and a caret under <paramref name="offset"/>.</summary>
    public static SegmentaInputException Create(string text, int offset, string message)
    {
        var (_, column, lineStart, lineEnd) = Locate(text, offset);
        var line = text[lineStart..lineEnd];
        var caret = new StringBuilder("  ");
        for (var i = 0; i < column - 1; i++)
        {
            caret.Append(i < line.Length && line[i] == '\t' ? '\t' : ' ');
        }
        caret.Append('^');
        return new SegmentaInputException($"{message}\n  {line}\n{caret}");
    }

    private static (int Line, int Column, int LineStart, int LineEnd) Locate(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        var lineEnd = text.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }
        if (lineEnd > lineStart && text[lineEnd - 1] == '\r')
        {
            lineEnd--;
        }
        return (line, offset - lineStart + 1, lineStart, lineEnd);
    }
}
