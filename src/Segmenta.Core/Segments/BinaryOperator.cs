namespace Segmenta.Core.Segments;

/// <summary>Operators with two operands.</summary>
public enum BinaryOperator
{
    /// <summary><c>or</c>.</summary>
    Or,
    /// <summary><c>and</c>.</summary>
    And,
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
    Add,
    /// <summary><c>-</c>.</summary>
    Subtract,
    /// <summary><c>*</c>.</summary>
    Multiply,
    /// <summary><c>/</c>; division by zero gives null (no value).</summary>
    Divide,
}
