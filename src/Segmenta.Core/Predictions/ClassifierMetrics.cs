namespace Segmenta.Core.Predictions;

/// <summary>Computes <see cref="ClassifierEvaluation"/> from predicted probabilities and outcomes.</summary>
public static class ClassifierMetrics
{
    /// <summary>Evaluates <paramref name="probabilities"/> against <paramref name="outcomes"/>, with <paramref name="bands"/> equal-count bands.</summary>
    public static ClassifierEvaluation Evaluate(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, int bands = 5)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(outcomes);
        var n = probabilities.Count;
        if (n == 0 || n != outcomes.Count)
        {
            throw new SegmentaInputException($"evaluation needs as many outcomes as predictions, and at least one (got {n} and {outcomes.Count})");
        }
        if (bands < 1 || bands > n)
        {
            throw new SegmentaInputException($"bands must be between 1 and the number of customers ({n}), got {bands}");
        }
        // Ascending by p; ties keep input order so results are deterministic.
        var order = Enumerable.Range(0, n).OrderBy(i => probabilities[i]).ThenBy(i => i).ToArray();
        var positives = outcomes.Count(o => o);
        return new ClassifierEvaluation(
            n, positives, Auc(probabilities, outcomes, order, positives), AveragePrecision(probabilities, outcomes, order, positives),
            LogLoss(probabilities, outcomes), Brier(probabilities, outcomes), TopDecileLift(outcomes, order, positives),
            Ece(probabilities, outcomes, order), Bands(probabilities, outcomes, order, bands));
    }

    private static double Auc(IReadOnlyList<double> p, IReadOnlyList<bool> y, int[] order, int positives)
    {
        var negatives = p.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        // Mann–Whitney: average ranks over ties, sum the positives' ranks.
        double rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && p[order[j + 1]] == p[order[i]])
            {
                j++;
            }
            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (y[order[k]])
                {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1.0) / 2) / ((double)positives * negatives); // in doubles: positives² overflows int past 46,340
    }

    private static double AveragePrecision(IReadOnlyList<double> p, IReadOnlyList<bool> y, int[] order, int positives)
    {
        if (positives == 0)
        {
            return double.NaN;
        }
        // Descending by p, thresholds at distinct scores: AP = Σ (R_k − R_{k−1}) P_k.
        double ap = 0, truePositives = 0, seen = 0, lastRecall = 0;
        var i = order.Length - 1;
        while (i >= 0)
        {
            var j = i;
            while (j - 1 >= 0 && p[order[j - 1]] == p[order[i]])
            {
                j--;
            }
            for (var k = i; k >= j; k--)
            {
                seen++;
                if (y[order[k]])
                {
                    truePositives++;
                }
            }
            var recall = truePositives / positives;
            ap += (recall - lastRecall) * (truePositives / seen);
            lastRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    private static double LogLoss(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        double sum = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            sum -= y[i] ? Math.Log(q) : Math.Log(1 - q);
        }
        return sum / p.Count;
    }

    private static double Brier(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        double sum = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var d = p[i] - (y[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / p.Count;
    }

    private static double TopDecileLift(IReadOnlyList<bool> y, int[] order, int positives)
    {
        if (positives == 0)
        {
            return double.NaN;
        }
        var top = Math.Max(1, (int)Math.Ceiling(order.Length / 10.0));
        var hits = 0;
        for (var k = order.Length - top; k < order.Length; k++)
        {
            hits += y[order[k]] ? 1 : 0;
        }
        return (double)hits / top / ((double)positives / order.Length);
    }

    private static double Ece(IReadOnlyList<double> p, IReadOnlyList<bool> y, int[] order)
    {
        var bins = Math.Min(10, order.Length);
        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            var (from, to) = Slice(order.Length, bins, b);
            double predicted = 0, actual = 0;
            for (var k = from; k < to; k++)
            {
                predicted += p[order[k]];
                actual += y[order[k]] ? 1 : 0;
            }
            var count = to - from;
            ece += (double)count / order.Length * Math.Abs(predicted / count - actual / count);
        }
        return ece;
    }

    private static List<ProbabilityBand> Bands(IReadOnlyList<double> p, IReadOnlyList<bool> y, int[] order, int bands)
    {
        var result = new List<ProbabilityBand>(bands);
        for (var b = 0; b < bands; b++)
        {
            var (from, to) = Slice(order.Length, bands, b);
            double predicted = 0;
            var converted = 0;
            for (var k = from; k < to; k++)
            {
                predicted += p[order[k]];
                converted += y[order[k]] ? 1 : 0;
            }
            var count = to - from;
            result.Add(new ProbabilityBand(b + 1, count, p[order[from]], p[order[to - 1]], predicted / count, (double)converted / count));
        }
        return result;
    }

    /// <summary>Equal-count slice b of n items in <paramref name="parts"/> parts: [n·b/parts, n·(b+1)/parts).</summary>
    private static (int From, int To) Slice(int n, int parts, int b) => ((int)((long)n * b / parts), (int)((long)n * (b + 1) / parts));
}
