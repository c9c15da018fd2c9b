using System.Text.RegularExpressions;

namespace Segmenta.Core.Rfm;

/// <summary>
/// DuckDB SQL text of the quintile scoring rule implemented by <see cref="RfmScorer"/>, so the
/// storage layer scores with the very same rule: <c>1 + floor(5 × (rank − 1) / n)</c> with
/// <c>rank()</c> (ties share the rank of their first occurrence) and <c>n = count(*) over ()</c>.
/// </summary>
/// <remarks>
/// DuckDB's <c>/</c> on integers is floating-point division; because IEEE division is correctly
/// rounded and 5 × (rank − 1) and n are small integers, <c>floor</c> of it equals the exact integer
/// quotient, so the SQL and the C# reference agree on every input. The window covers the rows of
/// the query it is used in: score exactly the customers you mean to compare.
/// </remarks>
public static partial class RfmSql
{
    /// <summary>
    /// The rule with <c>{order}</c> standing for the ORDER BY item, e.g. <c>frequency ASC</c>.
    /// </summary>
    public const string QuintileTemplate =
        "CAST(1 + floor(5 * (rank() OVER (ORDER BY {order}) - 1) / count(*) OVER ()) AS INTEGER)";

    /// <summary>R score over a <c>recency_days</c> column: fewest days scores 5.</summary>
    public const string RecencyScore =
        "CAST(1 + floor(5 * (rank() OVER (ORDER BY recency_days DESC) - 1) / count(*) OVER ()) AS INTEGER)";

    /// <summary>F score over a <c>frequency</c> column: most orders or visits scores 5.</summary>
    public const string FrequencyScore =
        "CAST(1 + floor(5 * (rank() OVER (ORDER BY frequency ASC) - 1) / count(*) OVER ()) AS INTEGER)";

    /// <summary>
    /// M score over a <c>monetary</c> column: NULL (never bought) and negative amounts count as 0,
    /// as in <see cref="RfmScorer.Score"/>.
    /// </summary>
    public const string MonetaryScore =
        "CAST(1 + floor(5 * (rank() OVER (ORDER BY greatest(coalesce(monetary, 0), 0) ASC) - 1) / count(*) OVER ()) AS INTEGER)";

    /// <summary>
    /// Builds the scoring expression over a column (or <c>table.column</c>).
    /// </summary>
    /// <param name="column">A plain SQL identifier, optionally qualified: letters, digits, underscores.</param>
    /// <param name="lowerIsBetter"><see langword="true"/> for recency days (sorts descending).</param>
    /// <returns>The SQL expression text yielding an INTEGER score 1..5.</returns>
    /// <exception cref="SegmentaInputException">The column name is not a plain identifier.</exception>
    public static string QuintileScore(string column, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!Identifier().IsMatch(column))
        {
            throw new SegmentaInputException(
                $"'{column}' is not a plain SQL column name (letters, digits and underscores, optionally 'table.column')");
        }
        return QuintileTemplate.Replace("{order}", column + (lowerIsBetter ? " DESC" : " ASC"), StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
