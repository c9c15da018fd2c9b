using System.Globalization;

namespace Segmenta.Core.Rfm;

/// <summary>
/// The reference implementation of Segmenta's quintile scoring rule. The SQL engine reproduces it
/// exactly with <see cref="RfmSql"/>; tests hold the two to the same hand-computed figures.
/// </summary>
/// <remarks>
/// <para>The rule, for one dimension over the n customers being scored:</para>
/// <para><c>score = 1 + floor(5 × (rank − 1) / n)</c></para>
/// <para>
/// where <c>rank</c> is the 1-based position of the value's FIRST occurrence in the sort order
/// (SQL <c>rank()</c>: 1 + the number of customers with a strictly worse value). Equal values
/// therefore always get equal scores. Frequency and monetary sort ascending (more is better);
/// recency days sort descending (fewer days is better), so the most recent customer gets the
/// highest score.
/// </para>
/// <para>
/// Consequences worth knowing: the lowest value always scores 1; with n ≥ 5 a unique highest value
/// scores 5; with n &lt; 5 the top score is below 5 (n = 1 → 1; n = 2 → 1, 3; n = 3 → 1, 2, 4;
/// n = 4 → 1, 2, 3, 4); a large block of ties sits at the score of its first position, so, for
/// example, when most visitors never bought, they all share M = 1.
/// </para>
/// </remarks>
public static class RfmScorer
{
    /// <summary>Number of score buckets (quintiles).</summary>
    public const int Buckets = 5;

    /// <summary>
    /// The score for a 1-based <paramref name="rank"/> among <paramref name="count"/> customers:
    /// <c>1 + floor(5 × (rank − 1) / count)</c>, computed in exact integer arithmetic.
    /// </summary>
    /// <param name="rank">1-based rank of the value's first occurrence, 1..count.</param>
    /// <param name="count">Number of customers scored, at least 1.</param>
    /// <returns>A score from 1 to 5.</returns>
    public static int ScoreForRank(long rank, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rank, count);
        return (int)(1 + (Buckets * (rank - 1) / count));
    }

    /// <summary>
    /// Scores one dimension. Each value's rank is 1 + the number of values strictly worse than it.
    /// </summary>
    /// <param name="values">The values, one per customer; must be finite.</param>
    /// <param name="lowerIsBetter">
    /// <see langword="true"/> for recency days (fewest days scores 5); <see langword="false"/> for
    /// frequency and monetary (largest scores 5).
    /// </param>
    /// <returns>The scores, in the order of <paramref name="values"/>.</returns>
    /// <exception cref="SegmentaInputException">A value is NaN or infinite.</exception>
    public static IReadOnlyList<int> ScoreQuintiles(IReadOnlyList<double> values, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var sorted = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                throw new SegmentaInputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"value at position {i + 1} is {v}; RFM values must be finite numbers"));
            }
            sorted[i] = v;
        }
        Array.Sort(sorted);

        var scores = new int[n];
        for (var i = 0; i < n; i++)
        {
            // Number of values strictly worse than values[i] = strictly smaller (ascending)
            // or strictly larger (descending, for recency days).
            long worse = lowerIsBetter
                ? n - UpperBound(sorted, values[i])
                : LowerBound(sorted, values[i]);
            scores[i] = ScoreForRank(worse + 1, n);
        }
        return scores;
    }

    /// <summary>
    /// Scores a population on recency, frequency and monetary. Monetary below 0 counts as 0, so a
    /// customer who never bought (monetary 0) always shares the lowest M score.
    /// </summary>
    /// <param name="customers">The customers to score, each once.</param>
    /// <returns>The scored customers, in input order.</returns>
    /// <exception cref="SegmentaInputException">
    /// A value is not finite, or recency days or frequency is negative; the message names the customer.
    /// </exception>
    public static RfmScoringResult Score(IReadOnlyList<RfmValues> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var recency = new double[customers.Count];
        var frequency = new double[customers.Count];
        var monetary = new double[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            recency[i] = Checked(c, i, "recency days", c.RecencyDays, allowNegative: false);
            frequency[i] = Checked(c, i, "frequency", c.Frequency, allowNegative: false);
            monetary[i] = Math.Max(0d, Checked(c, i, "monetary", c.Monetary, allowNegative: true));
        }

        var r = ScoreQuintiles(recency, lowerIsBetter: true);
        var f = ScoreQuintiles(frequency, lowerIsBetter: false);
        var m = ScoreQuintiles(monetary, lowerIsBetter: false);
        var result = new RfmScoredCustomer[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            result[i] = new RfmScoredCustomer(customers[i], new RfmScore(r[i], f[i], m[i]));
        }
        return new RfmScoringResult(result);
    }

    private static double Checked(RfmValues c, int index, string what, double value, bool allowNegative)
    {
        if (!double.IsFinite(value) || (!allowNegative && value < 0))
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"customer '{c.CustomerId}' (row {index + 1}) has {what} {value}; it must be a finite number{(allowNegative ? "" : " of 0 or more")}"));
        }
        return value;
    }

    /// <summary>First index whose value is not less than <paramref name="x"/> = count of values &lt; x.</summary>
    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>First index whose value is greater than <paramref name="x"/> = count of values ≤ x.</summary>
    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
