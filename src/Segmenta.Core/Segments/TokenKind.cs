namespace Segmenta.Core.Segments;

/// <summary>The kinds of token in a segment condition.</summary>
public enum TokenKind
{
    /// <summary>A field name.</summary>
    Identifier,
    /// <summary>A number literal such as <c>3</c> or <c>0.25</c>.</summary>
    Number,
    /// <summary>A single-quoted string literal; <c>''</c> inside stands for one quote.</summary>
    Text,
    /// <summary>Keyword <c>true</c>.</summary>
    True,
    /// <summary>Keyword <c>false</c>.</summary>
    False,
    /// <summary>Keyword <c>null</c>.</summary>
    Null,
    /// <summary>Keyword <c>and</c>.</summary>
    And,
    /// <summary>Keyword <c>or</c>.</summary>
    Or,
    /// <summary>Keyword <c>not</c>.</summary>
    Not,
    /// <summary>Keyword <c>in</c>.</summary>
    In,
    /// <summary>Keyword <c>between</c>.</summary>
    Between,
    /// <summary>Keyword <c>is</c>.</summary>
    Is,
    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equal,
    /// <summary><c>!=</c> or <c>&lt;&gt;</c>.</summary>
    NotEqual,
    /// <summary><c>&lt;</c>.</summary>
    Less,
    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,
    /// <summary><c>&gt;</c>.</summary>
    Greater,
    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,
    /// <summary><c>+</c>.</summary>
    Plus,
    /// <summary><c>-</c>.</summary>
    Minus,
    /// <summary><c>*</c>.</summary>
    Star,
    /// <summary><c>/</c>.</summary>
    Slash,
    /// <summary><c>(</c>.</summary>
    LeftParen,
    /// <summary><c>)</c>.</summary>
    RightParen,
    /// <summary><c>,</c>.</summary>
    Comma,
    /// <summary>The end of the text.</summary>
    End,
}
