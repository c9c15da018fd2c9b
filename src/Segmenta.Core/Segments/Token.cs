namespace Segmenta.Core.Segments;

/// <summary>One token of a segment condition.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The characters as written (for strings, including the quotes).</param>
/// <param name="Offset">0-based position of the first character in the condition text.</param>
/// <param name="Value">For numbers the <see cref="decimal"/> value, for strings the unquoted text, else null.</param>
public readonly record struct Token(TokenKind Kind, string Text, int Offset, object? Value)
{
    /// <summary>How error messages name the token: <c>'and'</c>, or <c>end of condition</c>.</summary>
    public string Describe() => Kind == TokenKind.End ? "end of condition" : $"'{Text}'";
}
