using System.Globalization;
using Segmenta.Core.Rfm;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Segments;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Quality;

namespace Segmenta.Engine.Reports;

/// <summary>Writes the workspace's HTML report: imports, data quality, headline metrics.</summary>
public static class WorkspaceReport
{
    /// <summary>Builds the report and writes it to <paramref name="path"/> (default reports/report.html); returns the path.</summary>
    public static async Task<string> WriteAsync(Workspace workspace, TimeProvider clock, string? path = null, CancellationToken cancellationToken = default)
    {
        var engine = workspace.Engine;
        var zone = workspace.Settings.Shop.TimeZone;
        var currency = workspace.Settings.Shop.Currency;
        var report = new HtmlReport($"{workspace.Settings.Shop.Name} — Segmenta report");

        var quality = await QualityAnalyzer.AnalyzeAsync(engine, cancellationToken).ConfigureAwait(false);
        report.Section("Imports", "Every row read is either accepted or quarantined with its reason: read = accepted + quarantined.")
            .Table(["#", "kind", "file", "format", "read", "accepted", "quarantined", "balanced"],
                quality.Imports.Select(r => (IReadOnlyList<object?>)[r["import_id"], r["kind"], Path.GetFileName((string)r["file"]!), r["format"], r["rows_read"], r["rows_accepted"], r["rows_quarantined"], r["balanced"]]));

        report.Section("Data quality", "Quarantined rows per reason, and flags on stored order lines (kept, but marked).")
            .Table(["kind", "reason", "field", "rows"], quality.Quarantine.Select(r => (IReadOnlyList<object?>)[r["kind"], r["reason"], r["field"], r["rows"]]))
            .Table(["flag", "order lines"], quality.Flags.Select(f => (IReadOnlyList<object?>)[f.Key, f.Value]))
            .Table(["stored", "value"], quality.Stored.Select(kv => (IReadOnlyList<object?>)[kv.Key, kv.Value]));

        var range = await MetricsQueries.DataRangeAsync(engine, zone, cancellationToken).ConfigureAwait(false);
        if (range is { } r)
        {
            var m = await MetricsQueries.HeadlineAsync(engine, zone, r.From, r.To, cancellationToken).ConfigureAwait(false);
            report.Section("Headline metrics", $"{m.From:yyyy-MM-dd} to {m.To:yyyy-MM-dd}, {zone}; amounts in {currency}.")
                .Cards([
                    ("net revenue", HtmlReport.Format(m.NetRevenue)),
                    ("gross revenue", HtmlReport.Format(m.GrossRevenue)),
                    ("orders", HtmlReport.Format(m.Orders)),
                    ("buying customers", HtmlReport.Format(m.Customers)),
                    ("average order value", HtmlReport.Format(m.AverageOrderValue)),
                    ("repeat purchase rate", m.RepeatPurchaseRate.ToString("P1", CultureInfo.InvariantCulture)),
                    ("sessions", HtmlReport.Format(m.Sessions)),
                    ("visitors", HtmlReport.Format(m.Visitors)),
                    ("session conversion", m.SessionConversionRate.ToString("P2", CultureInfo.InvariantCulture)),
                    ("visitors who never bought", m.VisitorsWithoutPurchaseShare.ToString("P1", CultureInfo.InvariantCulture)),
                ]);
            var monthly = await MetricsQueries.MonthlyRevenueAsync(engine, zone, cancellationToken).ConfigureAwait(false);
            report.BarChart($"Net revenue per month ({currency})",
                monthly.Rows.Select(x => ((string)x[0]!, Convert.ToDouble(x[2] ?? 0.0, CultureInfo.InvariantCulture))).ToList());
        }
        else
        {
            report.Section("Headline metrics").Paragraph("No orders or events yet: import data or run `segmenta demo`.");
        }

        await CohortSectionAsync(report, workspace, range, cancellationToken).ConfigureAwait(false);
        await SegmentSectionAsync(report, workspace, cancellationToken).ConfigureAwait(false);
        await ClvSectionAsync(report, workspace, cancellationToken).ConfigureAwait(false);
        PurchaseSection(report, workspace);
        ChurnSection(report, workspace);
        await CampaignSectionAsync(report, workspace, cancellationToken).ConfigureAwait(false);
        await ClusterSectionAsync(report, workspace, cancellationToken).ConfigureAwait(false);

        path ??= Path.Combine(workspace.ReportsDirectory, "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, report.Render(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Monthly cohort retention (share of each first-purchase cohort buying again k months later) and the funnel.</summary>
    private static async Task CohortSectionAsync(HtmlReport report, Workspace workspace, (DateOnly From, DateOnly To)? range, CancellationToken ct)
    {
        var zone = workspace.Settings.Shop.TimeZone;
        var cells = await CohortQueries.RetentionAsync(workspace.Engine, zone, weekly: false, ct).ConfigureAwait(false);
        if (cells.Rows.Count > 0)
        {
            var periods = cells.Rows.Max(r => Convert.ToInt32(r[2], CultureInfo.InvariantCulture));
            report.Section("Cohort retention", "Share of each first-purchase month's customers who bought again k months later (docs/metrics.md).")
                .Table(["cohort", "customers", .. Enumerable.Range(0, periods + 1).Select(k => k.ToString(CultureInfo.InvariantCulture))],
                    cells.Rows.GroupBy(r => (string)r[0]!).Select(g =>
                    {
                        var byPeriod = g.ToDictionary(r => Convert.ToInt32(r[2], CultureInfo.InvariantCulture), r => Convert.ToDouble(r[4], CultureInfo.InvariantCulture));
                        return (IReadOnlyList<object?>)[g.Key, g.First()[1], .. Enumerable.Range(0, periods + 1)
                            .Select(k => byPeriod.TryGetValue(k, out var v) ? (object?)v.ToString("P0", CultureInfo.InvariantCulture) : "")];
                    }));
        }
        if (range is { } r2 && await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM sessions", null, ct).ConfigureAwait(false) > 0)
        {
            var funnel = await CohortQueries.FunnelAsync(workspace.Engine, zone, r2.From, r2.To, ct).ConfigureAwait(false);
            report.Section("Funnel", "Sessions reaching each step, each counted among sessions that reached the previous ones.")
                .Table(["step", "sessions", "share of sessions", "drop-off"], funnel.Rows.Select(r => (IReadOnlyList<object?>)[r[1], r[2], r[3], r[4]]))
                .BarChart("Sessions per funnel step", funnel.Rows.Select(r => ((string)r[1]!, Convert.ToDouble(r[2], CultureInfo.InvariantCulture))).ToList());
        }
    }

    /// <summary>The latest segment snapshot: the segment table and the RFM grid (R × F customer counts).</summary>
    private static async Task SegmentSectionAsync(HtmlReport report, Workspace workspace, CancellationToken ct)
    {
        var snapshots = await SegmentQueries.SnapshotsAsync(workspace.Engine, ct).ConfigureAwait(false);
        if (snapshots.Count == 0)
        {
            return;
        }
        var (asOf, basisName) = snapshots[0];
        var basis = basisName == "visits" ? RfmBasis.Visits : RfmBasis.Purchases;
        var rules = workspace.Settings.Segments.ToDictionary(r => r.Id);
        var perf = await SegmentQueries.PerformanceAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, asOf, basis, Segmentation.FollowDays, ct).ConfigureAwait(false);
        report.Section("RFM segments", $"As of {asOf:yyyy-MM-dd}, {basisName} basis; rules and actions in docs/segments.md.")
            .Table(["segment", "이름", "customers", "share", "revenue share", "AOV", "repeat rate", "suggested action"],
                perf.Rows.Select(r => (IReadOnlyList<object?>)[r[0], rules.TryGetValue((string)r[0]!, out var rule) ? rule.KoreanName : "", r[1], r[2], r[3], r[5], r[6],
                    rules.TryGetValue((string)r[0]!, out var rule2) ? rule2.SuggestedAction : ""]));
        report.BarChart("Customers per segment", perf.Rows.Select(r => ((string)r[0]!, Convert.ToDouble(r[1], CultureInfo.InvariantCulture))).ToList());
        var grid = await workspace.Engine.QueryAsync(
            "SELECT r_score, f_score, count(*) FROM rfm_scores WHERE as_of = $1 AND basis = $2 GROUP BY 1, 2",
            [asOf.ToDateTime(TimeOnly.MinValue), basisName], ct).ConfigureAwait(false);
        var cells = grid.Rows.ToDictionary(x => (Convert.ToInt32(x[0], CultureInfo.InvariantCulture), Convert.ToInt32(x[1], CultureInfo.InvariantCulture)), x => x[2]);
        report.Paragraph("RFM grid: customers by recency score (rows, 5 = most recent) and frequency score (columns).")
            .Table(["R \\ F", "1", "2", "3", "4", "5"],
                Enumerable.Range(1, 5).Reverse().Select(rs => (IReadOnlyList<object?>)[rs, .. Enumerable.Range(1, 5).Select(fs => cells.GetValueOrDefault((rs, fs)) ?? 0L)]));
    }

    /// <summary>The latest clusters: profiles with revenue and retention, customers on two principal components, a z-score heatmap (docs/models.md#clustering).</summary>
    private static async Task ClusterSectionAsync(HtmlReport report, Workspace workspace, CancellationToken ct)
    {
        var engine = workspace.Engine;
        if (await engine.ScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'cluster_profiles'", null, ct).ConfigureAwait(false) == 0)
        {
            return;
        }
        var profiles = await engine.QueryAsync("""
            SELECT cluster, name, customers, revenue_share, repeat_rate, retention_90d, feature, z
            FROM cluster_profiles WHERE as_of = (SELECT max(as_of) FROM cluster_profiles) ORDER BY cluster, feature
            """, null, ct).ConfigureAwait(false);
        var clusters = profiles.Rows.GroupBy(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).ToList();
        if (clusters.Count == 0)
        {
            return;
        }
        static string Percent(object? v) => v is null ? "–" : Convert.ToDouble(v, CultureInfo.InvariantCulture).ToString("P1", CultureInfo.InvariantCulture);
        report.Section("Customer clusters", "Behavioural clusters (segmenta cluster): named by what sets each apart; revenue share, repeat rate and 90-day retention as defined in docs/models.md.")
            .Table(["cluster", "name", "customers", "revenue share", "repeat rate", "retention 90d"], clusters.Select(g =>
            {
                var r = g.First();
                return (IReadOnlyList<object?>)[g.Key, r[1], r[2], Percent(r[3]), Percent(r[4]), Percent(r[5])];
            }))
            .BarChart("Customers per cluster", clusters.Select(g => ((string)g.First()[1]!, Convert.ToDouble(g.First()[2], CultureInfo.InvariantCulture))).ToList());
        var points = await engine.QueryAsync("""
            SELECT pc1, pc2, cluster FROM cluster_members WHERE as_of = (SELECT max(as_of) FROM cluster_members)
            ORDER BY hash(customer_id), customer_id LIMIT 2000
            """, null, ct).ConfigureAwait(false);
        report.Scatter("Customers on the first two principal components of the standardised features (up to 2,000 shown)",
            points.Rows.Select(r => (Convert.ToDouble(r[0], CultureInfo.InvariantCulture), Convert.ToDouble(r[1], CultureInfo.InvariantCulture), Convert.ToInt32(r[2], CultureInfo.InvariantCulture))).ToList(),
            clusters.ToDictionary(g => g.Key, g => (string)g.First()[1]!));
        var features = clusters[0].Select(r => (string)r[6]!).ToList();
        var z = new double[clusters.Count, features.Count];
        for (var c = 0; c < clusters.Count; c++)
        {
            var byFeature = clusters[c].ToDictionary(r => (string)r[6]!, r => Convert.ToDouble(r[7], CultureInfo.InvariantCulture));
            for (var f = 0; f < features.Count; f++)
            {
                z[c, f] = byFeature.GetValueOrDefault(features[f]);
            }
        }
        report.Heatmap("Profile heatmap: each cluster's mean z-score per feature (red above the average customer, blue below)",
            clusters.Select(g => (string)g.First()[1]!).ToList(), features, z);
    }

    /// <summary>The last purchase-probability model: validation quality and bands against actual conversion.</summary>
    private static void PurchaseSection(HtmlReport report, Workspace workspace)
    {
        if (Predictions.PurchasePrediction.LastReport(workspace) is not { } text)
        {
            return;
        }
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var r = doc.RootElement.GetProperty("report");
        var v = r.GetProperty("validation");
        var bands = v.GetProperty("bands").EnumerateArray().ToList();
        report.Section("Purchase probability", string.Create(CultureInfo.InvariantCulture,
                $"{r.GetProperty("model").GetString()}, {r.GetProperty("horizon_days").GetInt32()}-day horizon, validated on {r.GetProperty("validation_cutoff").GetString()}: AUC {v.GetProperty("auc").GetDouble():0.000}, top-decile lift {v.GetProperty("top_decile_lift").GetDouble():0.0}, ECE {v.GetProperty("expected_calibration_error").GetDouble():0.000} (docs/models.md)."))
            .BarChart("Actual conversion per predicted-probability band (1 = lowest)", bands.Select(b =>
                (b.GetProperty("band").GetInt32().ToString(CultureInfo.InvariantCulture), b.GetProperty("actual_rate").GetDouble())).ToList())
            .Table(["band", "people", "mean predicted", "actual conversion"], bands.Select(b => (IReadOnlyList<object?>)[
                b.GetProperty("band").GetInt32(), (long)b.GetProperty("customers").GetInt32(), b.GetProperty("mean_predicted").GetDouble(), b.GetProperty("actual_rate").GetDouble()]));
    }

    /// <summary>The last churn model: validation quality, bands, and the most likely churners with their reasons.</summary>
    private static void ChurnSection(HtmlReport report, Workspace workspace)
    {
        if (Predictions.PurchasePrediction.LastReport(workspace, Predictions.PredictionTarget.Churn) is not { } text)
        {
            return;
        }
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var r = doc.RootElement.GetProperty("report");
        var v = r.GetProperty("validation");
        var bands = v.GetProperty("bands").EnumerateArray().ToList();
        var activity = r.TryGetProperty("churn_activity", out var a) ? a.GetString() : "purchase";
        report.Section("Churn probability", string.Create(CultureInfo.InvariantCulture,
                $"No {activity} in the next {r.GetProperty("horizon_days").GetInt32()} days; {r.GetProperty("model").GetString()} validated on {r.GetProperty("validation_cutoff").GetString()}: AUC {v.GetProperty("auc").GetDouble():0.000}, ECE {v.GetProperty("expected_calibration_error").GetDouble():0.000} (docs/models.md)."))
            .BarChart("Actual churn per predicted-probability band (1 = lowest)", bands.Select(b =>
                (b.GetProperty("band").GetInt32().ToString(CultureInfo.InvariantCulture), b.GetProperty("actual_rate").GetDouble())).ToList())
            .Table(["most likely to churn", "probability", "why"], r.GetProperty("top_scored").EnumerateArray().Select(p => (IReadOnlyList<object?>)[
                p.GetProperty("person_id").GetString(), p.GetProperty("probability").GetDouble(),
                string.Join(", ", p.GetProperty("reasons").EnumerateArray().Select(x =>
                    x.GetProperty("feature").GetString() + " " + x.GetProperty("contribution").GetDouble().ToString("+0.00;-0.00", CultureInfo.InvariantCulture)))]));
    }

    /// <summary>Every campaign's results against its control group (docs/campaigns.md §4).</summary>
    private static async Task CampaignSectionAsync(HtmlReport report, Workspace workspace, CancellationToken ct)
    {
        var exists = await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'campaigns'", null, ct).ConfigureAwait(false);
        if (exists == 0)
        {
            return;
        }
        var ids = (await workspace.Engine.QueryAsync("SELECT campaign_id FROM campaigns ORDER BY created_at, campaign_id", null, ct).ConfigureAwait(false))
            .Rows.Select(r => (string)r[0]!).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var results = new List<Campaigns.CampaignResults>();
        foreach (var id in ids)
        {
            results.Add(await Campaigns.CampaignResults.MeasureAsync(workspace, id, null, ct).ConfigureAwait(false));
        }
        report.Section("Campaigns", "Sent messages, coupon redemption and the lift over each campaign's control group; empty cells need a control group or coupons (docs/campaigns.md).")
            .Table(["campaign", "sent", "codes issued", "redeemed", "redemption rate", "conversion lift", "incremental revenue", "ROI"],
                results.Select(c => (IReadOnlyList<object?>)[c.CampaignId, c.Sent, c.CodesIssued, c.CodesRedeemed, c.RedemptionRate, c.ConversionLift, c.IncrementalRevenue, c.Roi]));
    }

    /// <summary>The latest lifetime predictions: CLV distribution and the top customers.</summary>
    private static async Task ClvSectionAsync(HtmlReport report, Workspace workspace, CancellationToken ct)
    {
        var exists = await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'clv_predictions'", null, ct).ConfigureAwait(false);
        if (exists == 0)
        {
            return;
        }
        var top = await workspace.Engine.QueryAsync("""
            SELECT customer_id, round(p_alive, 3), round(expected_purchases, 2), round(expected_spend, 2), round(clv, 2)
            FROM clv_predictions WHERE as_of = (SELECT max(as_of) FROM clv_predictions) ORDER BY clv DESC LIMIT 10
            """, null, ct).ConfigureAwait(false);
        if (top.Rows.Count == 0)
        {
            return;
        }
        var bands = await workspace.Engine.QueryAsync("""
            SELECT CASE WHEN clv < 10 THEN '< 10' WHEN clv < 50 THEN '10–50' WHEN clv < 100 THEN '50–100' WHEN clv < 500 THEN '100–500' ELSE '≥ 500' END AS band,
                   count(*) AS customers, min(clv) AS lo
            FROM clv_predictions WHERE as_of = (SELECT max(as_of) FROM clv_predictions) GROUP BY 1 ORDER BY lo
            """, null, ct).ConfigureAwait(false);
        report.Section("Customer lifetime value", "BG/NBD purchases × Gamma-Gamma spend, discounted monthly (docs/models.md).")
            .BarChart("Customers per CLV band", bands.Rows.Select(r => ((string)r[0]!, Convert.ToDouble(r[1], CultureInfo.InvariantCulture))).ToList())
            .Table(["customer", "P(alive)", "expected purchases", "expected spend", "CLV"], top.Rows.Select(r => (IReadOnlyList<object?>)r));
    }
}
