namespace Segmenta.Core.Segments;

/// <summary><c>not x</c> or <c>-x</c>.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The operand.</param>
/// <param name="Offset">0-based position of the operator.</param>
public sealed record UnaryExpression(UnaryOperator Operator, SegmentExpression Operand, int Offset) : SegmentExpression(Offset);
