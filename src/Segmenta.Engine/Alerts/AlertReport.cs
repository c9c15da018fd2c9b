namespace Segmenta.Engine.Alerts;

/// <summary>What the alert rules found at one day (docs/dashboard.md#alerts).</summary>
/// <param name="Shop">The shop's display name.</param>
/// <param name="Day">The last day with data (shop time zone): the day the KPI rules judge.</param>
/// <param name="SnapshotAsOf">The segment snapshot the quiet-customer list reads, or null without one.</param>
/// <param name="Settings">The thresholds used.</param>
/// <param name="Series">The KPI series judged (up to 35 days, ending at <paramref name="Day"/>).</param>
/// <param name="Alerts">The KPI rules that fired.</param>
/// <param name="QuietCustomers">Valuable customers going quiet, highest spend first.</param>
public sealed record AlertReport(
    string Shop, DateOnly? Day, DateOnly? SnapshotAsOf, AlertSettings Settings, IReadOnlyList<DailyKpi> Series,
    IReadOnlyList<KpiAlert> Alerts, IReadOnlyList<QuietCustomer> QuietCustomers);
