using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Segmenta.Core;
using Segmenta.Core.Rfm;
using Segmenta.Engine.Campaigns;
using Segmenta.Engine.Segments;
using Segmenta.Storage.Campaigns;
using Segmenta.Engine.Workspaces;
using Segmenta.Server.Ingestion;
using Segmenta.Storage.Profiles;
using Segmenta.Storage.Segments;
using Segmenta.Storage.Serving;

namespace Segmenta.Server.Api;

/// <summary>Admin read routes: customer profiles, segments, predictions, reports (docs/api.md).</summary>
public static class QueryEndpoints
{
    /// <summary>Campaign and experiment bodies have the same shape as the CLI's --json (snake_case; NaN for undefined statistics).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions CliShapedJson = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower) },
    };

    private const int MaxPageSize = 1000;

    /// <summary>Maps the query routes; all need an admin key.</summary>
    public static IEndpointRouteBuilder MapQueryRoutes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").RequireAuthorization(SegmentaPolicies.Admin);

        group.MapGet("/customers/{id}", async (string id, Workspace workspace, QueryGate gate, IngestPipeline pipeline, CancellationToken ct) =>
        {
            var zone = workspace.Settings.Shop.TimeZone;
            var asOf = Today(zone).AddDays(1);
            var rules = Segmentation.Rules(workspace);
            var p = await gate.RunAsync(e => LiveProfiles.GetAsync(e, id, asOf, zone, workspace.Settings.Rfm.NewCustomerDays, rules, ct), ct).ConfigureAwait(false);
            if (p is null)
            {
                return Problems.Result(StatusCodes.Status404NotFound, "Unknown customer", $"no orders are stored for customer '{id}'", "id");
            }
            var orders = Convert.ToInt64(p["orders"], CultureInfo.InvariantCulture);
            var revenue = Convert.ToDouble(p["monetary"], CultureInfo.InvariantCulture);
            return Results.Ok(new
            {
                customer_id = id,
                as_of = asOf,
                metrics = new
                {
                    orders,
                    revenue,
                    net_revenue = p["monetary_net"],
                    average_order_value = orders > 0 ? revenue / orders : (double?)null,
                    first_order_at = p["first_sale_at"],
                    last_order_at = p["last_sale_at"],
                    days_since_last_order = p["days_since_last_order"],
                },
                rfm = new { basis = "purchases", recency_days = p["recency_days"], r = p["r_score"], f = p["f_score"], m = p["m_score"], scored_customers = p["population"], is_new = p["is_new"] },
                segment = p["segment_id"],
                purchase_probability = p["purchase_probability"],
                probability_band = p["probability_band"],
                clv = p["clv"],
                freshness = new { profile_updated_at = p["updated_at"], last_load_at = pipeline.Status.LastLoadAt, served_at = DateTime.UtcNow },
            });
        }).WithTags("Profiles");

        group.MapGet("/segments", async (Workspace workspace, QueryGate gate, string? as_of, string? basis, CancellationToken ct) =>
        {
            var snapshots = await gate.RunAsync(e => SegmentQueries.SnapshotsAsync(e, ct), ct).ConfigureAwait(false);
            var chosen = Snapshot(snapshots, as_of, basis);
            if (chosen is null)
            {
                return Results.Ok(new { as_of = (DateOnly?)null, basis, segments = Array.Empty<object>(), note = "no segment snapshot yet: POST /v1/segments/refresh or run `segmenta segments`" });
            }
            var (day, b) = chosen.Value;
            var performance = await gate.RunAsync(e => SegmentQueries.PerformanceAsync(e, workspace.Settings.Shop.TimeZone, day,
                b == "purchases" ? RfmBasis.Purchases : RfmBasis.Visits, Segmentation.FollowDays, ct), ct).ConfigureAwait(false);
            return Results.Ok(new { as_of = day, basis = b, segments = performance.ToDictionaries(), snapshots = snapshots.Select(s => new { as_of = s.AsOf, basis = s.Basis }) });
        }).WithTags("Segments");

        group.MapPost("/segments/refresh", async (Workspace workspace, QueryGate gate, string? as_of, string? basis, CancellationToken ct) =>
        {
            var day = as_of is null ? Today(workspace.Settings.Shop.TimeZone).AddDays(1) : ParseDay(as_of, "as_of");
            var run = await gate.RunAsync(_ => Segmentation.RunAsync(workspace, day, basis, null, ct), ct).ConfigureAwait(false);
            return Results.Ok(new { as_of = run.AsOf, basis = SegmentQueries.Name(run.Basis), scored = run.Scored, segments = run.Segments });
        }).WithTags("Segments");

        group.MapGet("/segments/{id}/members", async (string id, QueryGate gate, string? as_of, string? basis, int? page, int? page_size, CancellationToken ct) =>
        {
            var snapshots = await gate.RunAsync(e => SegmentQueries.SnapshotsAsync(e, ct), ct).ConfigureAwait(false);
            var chosen = Snapshot(snapshots, as_of, basis);
            if (chosen is null)
            {
                return Problems.Result(StatusCodes.Status404NotFound, "No segment snapshot", "no snapshot matches; POST /v1/segments/refresh first", "as_of");
            }
            var size = page_size ?? 100;
            if (page is < 1 || size is < 1 or > MaxPageSize)
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Invalid paging", $"page starts at 1 and page_size is 1..{MaxPageSize}", page is < 1 ? "page" : "page_size");
            }
            var (total, rows) = await gate.RunAsync(e => ApiQueries.SegmentMembersAsync(e, chosen.Value.AsOf, chosen.Value.Basis, id, page ?? 1, size, ct), ct).ConfigureAwait(false);
            return Results.Ok(new { segment = id, as_of = chosen.Value.AsOf, basis = chosen.Value.Basis, page = page ?? 1, page_size = size, total, members = rows.ToDictionaries() });
        }).WithTags("Segments");

        group.MapGet("/segments/{id}/export", async (string id, QueryGate gate, string? as_of, string? basis, CancellationToken ct) =>
        {
            var snapshots = await gate.RunAsync(e => SegmentQueries.SnapshotsAsync(e, ct), ct).ConfigureAwait(false);
            var chosen = Snapshot(snapshots, as_of, basis);
            if (chosen is null)
            {
                return Problems.Result(StatusCodes.Status404NotFound, "No segment snapshot", "no snapshot matches; POST /v1/segments/refresh first", "as_of");
            }
            var file = Path.Combine(Path.GetTempPath(), "segmenta-export-" + Guid.NewGuid().ToString("N") + ".csv");
            await gate.RunAsync(e => ApiQueries.ExportSegmentAsync(e, chosen.Value.AsOf, chosen.Value.Basis, id, file, ct), ct).ConfigureAwait(false);
            var bytes = await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
            File.Delete(file);
            return Results.File(bytes, "text/csv", string.Create(CultureInfo.InvariantCulture, $"{id}-{chosen.Value.AsOf:yyyy-MM-dd}.csv"));
        }).WithTags("Segments");

        group.MapGet("/predictions", async (QueryGate gate, CancellationToken ct) =>
            Results.Ok(new { predictions = await gate.RunAsync(e => ApiQueries.PredictionsAsync(e, ct), ct).ConfigureAwait(false) }))
            .WithTags("Predictions");

        group.MapGet("/campaigns", async (QueryGate gate, CancellationToken ct) =>
        {
            var list = await gate.RunAsync(async e =>
            {
                var rows = new List<object>();
                foreach (var (id, json) in await CampaignStore.ListAsync(e, "campaign", ct).ConfigureAwait(false))
                {
                    rows.Add(new { campaign = CampaignJson.ReadCampaign(json), outbox = await CampaignStore.StatusCountsAsync(e, id, ct).ConfigureAwait(false) });
                }
                return rows;
            }, ct).ConfigureAwait(false);
            return Results.Json(new { campaigns = list }, CliShapedJson);
        }).WithTags("Campaigns");

        group.MapGet("/campaigns/{id}/results", async (string id, int? days, Workspace workspace, QueryGate gate, CancellationToken ct) =>
        {
            try
            {
                return Results.Json(await gate.RunAsync(_ => CampaignResults.MeasureAsync(workspace, id, days, ct), ct).ConfigureAwait(false), CliShapedJson);
            }
            catch (SegmentaInputException e)
            {
                return Problems.Result(StatusCodes.Status404NotFound, "Unknown campaign", e.Message, "id");
            }
        }).WithTags("Campaigns");

        group.MapGet("/experiments/{id}", async (string id, int? days, Workspace workspace, QueryGate gate, CancellationToken ct) =>
        {
            try
            {
                return Results.Json(await gate.RunAsync(_ => CampaignResults.AnalyseAsync(workspace, id, days, ct), ct).ConfigureAwait(false), CliShapedJson);
            }
            catch (SegmentaInputException e)
            {
                return Problems.Result(StatusCodes.Status404NotFound, "No experiment", e.Message, "id");
            }
        }).WithTags("Experiments");

        group.MapGet("/reports", (Workspace workspace) =>
        {
            var files = Directory.Exists(workspace.ReportsDirectory)
                ? new DirectoryInfo(workspace.ReportsDirectory).GetFiles().OrderByDescending(f => f.LastWriteTimeUtc)
                    .Select(f => new { name = f.Name, bytes = f.Length, written_at = f.LastWriteTimeUtc }).ToArray()
                : [];
            return Results.Ok(new { reports = files });
        }).WithTags("Reports");

        group.MapGet("/reports/{name}", (string name, Workspace workspace) =>
        {
            // Only plain file names inside reports/: no paths, no parent folders.
            if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.StartsWith('.'))
            {
                return Problems.Result(StatusCodes.Status400BadRequest, "Invalid report name", "give a file name from GET /v1/reports", "name");
            }
            var path = Path.Combine(workspace.ReportsDirectory, name);
            return File.Exists(path)
                ? Results.File(path, name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? "text/html" : "application/octet-stream")
                : Problems.Result(StatusCodes.Status404NotFound, "Unknown report", $"no report named '{name}'", "name");
        }).WithTags("Reports");
        return app;
    }

    /// <summary>Today in the shop's zone.</summary>
    public static DateOnly Today(string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(timeZone)));

    private static DateOnly ParseDay(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new SegmentaInputException($"{field} '{text}' is not a date (yyyy-MM-dd)");

    private static (DateOnly AsOf, string Basis)? Snapshot(IReadOnlyList<(DateOnly AsOf, string Basis)> snapshots, string? asOf, string? basis)
    {
        DateOnly? day = asOf is null ? null : ParseDay(asOf, "as_of");
        foreach (var s in snapshots)
        {
            if ((day is null || s.AsOf == day) && (basis is null || s.Basis == basis))
            {
                return s;
            }
        }
        return null;
    }
}
