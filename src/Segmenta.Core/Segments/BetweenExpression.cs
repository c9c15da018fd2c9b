namespace Segmenta.Core.Segments;

/// <summary><c>x between low and high</c> (both ends included) or <c>x not between …</c>.</summary>
/// <param name="Operand">The value tested.</param>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
/// <param name="Negated">Whether it is <c>not between</c>.</param>
/// <param name="Offset">0-based position of <c>between</c> (or of <c>not</c>).</param>
public sealed record BetweenExpression(SegmentExpression Operand, SegmentExpression Low, SegmentExpression High, bool Negated, int Offset)
    : SegmentExpression(Offset);
