using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Segmenta.Dashboard.Tests;

/// <summary>
/// The dashboard in headless Chromium against a simulator-seeded server: every page loads without console
/// errors, and every figure and chart on it equals the /v1/reports JSON it was drawn from.
/// </summary>
public sealed class DashboardBrowserTests(DashboardFixture server) : IClassFixture<DashboardFixture>
{
    /// <summary>Page, its query, and the JSON arrays whose every element the page must show (report:path).</summary>
    public static TheoryData<string, string, string[]> Pages => new()
    {
        { "overview", "", ["overview:monthly"] },
        { "segments", "", ["segments:segments", "migration:transitions"] },
        { "predictions", "", ["predictions:bands"] },
        { "cohorts", "", ["cohorts:cohorts"] },
        { "funnel", "", ["funnel:steps"] },
        { "clusters", "", ["clusters:clusters"] },
        // The simulated catalogue has weak co-purchase structure: low thresholds so there are rules to show.
        { "baskets", "?min_support=0.002&min_confidence=0.05&top=10", ["baskets:top"] },
        { "campaigns", "", ["campaigns:revenue_by_campaign"] },
        { "alerts", "", ["alerts:alerts", "alerts:quiet_customers"] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Loads_WithoutConsoleErrors_AndShowsExactlyItsJson(string id, string query, string[] arrays)
    {
        // Given a logged-in browser
        await using var context = await server.LoggedInContextAsync();
        var page = await context.NewPageAsync();
        var problems = Watch(page);

        // When the page is opened and has drawn itself
        await OpenAsync(page, $"/dashboard/{id}{query}");

        // Then nothing went wrong in the browser
        Assert.Empty(problems);
        // And every figure shown equals its JSON value at the precision shown
        var figures = await page.EvalOnSelectorAllAsync<string[][]>("[data-path]", "els => els.map(e => [e.dataset.path, e.dataset.format, e.textContent])");
        var reports = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (report, _) in figures.Select(f => Split(f[0])).Distinct())
        {
            reports[report] = await server.ReportAsync(report, report == id ? query : "");
        }
        foreach (var f in figures)
        {
            var (report, path) = Split(f[0]);
            PageFigures.AssertShows(PageFigures.Resolve(reports[report], path), f[1], f[2], $"{id}: {f[0]}");
        }
        // And every row of the page's JSON arrays is on the page (nothing silently left out)
        foreach (var array in arrays)
        {
            var (report, path) = Split(array);
            var json = reports.TryGetValue(report, out var r) ? r : await server.ReportAsync(report, report == id ? query : "");
            var length = PageFigures.Resolve(json, path).GetArrayLength();
            Assert.True(length > 0, $"{id}: the seeded shop should give {array} rows");
            var shown = figures.Select(f => f[0]).Where(p => p.StartsWith(array + ".", StringComparison.Ordinal))
                .Select(p => int.Parse(p[(array.Length + 1)..].Split('.')[0], CultureInfo.InvariantCulture)).Distinct().Count();
            Assert.Equal(length, shown);
        }
        // And every chart plots exactly the JSON numbers it names
        var charts = await page.EvalOnSelectorAllAsync<string[][]>("[data-source]", """
            els => els.map(el => {
              const c = echarts.getInstanceByDom(el);
              const series = c ? c.getOption().series.map(s => (s.data || []).map(v => {
                const x = (v !== null && typeof v === 'object' && !Array.isArray(v)) ? v.value : v;
                return Array.isArray(x) ? x[x.length - 1] : x;
              }).filter(x => typeof x === 'number')) : null;
              return [el.id, el.dataset.source, JSON.stringify(series)];
            })
            """);
        Assert.NotEmpty(charts);
        foreach (var chart in charts.Where(c => c[1].Length > 0))
        {
            var plotted = JsonSerializer.Deserialize<double[][]>(chart[2]);
            Assert.True(plotted is not null, $"{id}: chart #{chart[0]} was not drawn");
            var sources = chart[1].Split('|');
            Assert.Equal(sources.Length, plotted.Length);
            for (var s = 0; s < sources.Length; s++)
            {
                var (report, path) = Split(sources[s]);
                var expected = PageFigures.Flatten(reports.TryGetValue(report, out var r) ? r : await server.ReportAsync(report), path).ToList();
                Assert.True(expected.Count > 0, $"{id}: chart #{chart[0]} has nothing to plot from {sources[s]}");
                Assert.Equal(expected, plotted[s].ToList());
            }
        }
        await ScreenshotAsync(page, $"dashboard-{id}.png");
    }

    [Fact]
    public async Task KoreanBrowser_GetsKoreanLabels_AndTheSwitchGoesToEnglish()
    {
        // Given a browser whose language is Korean
        await using var context = await server.LoggedInContextAsync("ko-KR");
        var page = await context.NewPageAsync();
        var problems = Watch(page);

        // When it opens the overview
        await OpenAsync(page, "/dashboard/overview");

        // Then titles and labels are Korean, and the figures are the same JSON numbers
        Assert.Equal("개요", await page.TextContentAsync("h1"));
        Assert.Equal("세그먼트", await page.TextContentAsync("nav a[href='/dashboard/segments']"));
        Assert.Contains("순매출", await page.TextContentAsync(".cards"), StringComparison.Ordinal);
        var overview = await server.ReportAsync("overview");
        PageFigures.AssertShows(overview.GetProperty("kpis").GetProperty("net_revenue"), "money",
            (await page.TextContentAsync("[data-path='overview:kpis.net_revenue']"))!, "ko overview net revenue");
        await ScreenshotAsync(page, "dashboard-overview-ko.png");

        // And the EN button switches the page to English
        await page.ClickAsync("button[data-lang=en]");
        await page.WaitForSelectorAsync("#content[aria-busy=false]");
        Assert.Equal("Overview", await page.TextContentAsync("h1"));
        Assert.Contains("Net revenue", await page.TextContentAsync(".cards"), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Login_StoresTheKeyInAnHttpOnlyStrictCookie()
    {
        // Given a fresh browser on the login page
        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");

        // When the admin key is pasted and submitted
        await page.FillAsync("#key", server.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/overview");

        // Then the key sits in segmenta_key, out of reach of scripts and of other sites' requests
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "segmenta_key");
        Assert.Equal(server.AdminKey, cookie.Value);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
    }

    [Fact]
    public async Task SendToWebhook_PostsTheAlertsShownToTheConfiguredReceiver()
    {
        // Given the alerts page of a workspace whose segmenta.json names a webhook
        await using var context = await server.LoggedInContextAsync();
        var page = await context.NewPageAsync();
        var problems = Watch(page);
        await OpenAsync(page, "/dashboard/alerts");
        var before = server.Webhook.Received.Count;

        // When the marketer presses "Send to webhook"
        await page.ClickAsync("#notify");
        await page.WaitForSelectorAsync("#notified:not(:empty)");

        // Then the receiver got one JSON POST carrying the same alerts and quiet customers as the page's JSON
        Assert.Contains("202", await page.TextContentAsync("#notified"), StringComparison.Ordinal);
        Assert.Equal(before + 1, server.Webhook.Received.Count);
        var (_, type, body) = server.Webhook.Received.Last();
        Assert.StartsWith("application/json", type, StringComparison.Ordinal);
        var sent = JsonDocument.Parse(body).RootElement;
        var shown = await server.ReportAsync("alerts");
        Assert.Equal(shown.GetProperty("alerts").GetRawText(), sent.GetProperty("alerts").GetRawText());
        Assert.Equal(shown.GetProperty("quiet_customers").GetRawText(), sent.GetProperty("quiet_customers").GetRawText());
        Assert.True(sent.GetProperty("alerts").GetArrayLength() > 0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WithoutAKey_PagesSendTheBrowserToLogin_AndTheirJsonAnswers401()
    {
        // Given a browser that never logged in
        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();

        // When it opens a page, it lands on /login
        await page.GotoAsync("/dashboard/segments");
        // (the address is what is checked: waiting for every script's load event too timed out once on a busy CI machine)
        await page.WaitForURLAsync("**/login?next=*", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(1, await page.Locator("input#key[type=password]").CountAsync());

        // And the JSON behind the page needs an admin key: none gives 401, an ingest key 403 (problem+json)
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var response = await anonymous.GetAsync(new Uri("/v1/reports/segments", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var ingest = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUrl + "/v1/reports/segments"));
        ingest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.IngestKey);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await anonymous.SendAsync(ingest)).StatusCode);
        // And the shells run only their own scripts and refuse to be framed by other sites
        var shell = await anonymous.GetAsync(new Uri("/dashboard/overview", UriKind.Relative));
        Assert.Contains("script-src 'self';", shell.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", shell.Headers.GetValues("X-Frame-Options").Single());

        // And logging in there returns to the page that was asked for
        await page.FillAsync("#key", server.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/segments", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
    }

    [Theory]
    [InlineData("/dashboard/cohorts", "/dashboard/cohorts")]
    [InlineData("//evil.example/dashboard/", "/dashboard/overview")]
    [InlineData("https://evil.example/", "/dashboard/overview")]
    [InlineData("/dashboard/\\evil.example", "/dashboard/overview")]
    public async Task Login_ReturnsOnlyToDashboardPagesOfThisSite(string next, string expected)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(server.BaseUrl) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = server.AdminKey, ["next"] = next });

        var response = await http.PostAsync(new Uri("/login", UriKind.Relative), form);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("wrong")]
    public async Task Login_WithAnIngestOrUnknownKey_IsRefused_AndSetsNoCookie(string which)
    {
        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");

        await page.FillAsync("#key", which == "ingest" ? server.IngestKey : "sk_not_a_key");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/login", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.WaitForSelectorAsync(".error");

        Assert.Equal(401, response.Status);
        Assert.Contains("Not a valid admin key", await page.TextContentAsync(".error"), StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "segmenta_key");
    }

    private static (string Report, string Path) Split(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        return (reference[..colon], reference[(colon + 1)..]);
    }

    /// <summary>Console errors, uncaught exceptions and failed requests of the page.</summary>
    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        return problems;
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("#content[aria-busy=false]");
    }

    /// <summary>With SEGMENTA_SCREENSHOTS set (e.g. to docs/img), saves the page for the README tour.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("SEGMENTA_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}
