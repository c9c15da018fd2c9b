using System.Globalization;
using System.Text;

namespace Segmenta.Core.Segments;

/// <summary>Splits a segment condition into tokens.</summary>
public static class ExpressionTokenizer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
        ["between"] = TokenKind.Between,
        ["is"] = TokenKind.Is,
        ["null"] = TokenKind.Null,
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
    };

    /// <summary>Whether <paramref name="word"/> is a keyword of the language (ignoring case), so not usable as a field name.</summary>
    /// <param name="word">The word.</param>
    /// <returns><see langword="true"/> for and, or, not, in, between, is, null, true, false.</returns>
    public static bool IsKeyword(string word) => Keywords.ContainsKey(word);

    /// <summary>Tokenizes <paramref name="text"/>; the last token is always <see cref="TokenKind.End"/>.</summary>
    /// <param name="text">The condition.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="SegmentaInputException">An unexpected character, an unterminated string or a malformed number; the message points at it.</exception>
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                var word = text[start..i];
                tokens.Add(new Token(Keywords.TryGetValue(word, out var kind) ? kind : TokenKind.Identifier, word, start, null));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumber(text, ref i));
                continue;
            }
            if (c == '\'')
            {
                tokens.Add(ReadString(text, ref i));
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
            switch (two)
            {
                case "==":
                    tokens.Add(new Token(TokenKind.Equal, two, start, null));
                    i += 2;
                    continue;
                case "!=" or "<>":
                    tokens.Add(new Token(TokenKind.NotEqual, two, start, null));
                    i += 2;
                    continue;
                case "<=":
                    tokens.Add(new Token(TokenKind.LessOrEqual, two, start, null));
                    i += 2;
                    continue;
                case ">=":
                    tokens.Add(new Token(TokenKind.GreaterOrEqual, two, start, null));
                    i += 2;
                    continue;
                case "--" or "/*" or "*/":
                    throw ExpressionError.Create(text, start,
                        $"syntax error at {ExpressionError.Location(text, start)}: '{two}' is not allowed (conditions have no comments)");
                default:
                    break;
            }
            TokenKind? single = c switch
            {
                '=' => TokenKind.Equal,
                '<' => TokenKind.Less,
                '>' => TokenKind.Greater,
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                ',' => TokenKind.Comma,
                _ => null,
            };
            if (single is null)
            {
                var hint = c switch
                {
                    '"' => "; text values use single quotes, e.g. country = 'KR'",
                    '!' => "; use 'not' or '!='",
                    '&' => "; use 'and'",
                    '|' => "; use 'or'",
                    ';' => "; a condition is a single expression",
                    _ => string.Empty,
                };
                throw ExpressionError.Create(text, start,
                    $"syntax error at {ExpressionError.Location(text, start)}: unexpected character '{c}'{hint}");
            }
            tokens.Add(new Token(single.Value, c.ToString(), start, null));
            i++;
        }
        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length, null));
        return tokens;
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                throw ExpressionError.Create(text, i,
                    $"syntax error at {ExpressionError.Location(text, i)}: expected a digit after the decimal point");
            }
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_' || text[i] == '.'))
        {
            throw ExpressionError.Create(text, i,
                $"syntax error at {ExpressionError.Location(text, i)}: unexpected '{text[i]}' after the number {text[start..i]}");
        }
        var raw = text[start..i];
        if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw ExpressionError.Create(text, start,
                $"syntax error at {ExpressionError.Location(text, start)}: the number {raw} is too large");
        }
        return new Token(TokenKind.Number, raw, start, value);
    }

    private static Token ReadString(string text, ref int i)
    {
        var start = i;
        i++; // opening quote
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw ExpressionError.Create(text, start,
                    $"syntax error at {ExpressionError.Location(text, start)}: the text value starting here has no closing quote (write '' for a quote inside it)");
            }
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            value.Append(text[i]);
            i++;
        }
        return new Token(TokenKind.Text, text[start..i], start, value.ToString());
    }
}
