namespace Segmenta.Core.Segments;

/// <summary>A field name, e.g. <c>recency</c>.</summary>
/// <param name="Name">The name as written.</param>
/// <param name="Offset">0-based position of the name.</param>
public sealed record FieldExpression(string Name, int Offset) : SegmentExpression(Offset);
