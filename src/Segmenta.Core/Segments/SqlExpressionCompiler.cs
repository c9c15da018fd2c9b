using System.Globalization;
using System.Text;

namespace Segmenta.Core.Segments;

/// <summary>
/// Compiles a checked condition to a parameterised SQL boolean expression (DuckDB/PostgreSQL
/// syntax). Column names come only from the <see cref="FieldCatalog"/>; every literal the user
/// wrote becomes a placeholder <c>$n</c> whose value is returned separately. Parentheses are added
/// wherever SQL precedence could differ from the condition's; <c>not</c> always wraps its operand.
/// Division compiles to <c>a / NULLIF(b, 0)</c> so division by zero gives NULL as in memory.
/// </summary>
internal sealed class SqlExpressionCompiler
{
    private const int OrLevel = 1;
    private const int AndLevel = 2;
    private const int NotLevel = 3;
    private const int PredicateLevel = 4;
    private const int SumLevel = 5;
    private const int ProductLevel = 6;
    private const int UnaryLevel = 7;
    private const int AtomLevel = 8;

    private readonly FieldCatalog _catalog;
    private readonly int _firstIndex;
    private readonly List<object> _parameters = [];

    private SqlExpressionCompiler(FieldCatalog catalog, int firstIndex)
    {
        _catalog = catalog;
        _firstIndex = firstIndex;
    }

    /// <summary>Compiles <paramref name="e"/>; placeholders are numbered from <paramref name="firstIndex"/>.</summary>
    public static CompiledSql Compile(SegmentExpression e, FieldCatalog catalog, int firstIndex)
    {
        var compiler = new SqlExpressionCompiler(catalog, firstIndex);
        var (sql, _) = compiler.Emit(e);
        return new CompiledSql(sql, compiler._parameters.ToArray());
    }

    /// <summary>The operator as written in SQL (and in messages).</summary>
    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        _ => "/",
    };

    private string Parameter(object value)
    {
        _parameters.Add(value);
        return string.Create(CultureInfo.InvariantCulture, $"${_firstIndex + _parameters.Count - 1}");
    }

    private static string Wrap((string Sql, int Level) part, int minimumLevel) =>
        part.Level >= minimumLevel ? part.Sql : "(" + part.Sql + ")";

    private (string Sql, int Level) Emit(SegmentExpression e)
    {
        switch (e)
        {
            case FieldExpression f:
                return _catalog.TryGet(f.Name, out var field)
                    ? (field.SqlColumn, AtomLevel)
                    : throw new InvalidOperationException($"field '{f.Name}' was not checked against the catalog");
            case LiteralExpression l:
                return (Parameter(l.Value), AtomLevel);
            case UnaryExpression { Operator: UnaryOperator.Not } u:
                return ("NOT (" + Emit(u.Operand).Sql + ")", NotLevel);
            case UnaryExpression u:
                return ("-" + Wrap(Emit(u.Operand), AtomLevel), UnaryLevel);
            case BinaryExpression b:
                return EmitBinary(b);
            case InExpression i:
                {
                    var operand = Wrap(Emit(i.Operand), SumLevel);
                    var list = string.Join(", ", i.Values.Select(v => Parameter(v.Value)));
                    return ($"{operand} {(i.Negated ? "NOT IN" : "IN")} ({list})", PredicateLevel);
                }
            case BetweenExpression bt:
                {
                    var operand = Wrap(Emit(bt.Operand), SumLevel);
                    var low = Wrap(Emit(bt.Low), SumLevel);
                    var high = Wrap(Emit(bt.High), SumLevel);
                    return ($"{operand} {(bt.Negated ? "NOT BETWEEN" : "BETWEEN")} {low} AND {high}", PredicateLevel);
                }
            case IsNullExpression n:
                return ($"{Wrap(Emit(n.Operand), SumLevel)} {(n.Negated ? "IS NOT NULL" : "IS NULL")}", PredicateLevel);
            default:
                throw new InvalidOperationException($"unknown syntax node {e.GetType().Name}");
        }
    }

    private (string Sql, int Level) EmitBinary(BinaryExpression b)
    {
        var level = b.Operator switch
        {
            BinaryOperator.Or => OrLevel,
            BinaryOperator.And => AndLevel,
            BinaryOperator.Add or BinaryOperator.Subtract => SumLevel,
            BinaryOperator.Multiply or BinaryOperator.Divide => ProductLevel,
            _ => PredicateLevel,
        };
        var left = Emit(b.Left);
        var right = Emit(b.Right);
        var sql = new StringBuilder();
        switch (level)
        {
            case OrLevel or AndLevel:
                sql.Append(Wrap(left, level)).Append(level == OrLevel ? " OR " : " AND ").Append(Wrap(right, level));
                break;
            case PredicateLevel:
                // Comparisons do not chain: operands must bind tighter.
                sql.Append(Wrap(left, SumLevel)).Append(' ').Append(Symbol(b.Operator)).Append(' ').Append(Wrap(right, SumLevel));
                break;
            default:
                sql.Append(Wrap(left, level)).Append(' ').Append(Symbol(b.Operator)).Append(' ');
                if (b.Operator == BinaryOperator.Divide)
                {
                    sql.Append("NULLIF(").Append(right.Sql).Append(", 0)");
                }
                else
                {
                    // Right operand of - and / must bind tighter (a - (b - c)); + and * likewise kept explicit.
                    sql.Append(Wrap(right, level + 1));
                }
                break;
        }
        return (sql.ToString(), level);
    }
}
