using System.Globalization;

namespace Segmenta.Core.Clustering;

/// <summary>
/// The adjusted Rand index (Hubert &amp; Arabie 1985) between two labelings of the same points:
/// ARI = (Σ C(n_ij, 2) − E) / (½[Σ C(a_i, 2) + Σ C(b_j, 2)] − E), E = Σ C(a_i, 2) Σ C(b_j, 2) / C(n, 2),
/// where n_ij counts points with label i in the first and j in the second labeling and a_i, b_j are
/// the row and column sums. 1 for identical partitions (label names do not matter), about 0 for
/// random ones, possibly negative.
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>Computes the ARI. Labels are any integers (e.g. −1 for DBSCAN noise is one more label).</summary>
    /// <param name="labelsTrue">The reference labeling.</param>
    /// <param name="labelsPredicted">The labeling to compare, same length.</param>
    /// <returns>The ARI; 1 when both labelings are the same trivial partition (one cluster, or
    /// every point alone), as in scikit-learn.</returns>
    /// <exception cref="SegmentaInputException">Different lengths or no points.</exception>
    public static double Compute(IReadOnlyList<int> labelsTrue, IReadOnlyList<int> labelsPredicted)
    {
        ArgumentNullException.ThrowIfNull(labelsTrue);
        ArgumentNullException.ThrowIfNull(labelsPredicted);
        if (labelsTrue.Count != labelsPredicted.Count)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"the two labelings have different lengths ({labelsTrue.Count} and {labelsPredicted.Count})"));
        }
        var n = labelsTrue.Count;
        if (n == 0)
        {
            throw new SegmentaInputException("the adjusted Rand index needs at least one point");
        }
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < n; i++)
        {
            var a = labelsTrue[i];
            var b = labelsPredicted[i];
            cells[(a, b)] = cells.GetValueOrDefault((a, b)) + 1;
            rows[a] = rows.GetValueOrDefault(a) + 1;
            columns[b] = columns.GetValueOrDefault(b) + 1;
        }
        var index = 0.0;
        foreach (var count in cells.Values)
        {
            index += Pairs(count);
        }
        var sumRows = 0.0;
        foreach (var count in rows.Values)
        {
            sumRows += Pairs(count);
        }
        var sumColumns = 0.0;
        foreach (var count in columns.Values)
        {
            sumColumns += Pairs(count);
        }
        var expected = sumRows * sumColumns / Pairs(n);
        var maximum = (sumRows + sumColumns) / 2;
        if (n < 2 || maximum == expected)
        {
            return 1.0;
        }
        return (index - expected) / (maximum - expected);
    }

    private static double Pairs(long count) => count * (count - 1) / 2.0;
}
