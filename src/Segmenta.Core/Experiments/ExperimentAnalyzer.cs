using System.Globalization;

namespace Segmenta.Core.Experiments;

/// <summary>
/// Analyses an experiment table: per-arm figures, and every other arm against the control arm on conversion
/// (and visit, when present) and revenue per customer, with a peeking check against the planned sample size.
/// </summary>
public static class ExperimentAnalyzer
{
    /// <summary>Analyses the rows.</summary>
    /// <param name="rows">One row per customer (arm, converted, revenue, optional visited).</param>
    /// <param name="options">Control arm, confidence level, interval method, bootstrap size and planned sample size.</param>
    /// <param name="random">Seeded generator for the bootstrap; arms are bootstrapped in <see cref="ExperimentAnalysis.Comparisons"/> order.</param>
    /// <exception cref="SegmentaInputException">
    /// No rows, an empty arm name, a non-finite revenue, a visit flag on some rows only, a missing control arm,
    /// fewer than two arms, or options out of range.
    /// </exception>
    public static ExperimentAnalysis Analyze(IEnumerable<ExperimentObservation> rows, ExperimentAnalysisOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (string.IsNullOrWhiteSpace(options.ControlArm))
        {
            throw new SegmentaInputException("the control arm name must not be empty");
        }
        _ = ProportionTest.Critical(options.ConfidenceLevel);
        if (options.BootstrapResamples < 0)
        {
            throw new SegmentaInputException("bootstrap resamples must be 0 or more");
        }
        if (options.PlannedSamplePerArm is <= 0)
        {
            throw new SegmentaInputException("the planned sample per arm must be positive");
        }

        var arms = new Dictionary<string, ArmData>(StringComparer.Ordinal);
        var index = 0;
        bool? hasVisit = null;
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Arm))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"row {index + 1}: the arm is empty"));
            }
            if (!double.IsFinite(row.Revenue))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"row {index + 1}: revenue is {row.Revenue}; it must be a finite number"));
            }
            var rowHasVisit = row.Visited.HasValue;
            hasVisit ??= rowHasVisit;
            if (hasVisit != rowHasVisit)
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"row {index + 1}: the visit flag is given on some rows but not on others; give it on all rows or none"));
            }
            if (!arms.TryGetValue(row.Arm, out var data))
            {
                data = new ArmData();
                arms.Add(row.Arm, data);
            }
            data.Revenue.Add(row.Revenue);
            if (row.Converted)
            {
                data.Conversions++;
            }
            if (row.Visited == true)
            {
                data.Visits++;
            }
            index++;
        }

        if (index == 0)
        {
            throw new SegmentaInputException("the experiment table has no rows");
        }
        if (!arms.TryGetValue(options.ControlArm, out var control))
        {
            throw new SegmentaInputException(
                $"control arm '{options.ControlArm}' does not occur in the data; arms found: {string.Join(", ", arms.Keys.Order(StringComparer.Ordinal))}");
        }
        if (arms.Count < 2)
        {
            throw new SegmentaInputException($"only the control arm '{options.ControlArm}' occurs in the data; nothing to compare");
        }

        var visits = hasVisit == true;
        var names = arms.Keys.Order(StringComparer.Ordinal).ToList();
        var summaries = names.Select(n => Summarise(n, arms[n], visits)).ToList();
        var comparisons = new List<ArmComparison>();
        var warnings = new List<string>();
        foreach (var name in names)
        {
            if (name == options.ControlArm)
            {
                continue;
            }
            var treated = arms[name];
            var conversion = ProportionTest.Compare(treated.Conversions, treated.Count, control.Conversions, control.Count,
                options.ConfidenceLevel, options.DifferenceInterval);
            var visit = visits
                ? ProportionTest.Compare(treated.Visits, treated.Count, control.Visits, control.Count,
                    options.ConfidenceLevel, options.DifferenceInterval)
                : null;
            var revenue = WelchTest.Compare(treated.Revenue, control.Revenue, options.ConfidenceLevel,
                options.BootstrapResamples, random);
            var below = options.PlannedSamplePerArm is { } planned && Math.Min(treated.Count, control.Count) < planned;
            if (below)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"peeking: '{name}' vs '{options.ControlArm}' has {treated.Count:N0} vs {control.Count:N0} customers, below the planned {options.PlannedSamplePerArm:N0} per arm; do not stop or pick a winner on these p-values"));
            }
            comparisons.Add(new ArmComparison(name, options.ControlArm, conversion, visit, revenue, below));
        }

        return new ExperimentAnalysis(options.ControlArm, options.ConfidenceLevel, summaries, comparisons, warnings);
    }

    private static ArmSummary Summarise(string name, ArmData data, bool visits)
    {
        double sum = 0;
        foreach (var v in data.Revenue)
        {
            sum += v;
        }
        var mean = sum / data.Count;
        double squares = 0;
        foreach (var v in data.Revenue)
        {
            squares += (v - mean) * (v - mean);
        }
        var sd = data.Count > 1 ? Math.Sqrt(squares / (data.Count - 1)) : double.NaN;
        return new ArmSummary(
            name,
            data.Count,
            data.Conversions,
            (double)data.Conversions / data.Count,
            visits ? data.Visits : null,
            visits ? (double)data.Visits / data.Count : null,
            sum,
            mean,
            sd);
    }

    private sealed class ArmData
    {
        public List<double> Revenue { get; } = [];

        public int Count => Revenue.Count;

        public int Conversions { get; set; }

        public int Visits { get; set; }
    }
}
