using System.Globalization;
using System.Text.Json;
using Segmenta.Core.Baskets;
using Segmenta.Core.Rfm;
using Segmenta.Engine.Predictions;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Baskets;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Segments;

namespace Segmenta.Server.Dashboard;

/// <summary>
/// The JSON behind each dashboard page (GET /v1/reports/...). Each one reuses the Storage/Engine query
/// the CLI prints, so a figure means the same everywhere (docs/metrics.md, docs/segments.md); a page
/// with nothing to show yet gets <c>null</c> sections, never invented numbers.
/// </summary>
public static class DashboardReports
{
    /// <summary>Headline KPIs over the whole data range, and revenue per month.</summary>
    public static async Task<object> OverviewAsync(Workspace workspace, CancellationToken ct)
    {
        var zone = workspace.Settings.Shop.TimeZone;
        var range = await MetricsQueries.DataRangeAsync(workspace.Engine, zone, ct).ConfigureAwait(false);
        if (range is not { } r)
        {
            return new { shop = Shop(workspace), kpis = (object?)null, monthly = Array.Empty<object>() };
        }
        var m = await MetricsQueries.HeadlineAsync(workspace.Engine, zone, r.From, r.To, ct).ConfigureAwait(false);
        var monthly = await MetricsQueries.MonthlyRevenueAsync(workspace.Engine, zone, ct).ConfigureAwait(false);
        return new { shop = Shop(workspace), kpis = m, monthly = monthly.ToDictionaries() };
    }

