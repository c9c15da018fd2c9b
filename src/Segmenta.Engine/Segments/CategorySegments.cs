using System.Globalization;
using Segmenta.Core.Clustering;
using Segmenta.Storage.Features;

namespace Segmenta.Engine.Segments;

/// <summary><c>segmenta cluster --categories</c>: category-preference segments from spend shares (docs/segments.md#category-preference).</summary>
public static class CategorySegments
{
    /// <summary>Assigns every buyer before the as-of day and stores the result in <c>category_preferences</c>.</summary>
    public static async Task<CategoryPreferenceRun> RunAsync(Workspaces.Workspace workspace, DateOnly? asOf, double threshold, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var day = asOf ?? await Segmentation.DefaultAsOfAsync(workspace, ct).ConfigureAwait(false);
        var table = await ClusterFeatures.CategorySpendAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, day, ct).ConfigureAwait(false);
        var rows = CategoryPreference.Assign(table.Rows.Select(r => ((string)r[0]!, (string)r[1]!, Convert.ToDouble(r[2], CultureInfo.InvariantCulture))), threshold);
        var total = rows.Sum(r => r.Spend);
        var segments = rows.GroupBy(r => r.Segment)
            .Select(g => new CategorySegmentCount(g.Key, g.Count(), rows.Count == 0 ? 0 : (double)g.Count() / rows.Count, g.Sum(r => r.Spend), total > 0 ? g.Sum(r => r.Spend) / total : 0))
            .OrderByDescending(s => s.Customers).ThenBy(s => s.Segment, StringComparer.Ordinal).ToList();
        await workspace.Engine.InTransactionAsync(async token =>
        {
            var date = day.ToDateTime(TimeOnly.MinValue);
            await workspace.Engine.ExecuteAsync("CREATE TABLE IF NOT EXISTS category_preferences (as_of DATE, customer_id VARCHAR, segment VARCHAR, dominant_category VARCHAR, share DOUBLE, spend DOUBLE)", null, token).ConfigureAwait(false);
            await workspace.Engine.ExecuteAsync("DELETE FROM category_preferences WHERE as_of = $1", [date], token).ConfigureAwait(false);
            using var appender = workspace.Engine.CreateAppender("category_preferences");
            foreach (var r in rows)
            {
                appender.CreateRow().AppendValue(date).AppendValue(r.Customer).AppendValue(r.Segment).AppendValue(r.DominantCategory).AppendValue(r.Share).AppendValue(r.Spend).EndRow();
            }
            return 0;
        }, ct).ConfigureAwait(false);
        return new CategoryPreferenceRun(day, threshold, rows.Count, segments);
    }
}

/// <summary>The result of <see cref="CategorySegments.RunAsync"/>.</summary>
/// <param name="AsOf">Spend counted strictly before this day.</param>
/// <param name="Threshold">Share of spend from which the dominant category names the segment.</param>
/// <param name="Customers">Buyers assigned.</param>
/// <param name="Segments">Per segment (a category or "mixed"): customers, share, spend, spend share.</param>
public sealed record CategoryPreferenceRun(DateOnly AsOf, double Threshold, int Customers, IReadOnlyList<CategorySegmentCount> Segments);

/// <summary>One category-preference segment.</summary>
/// <param name="Segment">Category name or "mixed".</param>
/// <param name="Customers">Buyers in it.</param>
/// <param name="Share">Customers / all buyers assigned.</param>
/// <param name="Spend">Their total spend.</param>
/// <param name="SpendShare">Spend / the spend of all buyers assigned.</param>
public sealed record CategorySegmentCount(string Segment, int Customers, double Share, double Spend, double SpendShare);
