using Segmenta.Core.Segments;

namespace Segmenta.Core.Tests.Segments;

public class ExpressionParserTests
{
    [Fact]
    public void Parse_AndOrNot_AndBindsTighterThanOr()
    {
        // Given a or b and not c
        // When parsed
        var tree = ExpressionParser.Parse("r = 1 or f = 2 and not is_new");

        // Then the root is 'or' and its right side is 'and' whose right side is 'not'
        var or = Assert.IsType<BinaryExpression>(tree);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var and = Assert.IsType<BinaryExpression>(or.Right);
        Assert.Equal(BinaryOperator.And, and.Operator);
        Assert.Equal(UnaryOperator.Not, Assert.IsType<UnaryExpression>(and.Right).Operator);
    }

    [Fact]
    public void Parse_BetweenFollowedByAnd_BetweenTakesOnlyItsBounds()
    {
        // Given between followed by another and-condition
        // When parsed
        var tree = ExpressionParser.Parse("r between 2 and 3 and f >= 4");

        // Then the root 'and' joins the between and the comparison
        var and = Assert.IsType<BinaryExpression>(tree);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var between = Assert.IsType<BetweenExpression>(and.Left);
        Assert.Equal(3m, Assert.IsType<LiteralExpression>(between.High).Value);
    }

    [Fact]
    public void Parse_ArithmeticPrecedence_TimesBeforePlus()
    {
        // Given 1 + 2 * 3 compared
        // When parsed
        var tree = ExpressionParser.Parse("clv > 1 + 2 * 3");

        // Then the right side is 1 + (2 * 3)
        var sum = Assert.IsType<BinaryExpression>(Assert.IsType<BinaryExpression>(tree).Right);
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpression>(sum.Right).Operator);
    }

    [Fact]
    public void Parse_MissingOperand_CaretAtEnd()
    {
        // Given a condition that stops after '>='
        const string text = "r >= 4 and f >=";

        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionParser.Parse(text));

        // Then the error points just past the end (column 16)
        Assert.Equal(
            "syntax error at column 16: expected a field, a number, a text in single quotes, true, false or '(' but found end of condition\n"
            + "  r >= 4 and f >=\n"
            + "                 ^",
            ex.Message);
    }

    [Fact]
    public void Parse_DoubledKeyword_PointsAtSecondAnd()
    {
        // Given 'and and'
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionParser.Parse("r >= 4 and and f >= 4"));

        // Then column 12 (the second 'and') is blamed
        Assert.StartsWith("syntax error at column 12: expected a field, a number, a text in single quotes, true, false or '(' but found 'and'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FunctionCall_RejectedAsUnknownFunction()
    {
        // Given a function call
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionParser.Parse("lower(country) = 'kr'"));

        // Then the function is named as unknown at column 1
        Assert.StartsWith("syntax error at column 1: unknown function 'lower'; conditions cannot call functions", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EqualsNull_SuggestsIsNull()
    {
        // Given '= null'
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionParser.Parse("country = null"));

        // Then the user is pointed to 'is null' at column 11
        Assert.StartsWith("syntax error at column 11: cannot compare with null using '='; write 'is null' or 'is not null'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StatementSeparator_Rejected()
    {
        // Given an attempt to append a second statement
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionParser.Parse("country = 'KR'; drop table customers"));

        // Then the ';' at column 15 is refused
        Assert.StartsWith("syntax error at column 15: unexpected character ';'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ChainedComparison_Rejected()
    {
        // Given 1 < r < 4
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionParser.Parse("1 < r < 4"));

        // Then the second '<' at column 7 is blamed with a hint
        Assert.Equal("syntax error at column 7: unexpected '<' (comparisons cannot be chained; join them with 'and')\n  1 < r < 4\n        ^", ex.Message);
    }

    [Fact]
    public void Parse_MultiLineCondition_ReportsLineAndColumn()
    {
        // Given a two-line condition with an error on line 2
        // When parsed
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionParser.Parse("r >= 4\nand f >= )"));

        // Then line 2, column 10 and that line are shown
        Assert.Equal("syntax error at line 2, column 10: expected a field, a number, a text in single quotes, true, false or '(' but found ')'\n  and f >= )\n           ^", ex.Message);
    }
}
