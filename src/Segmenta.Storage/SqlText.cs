namespace Segmenta.Storage;

/// <summary>
/// Quoting for the few places where a name or path must appear in SQL text (table functions take
/// no parameters). Values always travel as parameters; these only quote identifiers and paths.
/// </summary>
public static class SqlText
{
    /// <summary>A string literal: single quotes doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted identifier: double quotes doubled.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
