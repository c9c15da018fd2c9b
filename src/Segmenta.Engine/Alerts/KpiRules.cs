namespace Segmenta.Engine.Alerts;

/// <summary>
/// The two KPI alert rules, pure (definitions in docs/dashboard.md#alerts): a relative drop week over
/// week, and the z-score of the last day against the trailing days.
/// </summary>
public static class KpiRules
{
    /// <summary>Rule id of the week-over-week drop.</summary>
    public const string WeekOverWeekDrop = "week_over_week_drop";

    /// <summary>Rule id of the daily z-score.</summary>
    public const string DailyZScore = "daily_z_score";

    /// <summary>
    /// Compares the last 7 days' total with the 7 days before: fires when the previous week is positive and
    /// the change (current / previous − 1) is −<paramref name="drop"/> or lower. Null with fewer than 14 days.
    /// </summary>
    public static KpiAlert? WeekOverWeek(DailyKpi series, double drop)
    {
        ArgumentNullException.ThrowIfNull(series);
        var v = series.Values;
        if (v.Count < 14)
        {
            return null;
        }
        var current = v.Skip(v.Count - 7).Sum();
        var previous = v.Skip(v.Count - 14).Take(7).Sum();
        if (previous <= 0)
        {
            return null;
        }
        var change = current / previous - 1;
        return change <= -drop ? new KpiAlert(WeekOverWeekDrop, series.Kpi, series.LastDay, current, previous, change, drop) : null;
    }

    /// <summary>
    /// z = (last day − mean) / sample standard deviation of the <paramref name="trailingDays"/> days before it;
    /// fires when |z| ≥ <paramref name="threshold"/> (a spike or a slump). Null when the history is shorter
    /// or the trailing days are all equal (no spread to measure against).
    /// </summary>
    public static KpiAlert? ZScore(DailyKpi series, double threshold, int trailingDays = 28)
    {
        ArgumentNullException.ThrowIfNull(series);
        var v = series.Values;
        if (trailingDays < 2 || v.Count < trailingDays + 1)
        {
            return null;
        }
        var window = v.Skip(v.Count - 1 - trailingDays).Take(trailingDays).ToList();
        var mean = window.Average();
        var sd = Math.Sqrt(window.Sum(x => (x - mean) * (x - mean)) / (trailingDays - 1));
        if (sd == 0)
        {
            return null;
        }
        var z = (v[^1] - mean) / sd;
        return Math.Abs(z) >= threshold ? new KpiAlert(DailyZScore, series.Kpi, series.LastDay, v[^1], mean, z, threshold) : null;
    }
}
