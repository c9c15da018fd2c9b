namespace Segmenta.Core.Segments;

/// <summary>A node of a parsed segment condition.</summary>
/// <param name="Offset">0-based position in the condition text that errors about this node point at.</param>
public abstract record SegmentExpression(int Offset);
