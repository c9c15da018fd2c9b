using Segmenta.Core;
using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.ClickHouse;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Rfm;

namespace Segmenta.Engine.ScaleOut;

/// <summary>
/// Runs a workspace's analyses on ClickHouse (docs/clickhouse.md): the engine comes from
/// <c>--engine</c>, else segmenta.json <c>engine</c>; <c>duckdb</c> means the embedded engine.
/// The workspace's DuckDB tables are shipped first when ClickHouse does not hold them yet.
/// </summary>
public static class ClickHouseAnalysis
{
    /// <summary>The ClickHouse location chosen by option or settings, or null for the embedded DuckDB engine.</summary>
    public static ClickHouseLocation? Choose(Workspace workspace, string? option)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var text = option ?? workspace.Settings.Engine;
        if (string.IsNullOrEmpty(text) || string.Equals(text, "duckdb", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (text.StartsWith(ClickHouseLocation.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return ClickHouseLocation.Parse(text);
        }
        throw new SegmentaInputException($"engine '{text}'{(option is null ? $" (segmenta.json engine)" : "")}: expected duckdb or clickhouse://host:port/database");
    }

    /// <summary>Opens the ClickHouse deployment and ships the workspace's tables when they changed since the last shipment.</summary>
    public static async Task<(ClickHouseEngine Engine, ShipReport Ship)> OpenAsync(Workspace workspace, ClickHouseLocation location, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var engine = await ClickHouseEngine.OpenAsync(location, ct).ConfigureAwait(false);
        try
        {
            var ship = await ClickHouseShipper.EnsureShippedAsync(workspace.Engine, engine, false, ClickHouseShipper.DefaultRowsPerRequest, ct).ConfigureAwait(false);
            return (engine, ship);
        }
        catch
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The same run as <see cref="Segmentation.RunAsync"/>, computed inside ClickHouse.</summary>
    public static async Task<RfmRun> RunAsync(Workspace workspace, ClickHouseEngine engine, DateOnly? asOf, string? basis, int? windowDays, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(engine);
        var rules = Segmentation.Rules(workspace);
        var zone = workspace.Settings.Shop.TimeZone;
        var range = await ClickHouseMetrics.DataRangeAsync(engine, zone, ct).ConfigureAwait(false);
        var day = asOf ?? range?.To.AddDays(1)
            ?? throw new SegmentaInputException("the workspace has no orders or events yet: import data or run `segmenta demo`");
        var name = basis ?? workspace.Settings.Rfm.Basis;
        var chosen = name switch
        {
            "purchases" => RfmBasis.Purchases,
            "visits" => RfmBasis.Visits,
            "auto" => await engine.ScalarAsync<long>("SELECT count() FROM (SELECT 1 FROM events LIMIT 1)", null, ct).ConfigureAwait(false) > 0
                ? RfmBasis.Visits : RfmBasis.Purchases,
            _ => throw new SegmentaInputException($"RFM basis '{name}': expected purchases, visits or auto"),
        };
        var window = windowDays ?? workspace.Settings.Rfm.WindowDays;
        if (window < 0)
        {
            throw new SegmentaInputException($"--window {window}: must be 0 (all history) or a positive number of days");
        }
        var scored = await ClickHouseRfm.ScoreAsync(engine, new RfmRequest(day, chosen, window, workspace.Settings.Rfm.NewCustomerDays, zone), ct).ConfigureAwait(false);
        var summary = await ClickHouseRfm.SummaryAsync(engine, ct).ConfigureAwait(false);
        var performance = await ClickHouseRfm.PerformanceAsync(engine, rules, zone, day, Segmentation.FollowDays, ct).ConfigureAwait(false);
        string? note = null;
        if (scored == 0)
        {
            note = range is { } r && day <= r.From
                ? $"nobody is scored: {day:yyyy-MM-dd} is on or before the first day with data ({r.From:yyyy-MM-dd}); choose a later --as-of"
                : "nobody had activity in the window before the as-of date";
        }
        return new RfmRun(day, chosen, window, scored, Clean(summary.ToDictionaries()[0]), performance.ToDictionaries(), note);
    }

    /// <summary>How many people scored at the run's as-of date match <paramref name="condition"/> (after <see cref="RunAsync"/>).</summary>
    public static Task<long> CountAsync(ClickHouseEngine engine, SegmentCondition condition, CancellationToken ct = default) =>
        ClickHouseRfm.CountAsync(engine, condition, ct);

    /// <summary>The data range and headline metrics of a period, computed inside ClickHouse.</summary>
    public static Task<(DateOnly From, DateOnly To)?> DataRangeAsync(ClickHouseEngine engine, string zone, CancellationToken ct = default) =>
        ClickHouseMetrics.DataRangeAsync(engine, zone, ct);

    /// <summary>Everything <c>segmenta metrics</c> prints, computed inside ClickHouse.</summary>
    public static async Task<MetricsReport> MetricsAsync(ClickHouseEngine engine, string zone, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var headline = await ClickHouseMetrics.HeadlineAsync(engine, zone, from, to, ct).ConfigureAwait(false);
        return new MetricsReport(headline,
            (await ClickHouseMetrics.ChannelConversionAsync(engine, zone, from, to, ct).ConfigureAwait(false)).ToDictionaries(),
            (await ClickHouseMetrics.CampaignRevenueAsync(engine, zone, from, to, ct).ConfigureAwait(false)).ToDictionaries(),
            (await ClickHouseMetrics.HourByWeekdayAsync(engine, zone, from, to, ct).ConfigureAwait(false)).ToDictionaries(),
            (await ClickHouseMetrics.MonthlyRevenueAsync(engine, zone, ct).ConfigureAwait(false)).ToDictionaries());
    }

    /// <summary>The cohort retention grid of <c>segmenta cohorts</c>, computed inside ClickHouse.</summary>
    public static Task<ResultTable> CohortsAsync(ClickHouseEngine engine, string zone, bool weekly, CancellationToken ct = default) =>
        ClickHouseCohorts.RetentionAsync(engine, zone, weekly, ct);

    /// <summary>The session funnel of <c>segmenta funnel</c>, computed inside ClickHouse.</summary>
    public static Task<ResultTable> FunnelAsync(ClickHouseEngine engine, string zone, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        ClickHouseCohorts.FunnelAsync(engine, zone, from, to, ct);

    /// <summary>The data-quality report of <c>segmenta quality</c>: stored figures from ClickHouse, the import log from the workspace.</summary>
    public static Task<Storage.Quality.QualityReport> QualityAsync(Workspace workspace, ClickHouseEngine engine, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return ClickHouseQuality.AnalyzeAsync(workspace.Engine, engine, ct);
    }

    /// <summary>
    /// The order-based purchase features and label of every customer with an order before
    /// <paramref name="cutoff"/>, computed inside ClickHouse; only these per-customer rows come back for model fitting.
    /// </summary>
    public static Task<ResultTable> OrderFeaturesAsync(ClickHouseEngine engine, string zone, DateOnly cutoff, int horizonDays, CancellationToken ct = default) =>
        ClickHouseFeatures.OrderFeaturesAsync(engine, zone, cutoff, horizonDays, ct);

    // avg/median of nothing is NaN in ClickHouse and NULL in DuckDB: report NULL as DuckDB does.
    private static Dictionary<string, object?> Clean(IReadOnlyDictionary<string, object?> row) =>
        row.ToDictionary(kv => kv.Key, kv => kv.Value is double d && double.IsNaN(d) ? null : kv.Value, StringComparer.Ordinal);
}
