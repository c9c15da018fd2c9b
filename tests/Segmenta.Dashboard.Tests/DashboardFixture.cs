using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Segmenta.Engine.Alerts;
using Segmenta.Engine.Demo;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Server;
using Segmenta.Testing;

namespace Segmenta.Dashboard.Tests;

/// <summary>
/// One seeded server for the browser tests: a 1,500-customer, 60-day simulated shop run through the demo
/// (importers, RFM, CLV, purchase model, clusters) plus a purchases snapshot 30 days earlier for movements,
/// served on a free loopback port, with a webhook receiver and one headless Debian Chromium.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new("segmenta-dashboard-");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    /// <summary>An admin key the tests log in with.</summary>
    public string AdminKey { get; private set; } = "";

    /// <summary>An ingest-only key: good for /v1/track, not for the dashboard.</summary>
    public string IngestKey { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public WebhookReceiver Webhook { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Webhook = await WebhookReceiver.StartAsync();
        // Sensitive thresholds so the KPI rules fire on the simulated shop and the alert table has rows to check.
        Workspace.Initialise(_folder.Path, WorkspaceSettings.CreateDefault() with
        {
            Alerts = new AlertSettings { WebhookUrl = Webhook.Url, WeekOverWeekDrop = 0.01, ZScore = 0.5, CheckIntervalMinutes = 0 },
        });
        await using (var workspace = await Workspace.OpenAsync(_folder.Path))
        {
            var demo = await DemoRunner.RunAsync(workspace, new DemoOptions { Customers = 1_500, Days = 60, Seed = 7 }, TimeProvider.System);
            await Segmentation.RunAsync(workspace, demo.Segments.AsOf.AddDays(-30), "purchases", null);
            AdminKey = await TestKeys.CreateAdminKeyAsync(workspace);
            IngestKey = await TestKeys.CreateIngestKeyAsync(workspace);
        }
        _app = await SegmentaServer.BuildAsync(new ServerOptions { WorkspaceDirectory = _folder.Path, Urls = "http://127.0.0.1:0" });
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The JSON of /v1/reports/<paramref name="report"/> (with the page's query, if any).</summary>
    public async Task<JsonElement> ReportAsync(string report, string query = "")
    {
        var text = await Http.GetStringAsync(new Uri($"/v1/reports/{report}{query}", UriKind.Relative));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A browser context already logged in (through the real /login form).</summary>
    public async Task<IBrowserContext> LoggedInContextAsync(string? locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#key", AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/overview");
        await page.CloseAsync();
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Webhook.DisposeAsync();
    }

    /// <summary>Runs after <see cref="DisposeAsync"/>: the server has let go of the database by then.</summary>
    public void Dispose() => _folder.Dispose();
}
