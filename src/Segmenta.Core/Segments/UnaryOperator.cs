namespace Segmenta.Core.Segments;

/// <summary>Operators with one operand.</summary>
public enum UnaryOperator
{
    /// <summary>Logical <c>not</c>.</summary>
    Not,
    /// <summary>Arithmetic negation <c>-x</c>.</summary>
    Negate,
}