    /// <summary>The latest segment snapshot: per-segment figures with names, and the R × F grid.</summary>
    public static async Task<object> SegmentsAsync(Workspace workspace, CancellationToken ct)
    {
        var snapshots = await SegmentQueries.SnapshotsAsync(workspace.Engine, ct).ConfigureAwait(false);
        if (snapshots.Count == 0)
        {
            return new { as_of = (DateOnly?)null, basis = (string?)null, segments = Array.Empty<object>(), grid = Array.Empty<object>() };
        }
        var (asOf, basisName) = snapshots[0];
        var basis = basisName == "visits" ? RfmBasis.Visits : RfmBasis.Purchases;
        var rules = workspace.Settings.Segments.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var perf = await SegmentQueries.PerformanceAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, asOf, basis, Segmentation.FollowDays, ct).ConfigureAwait(false);
        var segments = perf.ToDictionaries().Select(row =>
        {
            var d = new Dictionary<string, object?>(row, StringComparer.Ordinal);
            var rule = rules.GetValueOrDefault((string)row["segment"]!);
            d["name"] = rule?.Name ?? (string)row["segment"]!;
            d["korean_name"] = rule?.KoreanName ?? (string)row["segment"]!;
            d["suggested_action"] = rule?.SuggestedAction;
            return d;
        }).ToList();
        var grid = await workspace.Engine.QueryAsync(
            "SELECT r_score AS r, f_score AS f, count(*) AS customers FROM rfm_scores WHERE as_of = $1 AND basis = $2 GROUP BY 1, 2 ORDER BY 1 DESC, 2",
            [asOf.ToDateTime(TimeOnly.MinValue), basisName], ct).ConfigureAwait(false);
        return new { as_of = asOf, basis = basisName, segments, grid = grid.ToDictionaries() };
    }

    /// <summary>Movements between the two latest snapshots of the same basis (docs/segments.md#migration).</summary>
    public static async Task<object> MigrationAsync(Workspace workspace, CancellationToken ct)
    {
        var snapshots = await SegmentQueries.SnapshotsAsync(workspace.Engine, ct).ConfigureAwait(false);
        if (snapshots.Count == 0)
        {
            return new { from = (DateOnly?)null, to = (DateOnly?)null, basis = (string?)null, transitions = Array.Empty<object>() };
        }
        var basisName = snapshots[0].Basis;
        var same = snapshots.Where(s => s.Basis == basisName).ToList();
        if (same.Count < 2)
        {
            return new { from = (DateOnly?)null, to = (DateOnly?)same[0].AsOf, basis = (string?)basisName, transitions = Array.Empty<object>() };
        }
        var basis = basisName == "visits" ? RfmBasis.Visits : RfmBasis.Purchases;
        var t = await SegmentQueries.MigrationAsync(workspace.Engine, same[1].AsOf, same[0].AsOf, basis, ct).ConfigureAwait(false);
        var transitions = t.ToDictionaries().Select(row => new
        {
            from_segment = (string?)row["from_segment"] ?? "(none)",
            to_segment = (string?)row["to_segment"] ?? "(none)",
            customers = Convert.ToInt64(row["customers"], CultureInfo.InvariantCulture),
        }).ToList();
        return new { from = (DateOnly?)same[1].AsOf, to = (DateOnly?)same[0].AsOf, basis = (string?)basisName, transitions };
    }

    /// <summary>The last purchase-probability model: validation quality and each band's predicted vs actual conversion.</summary>
    public static Task<object> PredictionsAsync(Workspace workspace)
    {
        if (PurchasePrediction.LastReport(workspace) is not { } text)
        {
            return Task.FromResult<object>(new { model = (string?)null });
        }
        using var doc = JsonDocument.Parse(text);
        var r = doc.RootElement.GetProperty("report");
        var v = r.GetProperty("validation");
        return Task.FromResult<object>(new
        {
            model = r.GetProperty("model").GetString(),
            horizon_days = r.GetProperty("horizon_days").GetInt32(),
            validation_cutoff = r.GetProperty("validation_cutoff").GetString(),
            scored_as_of = r.GetProperty("scored_as_of").GetString(),
            scored = r.GetProperty("scored").GetInt32(),
            auc = v.GetProperty("auc").GetDouble(),
            top_decile_lift = v.GetProperty("top_decile_lift").GetDouble(),
            expected_calibration_error = v.GetProperty("expected_calibration_error").GetDouble(),
            bands = v.GetProperty("bands").EnumerateArray().Select(b => new
            {
                band = b.GetProperty("band").GetInt32(),
                customers = b.GetProperty("customers").GetInt32(),
                mean_predicted = b.GetProperty("mean_predicted").GetDouble(),
                actual_rate = b.GetProperty("actual_rate").GetDouble(),
            }).ToList(),
        });
    }

    /// <summary>Monthly first-purchase cohorts: size and retention per month offset (docs/metrics.md#cohorts).</summary>
    public static async Task<object> CohortsAsync(Workspace workspace, CancellationToken ct)
    {
        var cells = await CohortQueries.RetentionAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, weekly: false, ct).ConfigureAwait(false);
        var periods = cells.Rows.Count == 0 ? 0 : cells.Rows.Max(x => Convert.ToInt32(x[2], CultureInfo.InvariantCulture)) + 1;
        var cohorts = cells.Rows.GroupBy(x => (string)x[0]!).Select(g =>
        {
            var byPeriod = g.ToDictionary(x => Convert.ToInt32(x[2], CultureInfo.InvariantCulture), x => Convert.ToDouble(x[4], CultureInfo.InvariantCulture));
            return new
            {
                cohort = g.Key,
                customers = Convert.ToInt64(g.First()[1], CultureInfo.InvariantCulture),
                retention = Enumerable.Range(0, periods).Select(k => byPeriod.TryGetValue(k, out var v) ? (double?)v : null).ToList(),
            };
        }).ToList();
        return new { periods, cohorts };
    }

    /// <summary>Sessions per funnel step over the whole data range (docs/metrics.md#cohorts).</summary>
    public static async Task<object> FunnelAsync(Workspace workspace, CancellationToken ct)
    {
        var zone = workspace.Settings.Shop.TimeZone;
        var range = await MetricsQueries.DataRangeAsync(workspace.Engine, zone, ct).ConfigureAwait(false);
        if (range is not { } r || await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM sessions", null, ct).ConfigureAwait(false) == 0)
        {
            return new { from = (DateOnly?)null, to = (DateOnly?)null, steps = Array.Empty<object>() };
        }
        var funnel = await CohortQueries.FunnelAsync(workspace.Engine, zone, r.From, r.To, ct).ConfigureAwait(false);
        return new { from = (DateOnly?)r.From, to = (DateOnly?)r.To, steps = funnel.ToDictionaries() };
    }

    /// <summary>The latest buyer clusters: name, size and mean recency, frequency, monetary of their members.</summary>
    public static async Task<object> ClustersAsync(Workspace workspace, CancellationToken ct)
    {
        if (!await TableExistsAsync(workspace, "cluster_members", ct).ConfigureAwait(false))
        {
            return new { as_of = (DateOnly?)null, clusters = Array.Empty<object>() };
        }
        var t = await workspace.Engine.QueryAsync("""
            SELECT c.cluster, any_value(c.name) AS name, count(*) AS customers,
                   avg(s.recency_days) AS mean_recency_days, avg(s.frequency) AS mean_frequency, avg(s.monetary) AS mean_monetary
            FROM cluster_members c LEFT JOIN rfm_scores s ON s.as_of = c.as_of AND s.basis = 'purchases' AND s.customer_id = c.customer_id
            WHERE c.as_of = (SELECT max(as_of) FROM cluster_members) GROUP BY c.cluster ORDER BY customers DESC, c.cluster
            """, null, ct).ConfigureAwait(false);
        var asOf = await workspace.Engine.QueryAsync("SELECT max(as_of) FROM cluster_members", null, ct).ConfigureAwait(false);
        return new { as_of = asOf.Rows[0][0], clusters = t.ToDictionaries() };
    }

    /// <summary>Every sale order's distinct products, or null when no sale order has a product yet (a basket set cannot be empty).</summary>
    public static async Task<BasketSet?> BasketsAsync(Workspace workspace, CancellationToken ct)
    {
        if (await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM (SELECT 1 FROM order_lines WHERE kind = 'sale' AND product_id IS NOT NULL LIMIT 1)", null, ct).ConfigureAwait(false) == 0)
        {
            return null;
        }
        return await BasketQueries.BasketsAsync(workspace.Engine, ct).ConfigureAwait(false);
    }

    /// <summary>Association rules over <paramref name="baskets"/> (FP-Growth, docs/baskets.md), the top ones by lift.</summary>
    public static object Rules(BasketSet? baskets, double minSupport, double minConfidence, int top)
    {
        if (baskets is null)
        {
            return new { baskets = 0, min_support = minSupport, min_confidence = minConfidence, rules = 0, top = Array.Empty<object>() };
        }
        var result = AssociationRules.Mine(baskets, new AssociationRuleOptions { MinSupport = minSupport, MinConfidence = minConfidence });
        return new
        {
            baskets = baskets.Count,
            min_support = minSupport,
            min_confidence = minConfidence,
            rules = result.Rules.Count,
            top = result.Rules.Take(top).Select(x => new
            {
                antecedent = x.Antecedent, consequent = x.Consequent, x.Count, x.Support, x.Confidence, x.Lift,
            }).ToList(),
        };
    }

    /// <summary>
    /// Revenue per campaign id on orders, and — when the campaign features have created them — the rows of the
    /// <c>campaigns</c> and <c>experiments</c> tables (null when the table does not exist).
    /// </summary>
    public static async Task<object> CampaignsAsync(Workspace workspace, CancellationToken ct)
    {
        var zone = workspace.Settings.Shop.TimeZone;
        var range = await MetricsQueries.DataRangeAsync(workspace.Engine, zone, ct).ConfigureAwait(false);
        var revenue = range is { } r
            ? (await MetricsQueries.CampaignRevenueAsync(workspace.Engine, zone, r.From, r.To, ct).ConfigureAwait(false)).ToDictionaries()
            : [];
        return new
        {
            revenue_by_campaign = revenue,
            campaigns = await TableRowsAsync(workspace, "campaigns", ct).ConfigureAwait(false),
            experiments = await TableRowsAsync(workspace, "experiments", ct).ConfigureAwait(false),
        };
    }

    private static object Shop(Workspace workspace) => new
    {
        name = workspace.Settings.Shop.Name, currency = workspace.Settings.Shop.Currency, time_zone = workspace.Settings.Shop.TimeZone,
    };

    private static async Task<bool> TableExistsAsync(Workspace workspace, string table, CancellationToken ct) =>
        await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = $1", [table], ct).ConfigureAwait(false) > 0;

    /// <summary>Up to 200 rows of a table another feature owns, as stored; null when it does not exist (yet).</summary>
    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>?> TableRowsAsync(Workspace workspace, string table, CancellationToken ct)
    {
        if (!await TableExistsAsync(workspace, table, ct).ConfigureAwait(false))
        {
            return null;
        }
        var rows = await workspace.Engine.QueryAsync($"SELECT * FROM {SqlText.Identifier(table)} LIMIT 200", null, ct).ConfigureAwait(false);
        return rows.ToDictionaries();
    }
}
