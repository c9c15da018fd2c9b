using System.Globalization;

namespace Segmenta.Core.Experiments;

/// <summary>
/// Uplift-model evaluation metrics defined exactly as in scikit-uplift (sklift.metrics 0.5):
/// <c>uplift_at_k(strategy='overall')</c>, <c>qini_curve</c>, <c>perfect_qini_curve</c> and <c>qini_auc_score</c>.
/// Rows are ranked by score descending; ties are broken as sklift does (numpy stable argsort ascending, reversed),
/// i.e. among equal scores the row that comes later in the input ranks first.
/// </summary>
public static class UpliftMetrics
{
    /// <summary>
    /// Uplift at k, strategy 'overall': take the top floor(n·k) rows of all rows by score, then
    /// (outcome rate of the treated among them) − (outcome rate of the controls among them).
    /// </summary>
    /// <param name="rows">The scored rows.</param>
    /// <param name="k">Fraction in (0, 1).</param>
    /// <exception cref="SegmentaInputException">k is outside (0, 1), a score is NaN, or the top rows lack treated or control customers.</exception>
    public static double UpliftAtK(IReadOnlyList<UpliftObservation> rows, double k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!(k > 0 && k < 1))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"k must be in (0, 1), got {k}"));
        }
        return UpliftAtCount(rows, (int)(rows.Count * k));
    }

    /// <summary>Uplift at the top <paramref name="count"/> rows by score (sklift's integer k, strategy 'overall').</summary>
    /// <param name="rows">The scored rows.</param>
    /// <param name="count">How many top rows, 1 ≤ count &lt; n.</param>
    /// <exception cref="SegmentaInputException">count is out of range, a score is NaN, or the top rows lack treated or control customers.</exception>
    public static double UpliftAtCount(IReadOnlyList<UpliftObservation> rows, int count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (count < 1 || count >= rows.Count)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the top count must be between 1 and n − 1 = {rows.Count - 1}, got {count}"));
        }
        var order = Rank(rows);
        int nt = 0, nc = 0, yt = 0, yc = 0;
        for (var i = 0; i < count; i++)
        {
            var r = rows[order[i]];
            if (r.Treated)
            {
                nt++;
                yt += r.Outcome ? 1 : 0;
            }
            else
            {
                nc++;
                yc += r.Outcome ? 1 : 0;
            }
        }
        if (nt == 0 || nc == 0)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the top {count} rows hold {nt} treated and {nc} control customers; uplift needs both"));
        }
        return (double)yt / nt - (double)yc / nc;
    }

    /// <summary>
    /// The Qini curve: starting at (0, 0), one point after each run of equal scores, x = rows so far,
    /// y = Y_t − Y_c·N_t/N_c (cumulative treated outcomes, control outcomes, treated and control counts; the ratio is 0 while N_c = 0).
    /// </summary>
    /// <param name="rows">The scored rows (at least one).</param>
    public static IReadOnlyList<QiniPoint> QiniCurve(IReadOnlyList<UpliftObservation> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new SegmentaInputException("the Qini curve needs at least one row");
        }
        return Curve(rows, Rank(rows), rows.Select(r => r.Score).ToArray());
    }

    /// <summary>
    /// The perfect Qini curve. With <paramref name="negativeEffect"/> (sklift's default) it is the Qini curve of the
    /// oracle score y·t − y·(1 − t) (treated responders first, control responders last). Without, it is the three points
    /// (0, 0), (R, R), (n, R) with R = Y_t − N_t·Y_c/N_c over all rows.
    /// </summary>
    /// <param name="rows">The rows (scores are ignored).</param>
    /// <param name="negativeEffect">Whether the optimum may contain negative effects. Default true.</param>
    public static IReadOnlyList<QiniPoint> PerfectQiniCurve(IReadOnlyList<UpliftObservation> rows, bool negativeEffect = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new SegmentaInputException("the Qini curve needs at least one row");
        }
        if (negativeEffect)
        {
            var oracle = rows.Select(r => r.Outcome ? (r.Treated ? 1.0 : -1.0) : 0.0).ToArray();
            return Curve(rows, Rank(oracle), oracle);
        }
        int nt = 0, nc = 0, yt = 0, yc = 0;
        foreach (var r in rows)
        {
            if (r.Treated)
            {
                nt++;
                yt += r.Outcome ? 1 : 0;
            }
            else
            {
                nc++;
                yc += r.Outcome ? 1 : 0;
            }
        }
        if (nt == 0 || nc == 0)
        {
            throw new SegmentaInputException("the perfect Qini curve needs treated and control customers");
        }
        var random = yt - (double)nt * yc / nc;
        return [new QiniPoint(0, 0), new QiniPoint(random, random), new QiniPoint(rows.Count, random)];
    }

    /// <summary>
    /// The Qini coefficient as sklift's <c>qini_auc_score</c>: (A_model − A_random) / (A_perfect − A_random), where A is the
    /// trapezoidal area under a curve and the random line runs from (0, 0) to the last point of the perfect curve.
    /// 1 = perfect ranking, 0 = no better than random, negative = worse than random.
    /// </summary>
    /// <param name="rows">The scored rows.</param>
    /// <param name="negativeEffect">Passed to <see cref="PerfectQiniCurve"/>. Default true.</param>
    /// <exception cref="SegmentaInputException">The perfect curve has no area above the random line (e.g. no outcomes at all).</exception>
    public static double QiniCoefficient(IReadOnlyList<UpliftObservation> rows, bool negativeEffect = true)
    {
        var model = QiniCurve(rows);
        var perfect = PerfectQiniCurve(rows, negativeEffect);
        var last = perfect[^1];
        var random = Area([new QiniPoint(0, 0), last]);
        var perfectArea = Area(perfect) - random;
        if (!(Math.Abs(perfectArea) > 0))
        {
            throw new SegmentaInputException("the perfect Qini curve has no area above the random line; the Qini coefficient is undefined");
        }
        return (Area(model) - random) / perfectArea;
    }

    /// <summary>Trapezoidal area under a curve whose x values never decrease (sklearn's <c>auc</c>).</summary>
    /// <param name="points">The curve.</param>
    /// <exception cref="SegmentaInputException">The x values decrease somewhere.</exception>
    public static double Area(IReadOnlyList<QiniPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double area = 0;
        for (var i = 1; i < points.Count; i++)
        {
            var dx = points[i].Targeted - points[i - 1].Targeted;
            if (dx < 0)
            {
                throw new SegmentaInputException("curve x values must not decrease (the random-effect uplift is negative)");
            }
            area += dx * (points[i].IncrementalOutcomes + points[i - 1].IncrementalOutcomes) / 2;
        }
        return area;
    }

    private static int[] Rank(IReadOnlyList<UpliftObservation> rows) => Rank(rows.Select(r => r.Score).ToArray());

    // Descending by score, ties: later index first (= numpy argsort(kind='mergesort')[::-1]).
    private static int[] Rank(double[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"row {i + 1}: the uplift score is NaN"));
            }
        }
        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = scores[b].CompareTo(scores[a]);
            return c != 0 ? c : b.CompareTo(a);
        });
        return order;
    }

    private static List<QiniPoint> Curve(IReadOnlyList<UpliftObservation> rows, int[] order, double[] scores)
    {
        var points = new List<QiniPoint> { new(0, 0) };
        double nt = 0, nc = 0, yt = 0, yc = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var r = rows[order[i]];
            if (r.Treated)
            {
                nt++;
                yt += r.Outcome ? 1 : 0;
            }
            else
            {
                nc++;
                yc += r.Outcome ? 1 : 0;
            }
            var endOfRun = i == order.Length - 1 || scores[order[i + 1]] != scores[order[i]];
            if (endOfRun)
            {
                points.Add(new QiniPoint(i + 1, yt - (nc > 0 ? yc * nt / nc : 0)));
            }
        }
        return points;
    }
}
