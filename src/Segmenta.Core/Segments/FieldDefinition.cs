using System.Text.RegularExpressions;

namespace Segmenta.Core.Segments;

/// <summary>A field that segment conditions may name, with the SQL column it compiles to.</summary>
public sealed partial record FieldDefinition
{
    /// <summary>Creates a field definition.</summary>
    /// <param name="name">The name users write in conditions: a letter or underscore, then letters, digits, underscores.</param>
    /// <param name="type">The value type.</param>
    /// <param name="sqlColumn">The SQL column (optionally <c>table.column</c>) the field compiles to; same character rules as the name.</param>
    /// <param name="description">What the field means, for help texts.</param>
    /// <exception cref="SegmentaInputException">The name or the column is not a plain identifier, or the name is a keyword.</exception>
    public FieldDefinition(string name, FieldType type, string sqlColumn, string description)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sqlColumn);
        if (!NamePattern().IsMatch(name))
        {
            throw new SegmentaInputException(
                $"field name '{name}' is not valid: use a letter or underscore, then letters, digits or underscores");
        }
        if (ExpressionTokenizer.IsKeyword(name))
        {
            throw new SegmentaInputException($"field name '{name}' is a reserved word of the condition language");
        }
        if (!ColumnPattern().IsMatch(sqlColumn))
        {
            throw new SegmentaInputException(
                $"SQL column '{sqlColumn}' of field '{name}' is not a plain column name (letters, digits, underscores, optionally 'table.column')");
        }
        Name = name;
        Type = type;
        SqlColumn = sqlColumn;
        Description = description ?? string.Empty;
    }

    /// <summary>The name users write in conditions (matched case-insensitively).</summary>
    public string Name { get; }

    /// <summary>The value type.</summary>
    public FieldType Type { get; }

    /// <summary>The SQL column the field compiles to; the only source of column names in compiled SQL.</summary>
    public string SqlColumn { get; }

    /// <summary>What the field means, for help texts.</summary>
    public string Description { get; }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ColumnPattern();
}
