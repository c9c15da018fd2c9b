using System.Net;
using System.Text;

namespace Segmenta.Server.Dashboard;

/// <summary>
/// The dashboard's pages: a server-rendered shell (navigation, language switch) whose figures are drawn by
/// /assets/dashboard.js from the page's /v1/reports/... JSON, so a page shows exactly what its JSON says.
/// </summary>
public static class DashboardPages
{
    /// <summary>Page ids in navigation order, with their English and Korean titles.</summary>
    public static readonly IReadOnlyList<(string Id, string English, string Korean)> All =
    [
        ("overview", "Overview", "개요"),
        ("segments", "Segments", "세그먼트"),
        ("predictions", "Purchase probability", "구매 확률"),
        ("cohorts", "Cohorts", "코호트"),
        ("funnel", "Funnel", "퍼널"),
        ("clusters", "Clusters", "클러스터"),
        ("baskets", "Basket rules", "장바구니 규칙"),
        ("campaigns", "Campaigns & experiments", "캠페인·실험"),
        ("alerts", "Alerts", "알림"),
    ];

    /// <summary>
    /// Where to go after logging in: <paramref name="next"/> when it is a dashboard page of this site
    /// (never another host: no open redirect), else the overview.
    /// </summary>
    public static string SafeNext(string? next) =>
        next is not null && next.StartsWith("/dashboard/", StringComparison.Ordinal) && !next.Contains("//", StringComparison.Ordinal)
            && !next.Contains('\\', StringComparison.Ordinal) && next.All(c => c > ' ' && c < 127)
            ? next : "/dashboard/overview";

    /// <summary>Whether <paramref name="id"/> names a page.</summary>
    public static bool Exists(string id) => All.Any(p => p.Id == id);

    /// <summary>The HTML shell of one page.</summary>
    public static string Render(string id)
    {
        var page = All.Single(p => p.Id == id);
        var nav = new StringBuilder();
        foreach (var p in All)
        {
            nav.Append("<a href=\"/dashboard/").Append(p.Id).Append('"').Append(p.Id == id ? " aria-current=\"page\"" : "")
                .Append(" data-i18n=\"page.").Append(p.Id).Append("\">").Append(WebUtility.HtmlEncode(p.English)).Append("</a>");
        }
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(page.English)}} · Segmenta</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/assets/dashboard.css">
            <script src="/assets/lib/echarts.min.js" defer></script>
            <script src="/assets/dashboard.js" defer></script>
            </head>
            <body data-page="{{id}}">
            <header>
              <a class="brand" href="/dashboard">Segmenta</a>
              <nav>{{nav}}</nav>
              <div class="tools">
                <span class="lang" role="group" aria-label="Language / 언어"><button type="button" data-lang="en">EN</button><button type="button" data-lang="ko">한국어</button></span>
                <form method="post" action="/logout"><button type="submit" data-i18n="logout">Log out</button></form>
              </div>
            </header>
            <main>
              <h1 data-i18n="page.{{id}}">{{WebUtility.HtmlEncode(page.English)}}</h1>
              <p class="subtitle" id="subtitle"></p>
              <div id="content" aria-busy="true"><p class="loading" data-i18n="loading">Loading…</p></div>
            </main>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// The login page: paste an admin API key; <paramref name="error"/> is shown when the last try failed;
    /// <paramref name="next"/> is the dashboard page to return to.
    /// </summary>
    public static string Login(string? error, string next) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Log in · Segmenta</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/assets/dashboard.css">
        </head>
        <body class="login">
        <main>
          <h1>Segmenta</h1>
          <form method="post" action="/login">
            <label for="key">Admin API key · 관리자 API 키</label>
            <input id="key" name="key" type="password" autocomplete="off" required>
            <input type="hidden" name="next" value="{{WebUtility.HtmlEncode(next)}}">
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <button type="submit">Log in · 로그인</button>
          </form>
          <p class="hint">Create one with <code>segmenta keys create NAME --scope admin</code> (server stopped). · 서버를 멈춘 뒤 <code>segmenta keys create NAME --scope admin</code> 으로 키를 만드세요.</p>
        </main>
        </body>
        </html>
        """;
}
