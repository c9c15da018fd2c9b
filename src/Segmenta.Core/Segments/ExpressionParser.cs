namespace Segmenta.Core.Segments;

/// <summary>
/// Recursive-descent parser of segment conditions into a <see cref="SegmentExpression"/> tree.
/// It checks syntax only; <see cref="SegmentCondition.Parse"/> also checks fields and types.
/// </summary>
/// <remarks>
/// Grammar (keywords ignore case; lowest precedence first):
/// <code>
/// condition  := or END
/// or         := and ( "or" and )*
/// and        := not ( "and" not )*
/// not        := "not" not | predicate
/// predicate  := sum [ compare sum
///                   | ["not"] "in" "(" literal ( "," literal )* ")"
///                   | ["not"] "between" sum "and" sum
///                   | "is" ["not"] "null" ]
/// compare    := "=" | "==" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
/// sum        := product ( ("+" | "-") product )*
/// product    := unary ( ("*" | "/") unary )*
/// unary      := "-" unary | primary
/// primary    := NUMBER | STRING | "true" | "false" | FIELD | "(" or ")"
/// literal    := ["-"] NUMBER | STRING | "true" | "false"
/// </code>
/// </remarks>
public sealed class ExpressionParser
{
    private readonly string _text;
    private readonly IReadOnlyList<Token> _tokens;
    private int _position;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = ExpressionTokenizer.Tokenize(text);
    }

    /// <summary>Parses a condition.</summary>
    /// <param name="text">The condition text.</param>
    /// <returns>The syntax tree.</returns>
    /// <exception cref="SegmentaInputException">
    /// A syntax error; the message gives the 1-based column, the offending token and a caret line.
    /// </exception>
    public static SegmentExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text);
        if (parser.Current.Kind == TokenKind.End)
        {
            throw parser.Error(parser.Current, "the condition is empty");
        }
        var expression = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            var hint = parser.Current.Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less
                or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual
                ? " (comparisons cannot be chained; join them with 'and')"
                : " (join conditions with 'and' or 'or')";
            throw parser.Error(parser.Current, $"unexpected {parser.Current.Describe()}{hint}");
        }
        return expression;
    }

    private Token Current => _tokens[_position];

    private Token Next() => _tokens[_position++];

    private SegmentaInputException Error(Token at, string problem) =>
        ExpressionError.Create(_text, at.Offset, $"syntax error at {ExpressionError.Location(_text, at.Offset)}: {problem}");

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error(Current, $"expected {what} but found {Current.Describe()}");
        }
        return Next();
    }

    private SegmentExpression ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Or)
        {
            var op = Next();
            left = new BinaryExpression(BinaryOperator.Or, left, ParseAnd(), op.Offset);
        }
        return left;
    }

    private SegmentExpression ParseAnd()
    {
        var left = ParseNot();
        while (Current.Kind == TokenKind.And)
        {
            var op = Next();
            left = new BinaryExpression(BinaryOperator.And, left, ParseNot(), op.Offset);
        }
        return left;
    }

    private SegmentExpression ParseNot()
    {
        if (Current.Kind == TokenKind.Not)
        {
            var op = Next();
            return new UnaryExpression(UnaryOperator.Not, ParseNot(), op.Offset);
        }
        return ParsePredicate();
    }

    private SegmentExpression ParsePredicate()
    {
        var left = ParseSum();
        var token = Current;
        BinaryOperator? comparison = token.Kind switch
        {
            TokenKind.Equal => BinaryOperator.Equal,
            TokenKind.NotEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            _ => null,
        };
        if (comparison is not null)
        {
            Next();
            if (Current.Kind == TokenKind.Null)
            {
                throw Error(Current, $"cannot compare with null using '{token.Text}'; write 'is null' or 'is not null'");
            }
            return new BinaryExpression(comparison.Value, left, ParseSum(), token.Offset);
        }

        var negated = false;
        if (token.Kind == TokenKind.Not)
        {
            var after = _tokens[_position + 1];
            if (after.Kind is not (TokenKind.In or TokenKind.Between))
            {
                throw Error(after, $"expected 'in' or 'between' after 'not' but found {after.Describe()}");
            }
            Next();
            negated = true;
        }

        switch (Current.Kind)
        {
            case TokenKind.In:
                Next();
                return new InExpression(left, ParseInList(), negated, token.Offset);
            case TokenKind.Between:
                Next();
                var low = ParseSum();
                Expect(TokenKind.And, "'and' between the two bounds of 'between'");
                var high = ParseSum();
                return new BetweenExpression(left, low, high, negated, token.Offset);
            case TokenKind.Is:
                Next();
                var isNot = false;
                if (Current.Kind == TokenKind.Not)
                {
                    Next();
                    isNot = true;
                }
                Expect(TokenKind.Null, isNot ? "'null' after 'is not'" : "'null' or 'not null' after 'is'");
                return new IsNullExpression(left, isNot, token.Offset);
            default:
                return left;
        }
    }

    private List<LiteralExpression> ParseInList()
    {
        Expect(TokenKind.LeftParen, "'(' to start the list of 'in'");
        var values = new List<LiteralExpression>();
        while (true)
        {
            values.Add(ParseListLiteral());
            if (Current.Kind == TokenKind.Comma)
            {
                Next();
                continue;
            }
            Expect(TokenKind.RightParen, "',' or ')' in the list of 'in'");
            return values;
        }
    }

    private LiteralExpression ParseListLiteral()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.Text:
            case TokenKind.True:
            case TokenKind.False:
                Next();
                return Literal(token);
            case TokenKind.Minus when _tokens[_position + 1].Kind == TokenKind.Number:
                Next();
                var number = Next();
                return new LiteralExpression(-(decimal)number.Value!, token.Offset);
            case TokenKind.Null:
                throw Error(token, "null cannot be in an 'in' list; add 'or x is null' instead");
            default:
                throw Error(token, $"expected a number, a text in single quotes, true or false in the list of 'in' but found {token.Describe()}");
        }
    }

    private SegmentExpression ParseSum()
    {
        var left = ParseProduct();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            var kind = op.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new BinaryExpression(kind, left, ParseProduct(), op.Offset);
        }
        return left;
    }

    private SegmentExpression ParseProduct()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Next();
            var kind = op.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            left = new BinaryExpression(kind, left, ParseUnary(), op.Offset);
        }
        return left;
    }

    private SegmentExpression ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Next();
            var operand = ParseUnary();
            return operand is LiteralExpression { Value: decimal d }
                ? new LiteralExpression(-d, op.Offset)
                : new UnaryExpression(UnaryOperator.Negate, operand, op.Offset);
        }
        return ParsePrimary();
    }

    private SegmentExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.Text:
            case TokenKind.True:
            case TokenKind.False:
                Next();
                return Literal(token);
            case TokenKind.Identifier:
                Next();
                if (Current.Kind == TokenKind.LeftParen)
                {
                    throw Error(token, $"unknown function '{token.Text}'; conditions cannot call functions");
                }
                return new FieldExpression(token.Text, token.Offset);
            case TokenKind.LeftParen:
                Next();
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Null:
                throw Error(token, "null can only be used as 'is null' or 'is not null'");
            default:
                throw Error(token, $"expected a field, a number, a text in single quotes, true, false or '(' but found {token.Describe()}");
        }
    }

    private static LiteralExpression Literal(Token token) => token.Kind switch
    {
        TokenKind.Number => new LiteralExpression((decimal)token.Value!, token.Offset),
        TokenKind.Text => new LiteralExpression((string)token.Value!, token.Offset),
        TokenKind.True => new LiteralExpression(true, token.Offset),
        _ => new LiteralExpression(false, token.Offset),
    };
}
