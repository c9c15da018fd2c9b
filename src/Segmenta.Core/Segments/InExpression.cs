namespace Segmenta.Core.Segments;

/// <summary><c>x in ('a', 'b')</c> or <c>x not in (…)</c>.</summary>
/// <param name="Operand">The value tested.</param>
/// <param name="Values">The literal values of the list, at least one.</param>
/// <param name="Negated">Whether it is <c>not in</c>.</param>
/// <param name="Offset">0-based position of <c>in</c> (or of <c>not</c> in <c>not in</c>).</param>
public sealed record InExpression(SegmentExpression Operand, IReadOnlyList<LiteralExpression> Values, bool Negated, int Offset)
    : SegmentExpression(Offset);
