namespace Segmenta.Core.Segments;

/// <summary><c>x is null</c> or <c>x is not null</c>.</summary>
/// <param name="Operand">The value tested.</param>
/// <param name="Negated">Whether it is <c>is not null</c>.</param>
/// <param name="Offset">0-based position of <c>is</c>.</param>
public sealed record IsNullExpression(SegmentExpression Operand, bool Negated, int Offset) : SegmentExpression(Offset);
