using System.Globalization;

namespace Segmenta.Core.Segments;

/// <summary>
/// Evaluates a checked condition over in-memory field values, with SQL's three-valued logic so the
/// result agrees with the compiled SQL: a missing or null value makes comparisons unknown (null);
/// <c>false and unknown</c> is false, <c>true or unknown</c> is true; division by zero is null; a
/// condition matches only when it is true.
/// </summary>
internal static class ExpressionEvaluator
{
    /// <summary>The value of <paramref name="e"/>: a decimal, string, bool or null.</summary>
    public static object? Evaluate(SegmentExpression e, FieldCatalog catalog, IReadOnlyDictionary<string, object?> values) => e switch
    {
        FieldExpression f => Lookup(f, catalog, values),
        LiteralExpression l => l.Value,
        UnaryExpression { Operator: UnaryOperator.Not } u => Evaluate(u.Operand, catalog, values) is bool b ? !b : null,
        UnaryExpression u => Evaluate(u.Operand, catalog, values) is decimal d ? -d : null,
        BinaryExpression b => EvaluateBinary(b, catalog, values),
        InExpression i => EvaluateIn(i, catalog, values),
        BetweenExpression bt => EvaluateBetween(bt, catalog, values),
        IsNullExpression n => (Evaluate(n.Operand, catalog, values) is null) != n.Negated,
        _ => throw new InvalidOperationException($"unknown syntax node {e.GetType().Name}"),
    };

    private static object? Lookup(FieldExpression f, FieldCatalog catalog, IReadOnlyDictionary<string, object?> values)
    {
        if (!catalog.TryGet(f.Name, out var field))
        {
            throw new InvalidOperationException($"field '{f.Name}' was not checked against the catalog");
        }
        if (!values.TryGetValue(field.Name, out var raw) || raw is null)
        {
            return null;
        }
        object? value = field.Type switch
        {
            FieldType.Number => raw switch
            {
                decimal d => d,
                int or long or short or byte or sbyte or ushort or uint or ulong => Convert.ToDecimal(raw, CultureInfo.InvariantCulture),
                double or float when double.IsFinite(Convert.ToDouble(raw, CultureInfo.InvariantCulture))
                    => Convert.ToDecimal(raw, CultureInfo.InvariantCulture),
                double or float => null,
                _ => Mismatch(field, raw),
            },
            FieldType.Text => raw as string ?? Mismatch(field, raw),
            _ => raw as bool? ?? Mismatch(field, raw),
        };
        return value;
    }

    private static object Mismatch(FieldDefinition field, object raw) =>
        throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
            $"field '{field.Name}' holds {ExpressionTypeChecker.Name(field.Type)} values, but the value given is {raw.GetType().Name} '{raw}'"));

    private static object? EvaluateBinary(BinaryExpression b, FieldCatalog catalog, IReadOnlyDictionary<string, object?> values)
    {
        if (b.Operator == BinaryOperator.And)
        {
            var l = Evaluate(b.Left, catalog, values) as bool?;
            var r = Evaluate(b.Right, catalog, values) as bool?;
            return l == false || r == false ? false : l is null || r is null ? null : true;
        }
        if (b.Operator == BinaryOperator.Or)
        {
            var l = Evaluate(b.Left, catalog, values) as bool?;
            var r = Evaluate(b.Right, catalog, values) as bool?;
            return l == true || r == true ? true : l is null || r is null ? null : false;
        }
        var left = Evaluate(b.Left, catalog, values);
        var right = Evaluate(b.Right, catalog, values);
        if (left is null || right is null)
        {
            return null;
        }
        switch (b.Operator)
        {
            case BinaryOperator.Equal:
                return Same(left, right);
            case BinaryOperator.NotEqual:
                return !Same(left, right);
            case BinaryOperator.Less:
                return (decimal)left < (decimal)right;
            case BinaryOperator.LessOrEqual:
                return (decimal)left <= (decimal)right;
            case BinaryOperator.Greater:
                return (decimal)left > (decimal)right;
            case BinaryOperator.GreaterOrEqual:
                return (decimal)left >= (decimal)right;
            default:
                var x = (decimal)left;
                var y = (decimal)right;
                try
                {
                    return b.Operator switch
                    {
                        BinaryOperator.Add => x + y,
                        BinaryOperator.Subtract => x - y,
                        BinaryOperator.Multiply => x * y,
                        _ => y == 0 ? null : x / y,
                    };
                }
                catch (OverflowException ex)
                {
                    throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                        $"arithmetic overflow computing {x} {SqlExpressionCompiler.Symbol(b.Operator)} {y}"), ex);
                }
        }
    }

    private static bool Same(object left, object right) => (left, right) switch
    {
        (decimal a, decimal b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        _ => false,
    };

    private static bool? EvaluateIn(InExpression i, FieldCatalog catalog, IReadOnlyDictionary<string, object?> values)
    {
        var operand = Evaluate(i.Operand, catalog, values);
        if (operand is null)
        {
            return null;
        }
        var found = i.Values.Any(v => Same(operand, v.Value));
        return found != i.Negated;
    }

    private static bool? EvaluateBetween(BetweenExpression bt, FieldCatalog catalog, IReadOnlyDictionary<string, object?> values)
    {
        var x = Evaluate(bt.Operand, catalog, values) as decimal?;
        var low = Evaluate(bt.Low, catalog, values) as decimal?;
        var high = Evaluate(bt.High, catalog, values) as decimal?;
        bool? atLeast = x is null || low is null ? null : x >= low;
        bool? atMost = x is null || high is null ? null : x <= high;
        bool? inside = atLeast == false || atMost == false ? false : atLeast is null || atMost is null ? null : true;
        return inside is null ? null : inside != bt.Negated;
    }
}
