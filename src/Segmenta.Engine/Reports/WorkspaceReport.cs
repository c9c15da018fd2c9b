using System.Globalization;
using Segmenta.Engine.Workspaces;
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

        path ??= Path.Combine(workspace.ReportsDirectory, "report.html");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, report.Render(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
