namespace Segmenta.Core.Segments;

/// <summary>A literal value written by the user: a number, a text or true/false.</summary>
/// <param name="Value">A <see cref="decimal"/>, a <see cref="string"/> or a <see cref="bool"/>.</param>
/// <param name="Offset">0-based position of the literal.</param>
public sealed record LiteralExpression(object Value, int Offset) : SegmentExpression(Offset)
{
    /// <summary>The literal's type.</summary>
    public FieldType Type => Value switch
    {
        decimal => FieldType.Number,
        string => FieldType.Text,
        bool => FieldType.Bool,
        _ => throw new InvalidOperationException("literal of unsupported type"),
    };
}
