namespace Segmenta.Core.Segments;

/// <summary>A logical, comparison or arithmetic operation on two operands.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Offset">0-based position of the operator.</param>
public sealed record BinaryExpression(BinaryOperator Operator, SegmentExpression Left, SegmentExpression Right, int Offset)
    : SegmentExpression(Offset);
