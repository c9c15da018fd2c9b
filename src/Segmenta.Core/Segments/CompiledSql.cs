namespace Segmenta.Core.Segments;

/// <summary>
/// A condition compiled to SQL: text with numbered placeholders <c>$1, $2, …</c> and the values to
/// bind to them, in order. User-written values never appear in <see cref="Sql"/>.
/// </summary>
/// <param name="Sql">The SQL boolean expression (or CASE expression) text.</param>
/// <param name="Parameters">Values for the placeholders in order: <see cref="decimal"/>, <see cref="string"/> or <see cref="bool"/>. Element k is bound to placeholder <c>$(firstIndex + k)</c>.</param>
public sealed record CompiledSql(string Sql, IReadOnlyList<object> Parameters);
