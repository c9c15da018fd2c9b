using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Segmenta.Engine.Workspaces;
using Segmenta.Server;
using Segmenta.Testing;

namespace Segmenta.Dashboard.Tests;

/// <summary>A brand-new workspace: every page says what to do next instead of failing or inventing numbers.</summary>
public sealed class EmptyWorkspaceBrowserTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new("segmenta-empty-dashboard-");
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _key = "";

    public async Task InitializeAsync()
    {
        Workspace.Initialise(_folder.Path);
        await using (var ws = await Workspace.OpenAsync(_folder.Path))
        {
            _key = await TestKeys.CreateAdminKeyAsync(ws);
        }
        _app = await SegmentaServer.BuildAsync(new ServerOptions { WorkspaceDirectory = _folder.Path, Urls = "http://127.0.0.1:0" });
        await _app.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [Fact]
    public async Task EveryPage_OfAnEmptyWorkspace_ShowsItsEmptyState_WithoutErrors()
    {
        // Given a logged-in browser on a workspace with no data
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app!.Urls.Single() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#key", _key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/overview");
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { problems.Add(m.Text); } };
        page.PageError += (_, e) => problems.Add(e);

        foreach (var (id, _, _) in Segmenta.Server.Dashboard.DashboardPages.All)
        {
            // When each page is opened
            await page.GotoAsync($"/dashboard/{id}");
            await page.WaitForSelectorAsync("#content[aria-busy=false]");

            // Then it explains what is missing, shows no figure but zero counts, and logs no error
            Assert.True(await page.Locator("#content .empty").CountAsync() > 0, $"{id}: no empty-state message");
            var shown = await page.EvalOnSelectorAllAsync<string[]>("[data-path]", "els => els.map(e => e.textContent)");
            Assert.All(shown, text => Assert.Equal("0", text));
        }
        Assert.Empty(problems);

        // And the JSON routes answer 200 with empty sections
        using var http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _key);
        foreach (var report in new[] { "overview", "segments", "migration", "predictions", "cohorts", "funnel", "clusters", "baskets", "campaigns", "alerts" })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri($"/v1/reports/{report}", UriKind.Relative))).StatusCode);
        }
        // And with no webhook configured, sending alerts is the caller's to fix (400, naming the setting)
        var notify = await http.PostAsync(new Uri("/v1/reports/alerts/notify", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, notify.StatusCode);
        Assert.Contains("alerts.webhook_url", await notify.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _folder.Dispose();
}
