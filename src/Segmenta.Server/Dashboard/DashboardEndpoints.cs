using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Segmenta.Core;
using Segmenta.Engine.Alerts;
using Segmenta.Engine.Workspaces;
using Segmenta.Server.Api;
using Segmenta.Server.Security;

namespace Segmenta.Server.Dashboard;

/// <summary>The web dashboard on the same host as the API: pages, their /v1/reports JSON, login, static assets.</summary>
public static class DashboardEndpoints
{
    /// <summary>The cookie holding the pasted API key (HttpOnly, SameSite=Strict), read by the API's authentication as well as <c>Authorization: Bearer</c>.</summary>
    public const string KeyCookie = ApiKeyAuthentication.CookieName;

    /// <summary>Files under wwwroot the dashboard serves, with their content types; nothing else is reachable.</summary>
    private static readonly IReadOnlyDictionary<string, string> Assets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["lib/echarts.min.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>Registers the dashboard's services.</summary>
    public static IServiceCollection AddSegmentaDashboard(this IServiceCollection services)
    {
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AlertNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertNotifier>());
        return services;
    }

    /// <summary>Maps the dashboard's pages and assets.</summary>
    public static IEndpointRouteBuilder MapSegmentaDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard/overview")).ExcludeFromDescription();
        app.MapGet("/dashboard", () => Results.Redirect("/dashboard/overview")).ExcludeFromDescription();
        // The shells carry no data (the JSON behind them needs an admin key), so they are public; dashboard.js sends a 401 to /login.
        app.MapGet("/dashboard/{page}", (string page, HttpContext http) => DashboardPages.Exists(page)
            ? Html(http, DashboardPages.Render(page))
            : Results.NotFound()).ExcludeFromDescription();
        app.MapGet("/assets/{**file}", (string file) =>
        {
            if (!Assets.TryGetValue(file, out var type))
            {
                return Results.NotFound();
            }
            var path = Path.Combine(AppContext.BaseDirectory, "wwwroot", file);
            return File.Exists(path) ? Results.File(path, type) : Results.NotFound();
        }).ExcludeFromDescription();
        MapLogin(app);
        MapReports(app);
        return app;
    }

    private static void MapLogin(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext http) => Html(http, DashboardPages.Login(null, DashboardPages.SafeNext(http.Request.Query["next"])))).ExcludeFromDescription();
        app.MapPost("/login", async (HttpContext http, CancellationToken ct) =>
        {
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct).ConfigureAwait(false) : null;
            var key = form?["key"].ToString().Trim() ?? "";
            var next = DashboardPages.SafeNext(form?["next"].ToString());
            // Only an active admin key opens the dashboard: every page's JSON needs one.
            var known = key.Length == 0 ? null : http.RequestServices.GetRequiredService<ApiKeyRing>().Find(key);
            if (known is null || known.Scope != SegmentaPolicies.Admin)
            {
                return Html(http, DashboardPages.Login("Not a valid admin key. · 유효한 관리자 키가 아닙니다.", next), StatusCodes.Status401Unauthorized);
            }
            http.Response.Cookies.Append(KeyCookie, key, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/",
                IsEssential = true,
            });
            return Results.Redirect(next);
        }).ExcludeFromDescription();
        app.MapPost("/logout", (HttpContext http) =>
        {
            http.Response.Cookies.Delete(KeyCookie, new CookieOptions { Path = "/" });
            return Results.Redirect("/login");
        }).ExcludeFromDescription();
    }

    private static void MapReports(IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/v1/reports").RequireAuthorization(SegmentaPolicies.Admin);
        // Bad input (a query parameter, a missing webhook setting) is the caller's to fix: 400 with the reason.
        reports.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (SegmentaInputException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        reports.MapGet("/overview", (Workspace w, QueryGate gate, CancellationToken ct) => Json(gate, _ => DashboardReports.OverviewAsync(w, ct)));
        reports.MapGet("/segments", (Workspace w, QueryGate gate, CancellationToken ct) => Json(gate, _ => DashboardReports.SegmentsAsync(w, ct)));
        reports.MapGet("/migration", (Workspace w, QueryGate gate, CancellationToken ct) => Json(gate, _ => DashboardReports.MigrationAsync(w, ct)));
        reports.MapGet("/predictions", (Workspace w) => Json(DashboardReports.PredictionsAsync(w)));
        reports.MapGet("/cohorts", (Workspace w, QueryGate gate, CancellationToken ct) => Json(gate, _ => DashboardReports.CohortsAsync(w, ct)));
        reports.MapGet("/funnel", (Workspace w, QueryGate gate, CancellationToken ct) => Json(gate, _ => DashboardReports.FunnelAsync(w, ct)));
        reports.MapGet("/clusters", (Workspace w, QueryGate gate, CancellationToken ct) => Json(gate, _ => DashboardReports.ClustersAsync(w, ct)));
        reports.MapGet("/baskets", async (Workspace w, QueryGate gate, HttpRequest request, CancellationToken ct) =>
        {
            var support = Number(request, "min_support", 0.01);
            var confidence = Number(request, "min_confidence", 0.5);
            var top = (int)Number(request, "top", 20);
            if (support is <= 0 or > 1 || confidence is < 0 or > 1 || top < 1)
            {
                throw new SegmentaInputException("min_support must be in (0, 1], min_confidence in [0, 1] and top at least 1");
            }
            // Mining is CPU work: it runs after the query connection is released.
            var baskets = await gate.RunAsync(_ => DashboardReports.BasketsAsync(w, ct), ct).ConfigureAwait(false);
            return Results.Json(DashboardReports.Rules(baskets, support, confidence, top), Workspace.JsonOptions);
        });
        reports.MapGet("/campaigns", (Workspace w, QueryGate gate, CancellationToken ct) => Json(gate, _ => DashboardReports.CampaignsAsync(w, ct)));
        reports.MapGet("/alerts", async (Workspace w, QueryGate gate, CancellationToken ct) =>
            Results.Json(await gate.RunAsync(_ => AlertEvaluator.EvaluateAsync(w, ct), ct).ConfigureAwait(false), Workspace.JsonOptions));
        reports.MapPost("/alerts/notify", async (Workspace w, QueryGate gate, IHttpClientFactory clients, CancellationToken ct) =>
        {
            var report = await gate.RunAsync(_ => AlertEvaluator.EvaluateAsync(w, ct), ct).ConfigureAwait(false);
            var status = await AlertWebhook.SendAsync(clients.CreateClient("alerts"), w.Settings.Alerts.WebhookUrl, report, ct).ConfigureAwait(false);
            return Results.Json(new { webhook_status = status, alerts = report.Alerts.Count, quiet_customers = report.QuietCustomers.Count }, Workspace.JsonOptions,
                statusCode: status is >= 200 and < 300 ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway);
        });
    }

    /// <summary>
    /// An HTML page with headers that keep it to its own scripts and out of other sites' frames: even a
    /// customer id that slipped past escaping could not run script or load anything from elsewhere.
    /// </summary>
    private static IResult Html(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        var headers = http.Response.Headers;
        // ECharts sets element styles, hence style-src 'unsafe-inline'; scripts only from /assets.
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static async Task<IResult> Json(Task<object> report) => Results.Json(await report.ConfigureAwait(false), Workspace.JsonOptions);

    /// <summary>Runs a report with the query connection to itself (the API's <see cref="QueryGate"/>), as every query route does.</summary>
    private static async Task<IResult> Json(QueryGate gate, Func<Storage.DuckDb.DuckDbEngine, Task<object>> report) =>
        Results.Json(await gate.RunAsync(report).ConfigureAwait(false), Workspace.JsonOptions);

    private static double Number(HttpRequest request, string name, double fallback)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new SegmentaInputException($"query parameter {name}='{text}' is not a number");
    }
}
