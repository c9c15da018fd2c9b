using Segmenta.Core.Segments;

namespace Segmenta.Core.Tests.Segments;

public class ExpressionTokenizerTests
{
    [Fact]
    public void Tokenize_MixedCondition_KindsAndOffsets()
    {
        // Given a condition with every token family
        const string text = "R >= 4.5 AND country <> 'it''s'";

        // When tokenized
        var tokens = ExpressionTokenizer.Tokenize(text);

        // Then keywords ignore case, <> is not-equal, '' is a quote inside the string
        Assert.Equal(
            [TokenKind.Identifier, TokenKind.GreaterOrEqual, TokenKind.Number, TokenKind.And, TokenKind.Identifier, TokenKind.NotEqual, TokenKind.Text, TokenKind.End],
            tokens.Select(t => t.Kind));
        Assert.Equal(4.5m, tokens[2].Value);
        Assert.Equal("it's", tokens[6].Value);
        Assert.Equal([0, 2, 5, 9, 13, 21, 24, 31], tokens.Select(t => t.Offset));
    }

    [Fact]
    public void Tokenize_UnterminatedString_PointsAtOpeningQuote()
    {
        // Given a string without its closing quote at column 11
        const string text = "country = 'KR";

        // When tokenized
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionTokenizer.Tokenize(text));

        // Then the caret sits under the opening quote
        Assert.Equal(
            "syntax error at column 11: the text value starting here has no closing quote (write '' for a quote inside it)\n  country = 'KR\n            ^",
            ex.Message);
    }

    [Fact]
    public void Tokenize_DoubleQuotes_SuggestsSingleQuotes()
    {
        // Given a double-quoted string
        // When tokenized
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionTokenizer.Tokenize("country = \"KR\""));

        // Then the hint says to use single quotes
        Assert.StartsWith("syntax error at column 11: unexpected character '\"'; text values use single quotes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_SqlComment_Rejected()
    {
        // Given a trailing SQL comment
        // When tokenized
        var ex = Assert.Throws<SegmentaInputException>(() => ExpressionTokenizer.Tokenize("r = 1 --"));

        // Then the comment marker is refused at column 7
        Assert.StartsWith("syntax error at column 7: '--' is not allowed", ex.Message, StringComparison.Ordinal);
    }
}
