using System.Globalization;

namespace Segmenta.Core.Segments;

/// <summary>Checks a parsed condition against a <see cref="FieldCatalog"/>: every field known, every operator given operands of the right type.</summary>
internal sealed class ExpressionTypeChecker
{
    private readonly FieldCatalog _catalog;
    private readonly string _text;

    private ExpressionTypeChecker(FieldCatalog catalog, string text)
    {
        _catalog = catalog;
        _text = text;
    }

    /// <summary>Checks the whole condition, which must be true/false-valued.</summary>
    public static void CheckCondition(SegmentExpression expression, FieldCatalog catalog, string text)
    {
        var checker = new ExpressionTypeChecker(catalog, text);
        var type = checker.TypeOf(expression);
        if (type != FieldType.Bool)
        {
            throw ExpressionError.Create(text, expression.Offset,
                $"type error at {ExpressionError.Location(text, expression.Offset)}: a condition must be true or false, but this is {Describe(expression, type)}; compare it with something, e.g. '>= 4'");
        }
    }

    /// <summary>Human name of a type.</summary>
    public static string Name(FieldType type) => type switch
    {
        FieldType.Number => "number",
        FieldType.Text => "text",
        _ => "true/false",
    };

    private SegmentaInputException TypeError(int offset, string problem) =>
        ExpressionError.Create(_text, offset, $"type error at {ExpressionError.Location(_text, offset)}: {problem}");

    private static string Describe(SegmentExpression e, FieldType type) => e switch
    {
        FieldExpression f => $"the {Name(type)} field '{f.Name}'",
        LiteralExpression { Value: string s } => $"the text '{s}'",
        LiteralExpression { Value: decimal d } => string.Create(CultureInfo.InvariantCulture, $"the number {d}"),
        LiteralExpression { Value: bool b } => b ? "true" : "false",
        _ => type switch
        {
            FieldType.Number => "a number",
            FieldType.Text => "a text",
            _ => "a true/false condition",
        },
    };

    private FieldType TypeOf(SegmentExpression e)
    {
        switch (e)
        {
            case FieldExpression f:
                if (_catalog.TryGet(f.Name, out var field))
                {
                    return field.Type;
                }
                throw UnknownField(f);
            case LiteralExpression l:
                return l.Type;
            case UnaryExpression { Operator: UnaryOperator.Not } u:
                Require(u.Operand, FieldType.Bool, "'not'");
                return FieldType.Bool;
            case UnaryExpression u:
                Require(u.Operand, FieldType.Number, "'-'");
                return FieldType.Number;
            case BinaryExpression b:
                return TypeOfBinary(b);
            case InExpression i:
                {
                    var type = TypeOf(i.Operand);
                    foreach (var v in i.Values)
                    {
                        if (v.Type != type)
                        {
                            throw TypeError(v.Offset,
                                $"the list of 'in' mixes types: {Describe(i.Operand, type)} cannot equal {Describe(v, v.Type)}");
                        }
                    }
                    return FieldType.Bool;
                }
            case BetweenExpression bt:
                Require(bt.Operand, FieldType.Number, "'between'");
                Require(bt.Low, FieldType.Number, "'between'");
                Require(bt.High, FieldType.Number, "'between'");
                return FieldType.Bool;
            case IsNullExpression n:
                TypeOf(n.Operand);
                return FieldType.Bool;
            default:
                throw new InvalidOperationException($"unknown syntax node {e.GetType().Name}");
        }
    }

    private FieldType TypeOfBinary(BinaryExpression b)
    {
        var symbol = SqlExpressionCompiler.Symbol(b.Operator);
        switch (b.Operator)
        {
            case BinaryOperator.And:
            case BinaryOperator.Or:
                Require(b.Left, FieldType.Bool, $"'{symbol}'");
                Require(b.Right, FieldType.Bool, $"'{symbol}'");
                return FieldType.Bool;
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
            case BinaryOperator.Multiply:
            case BinaryOperator.Divide:
                Require(b.Left, FieldType.Number, $"'{symbol}'");
                Require(b.Right, FieldType.Number, $"'{symbol}'");
                return FieldType.Number;
            default:
                {
                    var left = TypeOf(b.Left);
                    var right = TypeOf(b.Right);
                    if (left != right)
                    {
                        throw TypeError(b.Offset,
                            $"cannot compare {Describe(b.Left, left)} with {Describe(b.Right, right)}");
                    }
                    if (left != FieldType.Number && b.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual))
                    {
                        throw TypeError(b.Offset,
                            $"'{symbol}' cannot order {Name(left)} values ({Describe(b.Left, left)}); {Name(left)} allows only =, != and in");
                    }
                    return FieldType.Bool;
                }
        }
    }

    private void Require(SegmentExpression operand, FieldType expected, string what)
    {
        var actual = TypeOf(operand);
        if (actual != expected)
        {
            throw TypeError(operand.Offset,
                $"{what} needs {(expected == FieldType.Bool ? "a true/false condition" : "a " + Name(expected))}, but got {Describe(operand, actual)}");
        }
    }

    private SegmentaInputException UnknownField(FieldExpression f)
    {
        var suggestions = _catalog.Suggest(f.Name);
        string hint;
        if (suggestions.Count > 0)
        {
            var quoted = suggestions.Select(s => $"'{s}'").ToList();
            var list = quoted.Count == 1
                ? quoted[0]
                : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[^1];
            hint = $"did you mean {list}?";
        }
        else
        {
            hint = "known fields: " + string.Join(", ", _catalog.Fields.Select(x => x.Name));
        }
        return ExpressionError.Create(_text, f.Offset,
            $"unknown field '{f.Name}' at {ExpressionError.Location(_text, f.Offset)}; {hint}");
    }
}
