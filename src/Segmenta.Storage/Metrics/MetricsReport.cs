namespace Segmenta.Storage.Metrics;

/// <summary>Everything <c>segmenta metrics</c> prints for a period (definitions in docs/metrics.md).</summary>
/// <param name="Headline">The headline figures.</param>
/// <param name="Channels">Per channel: sessions, converted, conversion_rate.</param>
/// <param name="Campaigns">Per campaign: orders, customers, revenue.</param>
/// <param name="HourByWeekday">Per (weekday, hour): activity.</param>
/// <param name="Monthly">Per month (all data): gross_revenue, net_revenue, orders.</param>
public sealed record MetricsReport(
    HeadlineMetrics Headline,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Channels,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Campaigns,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> HourByWeekday,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Monthly);
