using System.Text.Json;
using Segmenta.Core;
using Segmenta.Engine.Alerts;

namespace Segmenta.Dashboard.Tests.Alerts;

/// <summary>The webhook against a real Kestrel receiver on loopback.</summary>
public sealed class AlertWebhookTests
{
    private static readonly AlertReport Report = new("Shop", new DateOnly(2025, 3, 1), null, new AlertSettings(),
        [new DailyKpi("orders", new DateOnly(2025, 2, 28), [4, 1])],
        [new KpiAlert(KpiRules.DailyZScore, "orders", new DateOnly(2025, 3, 1), 1, 4, -3.5, 3)], []);

    [Fact]
    public async Task Send_PostsTheReportAsSnakeCaseJson_AndReturnsTheReceiversStatus()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();

        var status = await AlertWebhook.SendAsync(http, receiver.Url, Report);

        Assert.Equal(202, status);
        var (path, type, body) = Assert.Single(receiver.Received);
        Assert.Equal("/hook", path);
        Assert.StartsWith("application/json", type, StringComparison.Ordinal);
        var alert = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal("daily_z_score", alert.GetProperty("rule").GetString());
        Assert.Equal(-3.5, alert.GetProperty("score").GetDouble());
        Assert.Equal("2025-03-01", alert.GetProperty("day").GetString());
    }

    [Theory]
    [InlineData("", "alerts.webhook_url is not set")]
    [InlineData("ftp://example.org/hook", "not an absolute http(s) URL")]
    [InlineData("hooks/alerts", "not an absolute http(s) URL")]
    public async Task Send_WithoutAUsableUrl_SaysWhatToFixInSegmentaJson(string url, string message)
    {
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<SegmentaInputException>(() => AlertWebhook.SendAsync(http, url, Report));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ToAClosedPort_NamesTheReceiver()
    {
        // A receiver that has stopped: its port refuses connections
        var receiver = await WebhookReceiver.StartAsync();
        var url = receiver.Url;
        await receiver.DisposeAsync();
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<SegmentaInputException>(() => AlertWebhook.SendAsync(http, url, Report));

        Assert.Contains(new Uri(url).GetLeftPart(UriPartial.Authority), e.Message, StringComparison.Ordinal);
    }
}
