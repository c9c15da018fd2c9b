using System.Globalization;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// Customers collapsed to distinct (x, t_x, T) patterns with a weight each, so a million customers
/// from a daily log cost a few thousand likelihood terms; lifetimes' <c>weights</c> argument does the same.
/// Rows are ordered by x so per-x terms (log-gamma) are computed once per distinct x.
/// </summary>
internal sealed class GroupedHistories
{
    private GroupedHistories(double[] x, double[] tx, double[] age, double[] w, int[] xIndex, double[] distinctX)
    {
        X = x;
        Recency = tx;
        Age = age;
        Weight = w;
        XIndex = xIndex;
        DistinctX = distinctX;
        TotalWeight = w.Sum();
    }

    public double[] X { get; }

    public double[] Recency { get; }

    public double[] Age { get; }

    public double[] Weight { get; }

    /// <summary>Index into <see cref="DistinctX"/> of each row's x.</summary>
    public int[] XIndex { get; }

    public double[] DistinctX { get; }

    public double TotalWeight { get; }

    public int Count => X.Length;

    /// <summary>Validates and groups; <paramref name="model"/> names the model in error messages.</summary>
    public static GroupedHistories Create(IReadOnlyList<CustomerHistory> customers, string model)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers.Count == 0)
        {
            throw new SegmentaInputException($"cannot fit {model}: no customers");
        }
        var groups = new Dictionary<(double X, double Tx, double T), double>();
        var anyRepeat = false;
        foreach (var c in customers)
        {
            Validate(c);
            anyRepeat |= c.Frequency > 0;
            var key = (c.Frequency, c.Recency, c.Age);
            groups[key] = groups.TryGetValue(key, out var w) ? w + 1 : 1;
        }
        if (!anyRepeat)
        {
            throw new SegmentaInputException(
                $"cannot fit {model}: no customer has a repeat purchase (all frequencies are 0), so the purchase rate is not identified");
        }
        var rows = groups.OrderBy(g => g.Key.X).ThenBy(g => g.Key.T).ThenBy(g => g.Key.Tx).ToArray();
        var n = rows.Length;
        double[] x = new double[n], tx = new double[n], t = new double[n], weight = new double[n];
        var xIndex = new int[n];
        var distinct = new List<double>();
        for (var i = 0; i < n; i++)
        {
            (x[i], tx[i], t[i]) = rows[i].Key;
            weight[i] = rows[i].Value;
            if (distinct.Count == 0 || distinct[^1] != x[i])
            {
                distinct.Add(x[i]);
            }
            xIndex[i] = distinct.Count - 1;
        }
        return new GroupedHistories(x, tx, t, weight, xIndex, [.. distinct]);
    }

    /// <summary>Throws <see cref="SegmentaInputException"/> naming the customer and the problem.</summary>
    public static void Validate(CustomerHistory c)
    {
        if (!double.IsFinite(c.Frequency) || !double.IsFinite(c.Recency) || !double.IsFinite(c.Age))
        {
            throw Bad(c, "frequency, recency and age must be finite numbers");
        }
        if (c.Frequency < 0)
        {
            throw Bad(c, "frequency is negative");
        }
        if (c.Frequency != Math.Floor(c.Frequency))
        {
            throw Bad(c, "frequency must be a whole number of repeat purchases");
        }
        if (c.Recency < 0)
        {
            throw Bad(c, "recency is negative");
        }
        if (c.Age < 0)
        {
            throw Bad(c, "age (T) is negative");
        }
        if (c.Recency > c.Age)
        {
            throw Bad(c, "recency is greater than age (T); the last purchase cannot be after the end of calibration");
        }
        if (c.Frequency == 0 && c.Recency != 0)
        {
            throw Bad(c, "recency must be 0 when frequency is 0 (no repeat purchase)");
        }
    }

    private static SegmentaInputException Bad(CustomerHistory c, string problem) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"customer '{c.CustomerId}' (frequency {c.Frequency}, recency {c.Recency}, T {c.Age}): {problem}"));
}
