using System.Globalization;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Segments;

namespace Segmenta.Engine.Alerts;

/// <summary>
/// Runs the alert rules on a workspace: the KPI rules on the daily series ending at the last day with
/// data, and the quiet-customer list on the latest segment snapshot (docs/dashboard.md#alerts).
/// </summary>
public static class AlertEvaluator
{
    /// <summary>The KPIs judged, in display order (definitions in docs/metrics.md).</summary>
    public static readonly IReadOnlyList<string> Kpis = ["net_revenue", "orders", "customers", "sessions"];

    /// <summary>Days of series kept: the 28 trailing days, the judged day, and spare for the charts.</summary>
    public const int SeriesDays = 35;

    /// <summary>Evaluates every rule with the workspace's <c>alerts</c> settings.</summary>
    public static async Task<AlertReport> EvaluateAsync(Workspace workspace, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var settings = workspace.Settings.Alerts;
        var engine = workspace.Engine;
        var zone = workspace.Settings.Shop.TimeZone;
        var redacted = settings with { WebhookUrl = settings.WebhookUrl.Length == 0 ? "" : "(set)" };
        var range = await MetricsQueries.DataRangeAsync(engine, zone, ct).ConfigureAwait(false);
        if (range is not { } r)
        {
            return new AlertReport(workspace.Settings.Shop.Name, null, null, redacted, [], [], []);
        }
        var days = Math.Max(SeriesDays, settings.TrailingDays + 1);
        var from = r.To.AddDays(1 - days) < r.From ? r.From : r.To.AddDays(1 - days);
        var table = await DailyMetricsQueries.DailyAsync(engine, zone, from, r.To, ct).ConfigureAwait(false);
        var series = Kpis.Select(k => new DailyKpi(k, from,
            table.Rows.Select(row => Convert.ToDouble(row[table.IndexOf(k)], CultureInfo.InvariantCulture)).ToList())).ToList();
        var alerts = new List<KpiAlert>();
        foreach (var s in series)
        {
            if (KpiRules.WeekOverWeek(s, settings.WeekOverWeekDrop) is { } wow)
            {
                alerts.Add(wow);
            }
            if (KpiRules.ZScore(s, settings.ZScore, settings.TrailingDays) is { } z)
            {
                alerts.Add(z);
            }
        }

        var snapshots = await SegmentQueries.SnapshotsAsync(engine, ct).ConfigureAwait(false);
        DateOnly? snapshot = null;
        var quiet = new List<QuietCustomer>();
        if (snapshots.Count > 0 && settings.QuietSegments.Count > 0)
        {
            var (asOf, basis) = snapshots[0];
            snapshot = asOf;
            var rhythm = await DailyMetricsQueries.PurchaseRhythmAsync(engine, zone, asOf, basis, settings.QuietSegments, ct).ConfigureAwait(false);
            quiet.AddRange(Quiet(rhythm, settings.QuietCycleMultiple).Take(settings.QuietLimit));
        }
        return new AlertReport(workspace.Settings.Shop.Name, r.To, snapshot, redacted, series, alerts, quiet);
    }

    /// <summary>
    /// The quiet rule over purchase-rhythm rows (<see cref="DailyMetricsQueries.PurchaseRhythmAsync"/>):
    /// days since the last order &gt; median cycle × <paramref name="multiple"/>; keeps the rows' order.
    /// </summary>
    public static IEnumerable<QuietCustomer> Quiet(ResultTable rhythm, double multiple)
    {
        ArgumentNullException.ThrowIfNull(rhythm);
        for (var i = 0; i < rhythm.Rows.Count; i++)
        {
            var cycle = rhythm.Get<double>(i, "median_cycle_days");
            var since = rhythm.Get<int>(i, "days_since_last_order");
            if (cycle > 0 && since > cycle * multiple)
            {
                var last = rhythm.Rows[i][rhythm.IndexOf("last_day")];
                yield return new QuietCustomer(
                    rhythm.Get<string>(i, "customer_id")!, rhythm.Get<string>(i, "segment_id")!, rhythm.Get<long>(i, "order_days"),
                    rhythm.Get<double>(i, "monetary"), last is DateOnly d ? d : DateOnly.FromDateTime((DateTime)last!), since, cycle,
                    Math.Round(since / cycle, 2));
            }
        }
    }
}
