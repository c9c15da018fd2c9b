namespace Segmenta.Core.Segments;

/// <summary>
/// A segment condition that has been parsed and checked against a <see cref="FieldCatalog"/>: it
/// names only known fields, its types fit and it is true/false-valued. Evaluate it in memory with
/// <see cref="Matches"/> or compile it to parameterised SQL with <see cref="ToSql"/>.
/// </summary>
/// <example>
/// <code>
/// var condition = SegmentCondition.Parse("r >= 4 and country in ('KR', 'JP')", FieldCatalog.Default);
/// CompiledSql sql = condition.ToSql();
/// // sql.Sql        == "r_score >= $1 AND country IN ($2, $3)"
/// // sql.Parameters == [4m, "KR", "JP"]
/// </code>
/// </example>
public sealed class SegmentCondition
{
    private SegmentCondition(string text, SegmentExpression syntax, FieldCatalog catalog)
    {
        Text = text;
        Syntax = syntax;
        Catalog = catalog;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The syntax tree.</summary>
    public SegmentExpression Syntax { get; }

    /// <summary>The catalog the condition was checked against and compiles with.</summary>
    public FieldCatalog Catalog { get; }

    /// <summary>The SQL columns of the fields the condition reads (so a query can leave out the others).</summary>
    public IReadOnlySet<string> Columns
    {
        get
        {
            var columns = new HashSet<string>(StringComparer.Ordinal);
            Collect(Syntax);
            return columns;

            void Collect(SegmentExpression e)
            {
                switch (e)
                {
                    case FieldExpression f when Catalog.TryGet(f.Name, out var definition):
                        columns.Add(definition.SqlColumn);
                        break;
                    case BinaryExpression b:
                        Collect(b.Left);
                        Collect(b.Right);
                        break;
                    case UnaryExpression u:
                        Collect(u.Operand);
                        break;
                    case BetweenExpression b:
                        Collect(b.Operand);
                        Collect(b.Low);
                        Collect(b.High);
                        break;
                    case InExpression i:
                        Collect(i.Operand);
                        break;
                    case IsNullExpression n:
                        Collect(n.Operand);
                        break;
                }
            }
        }
    }

    /// <summary>Parses and checks a condition.</summary>
    /// <param name="text">The condition, e.g. <c>r &gt;= 4 and f &gt;= 4</c>.</param>
    /// <param name="catalog">The fields it may use.</param>
    /// <returns>The checked condition.</returns>
    /// <exception cref="SegmentaInputException">
    /// A syntax error, an unknown field (with suggestions), a type error, or a condition that is not
    /// true/false-valued; the message gives the 1-based column and a caret line.
    /// </exception>
    public static SegmentCondition Parse(string text, FieldCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(catalog);
        var syntax = ExpressionParser.Parse(text);
        ExpressionTypeChecker.CheckCondition(syntax, catalog, text);
        return new SegmentCondition(text, syntax, catalog);
    }

    /// <summary>
    /// The condition's value over <paramref name="values"/> (keyed by catalog field name; missing
    /// keys are null) with SQL three-valued logic: <see langword="true"/>, <see langword="false"/>
    /// or <see langword="null"/> (unknown).
    /// </summary>
    /// <param name="values">Field values: numbers (any numeric CLR type), strings, bools or null.</param>
    /// <returns>The truth value, null when unknown.</returns>
    /// <exception cref="SegmentaInputException">A value does not fit its field's type.</exception>
    public bool? Evaluate(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return ExpressionEvaluator.Evaluate(Syntax, Catalog, values) as bool?;
    }

    /// <summary>Whether the condition is true for <paramref name="values"/> (unknown counts as no match, as in SQL WHERE).</summary>
    /// <param name="values">Field values keyed by catalog field name.</param>
    /// <returns><see langword="true"/> only when the condition evaluates to true.</returns>
    public bool Matches(IReadOnlyDictionary<string, object?> values) => Evaluate(values) == true;

    /// <summary>Compiles the condition to a SQL boolean expression with placeholders.</summary>
    /// <param name="firstParameterIndex">Number of the first placeholder (default 1 → <c>$1</c>), to embed in a larger query.</param>
    /// <returns>The SQL text and its parameter values.</returns>
    public CompiledSql ToSql(int firstParameterIndex = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstParameterIndex, 1);
        return SqlExpressionCompiler.Compile(Syntax, Catalog, firstParameterIndex);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
