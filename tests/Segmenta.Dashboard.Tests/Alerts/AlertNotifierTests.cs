using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Segmenta.Engine.Alerts;
using Segmenta.Engine.Workspaces;
using Segmenta.Server;
using Segmenta.Server.Dashboard;
using Segmenta.Testing;

namespace Segmenta.Dashboard.Tests.Alerts;

/// <summary>The server's alert checks sending to a real webhook receiver, on the hand-built shop.</summary>
public sealed class AlertNotifierTests : IDisposable
{
    private readonly TempFolder _folder = new("segmenta-notifier-");

    public void Dispose() => _folder.Dispose();

    private async Task SeedAsync(string webhook, double checkMinutes)
    {
        Workspace.Initialise(_folder.Path, WorkspaceSettings.CreateDefault() with
        {
            Alerts = new AlertSettings { WebhookUrl = webhook, CheckIntervalMinutes = checkMinutes },
        });
        await using var ws = await Workspace.OpenAsync(_folder.Path);
        await HandBuiltShop.SeedAsync(ws);
    }

    [Fact]
    public async Task Check_SendsTheQuietCustomersOnce_ThenNotAgainUntilSomethingChanges()
    {
        // Given a server whose periodic check is off, and a receiver
        await using var receiver = await WebhookReceiver.StartAsync();
        await SeedAsync(receiver.Url, checkMinutes: 0);
        await using var app = await SegmentaServer.BuildAsync(new ServerOptions { WorkspaceDirectory = _folder.Path, Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        var notifier = app.Services.GetRequiredService<AlertNotifier>();

        // When the rules are checked twice
        var first = await notifier.CheckAsync();
        var second = await notifier.CheckAsync();

        // Then the first check sent A, C and F (docs/dashboard.md's example shop) and the second sent nothing new
        Assert.Equal((AlertNotifier.Outcome.Sent, AlertNotifier.Outcome.AlreadySent), (first, second));
        var (_, _, body) = Assert.Single(receiver.Received);
        var quiet = JsonDocument.Parse(body).RootElement.GetProperty("quiet_customers").EnumerateArray().Select(q => q.GetProperty("customer_id").GetString());
        Assert.Equal(["A", "C", "F"], quiet);
        Assert.Equal("(set)", JsonDocument.Parse(body).RootElement.GetProperty("settings").GetProperty("webhook_url").GetString());
        await app.StopAsync();
    }

    [Fact]
    public async Task Serve_WithAPeriodicCheck_SendsRightAfterStart()
    {
        // Given a workspace checking every 60 minutes
        await using var receiver = await WebhookReceiver.StartAsync();
        await SeedAsync(receiver.Url, checkMinutes: 60);

        // When the server starts
        await using var app = await SegmentaServer.BuildAsync(new ServerOptions { WorkspaceDirectory = _folder.Path, Urls = "http://127.0.0.1:0" });
        await app.StartAsync();

        // Then the first check posts the report without waiting for the first hour (waits for the POST, asserts no timing)
        for (var i = 0; i < 300 && receiver.Received.IsEmpty; i++)
        {
            await Task.Delay(100);
        }
        var (_, _, body) = Assert.Single(receiver.Received);
        Assert.Equal(3, JsonDocument.Parse(body).RootElement.GetProperty("quiet_customers").GetArrayLength());
        Assert.Equal(AlertNotifier.Outcome.AlreadySent, await app.Services.GetRequiredService<AlertNotifier>().CheckAsync());
        await app.StopAsync();
    }
}
