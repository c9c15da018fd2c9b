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

    /// <summary>
    /// The same scores without sorting the scored rows: the four cut values of a column as one row,
    /// to cross-join with the rows and score by <see cref="ThresholdScore"/>. Sorted so that better
    /// comes later (ascending; descending for recency), the rule gives a value
    /// 1 + #{s in 1..4 : c ≥ k_s}, where c counts the values strictly before it and k_s = ⌈s·n/5⌉
    /// (since floor(5c/n) ≥ s ⟺ c ≥ s·n/5). And c ≥ k exactly when the k-th value in that order lies
    /// strictly before the value. So only the k_s-th values are needed — read off the cumulative counts
    /// of the distinct values, a sort of distinct values rather than of every row with its payload.
    /// </summary>
    /// <param name="table">The table or subquery alias holding the rows to score.</param>
    /// <param name="column">A plain column of it (non-null).</param>
    /// <param name="lowerIsBetter"><see langword="true"/> for recency days.</param>
    /// <param name="prefix">Names the cut columns <c>{prefix}1</c> … <c>{prefix}4</c>.</param>
    public static string Thresholds(string table, string column, bool lowerIsBetter, string prefix)
    {
        Check(table);
        Check(column);
        Check(prefix);
        // With descending order the k-th value is the largest whose running count reaches k; ascending, the smallest.
        var pick = lowerIsBetter ? "max" : "min";
        var cuts = string.Join(", ", Enumerable.Range(1, 4).Select(s =>
            $"{pick}(v) FILTER (WHERE running >= ({s} * n + 4) // 5) AS {prefix}{s}"));
        return $"SELECT {cuts} FROM (SELECT v, sum(c) OVER (ORDER BY v {(lowerIsBetter ? "DESC" : "ASC")} ROWS UNBOUNDED PRECEDING) AS running, " +
               $"sum(c) OVER () AS n FROM (SELECT {column} AS v, count(*) AS c FROM {table} GROUP BY 1))";
    }

    /// <summary>The score of <paramref name="column"/> against the cut columns of <see cref="Thresholds"/>.</summary>
    public static string ThresholdScore(string column, bool lowerIsBetter, string prefix)
    {
        Check(column);
        Check(prefix);
        var beyond = lowerIsBetter ? "<" : ">";
        return "CAST(1 + " + string.Join(" + ", Enumerable.Range(1, 4).Select(s => $"({column} {beyond} {prefix}{s})::INTEGER")) + " AS INTEGER)";
    }

    private static void Check(string name)
    {
        if (!Identifier().IsMatch(name))
        {
            throw new SegmentaInputException($"'{name}' is not a plain SQL column name (letters, digits and underscores, optionally 'table.column')");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
