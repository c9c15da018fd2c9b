using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Segmenta.Core;
using Segmenta.Engine.Alerts;
using Segmenta.Engine.Workspaces;
using Segmenta.Server.Api;

namespace Segmenta.Server.Dashboard;

/// <summary>
/// While the server runs, checks the alert rules every <c>alerts.check_interval_minutes</c> (first right
/// after start) and POSTs the report to <c>alerts.webhook_url</c> when what fired differs from what was
/// last sent — the same KPI alert or quiet customer is not sent again and again (docs/dashboard.md#webhook).
/// </summary>
public sealed class AlertNotifier(Workspace workspace, QueryGate gate, IHttpClientFactory clients, TimeProvider clock, ILogger<AlertNotifier> log) : BackgroundService
{
    // One check at a time: the periodic check and the dashboard's button must not both send the same report.
    private readonly SemaphoreSlim _checking = new(1, 1);
    private string _lastSent = "";

    /// <summary>What one check did.</summary>
    public enum Outcome
    {
        /// <summary>No webhook is configured.</summary>
        NoWebhook,

        /// <summary>No rule fired and nobody is quiet.</summary>
        NothingFired,

        /// <summary>The same alerts and quiet customers were already sent.</summary>
        AlreadySent,

        /// <summary>The report was POSTed.</summary>
        Sent,
    }

    /// <summary>Evaluates the rules once and sends the report when it holds something not yet sent.</summary>
    public async Task<Outcome> CheckAsync(CancellationToken ct = default)
    {
        await _checking.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await CheckOnceAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _checking.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _checking.Dispose();
        base.Dispose();
    }

    private async Task<Outcome> CheckOnceAsync(CancellationToken ct)
    {
        var settings = workspace.Settings.Alerts;
        if (settings.WebhookUrl.Length == 0)
        {
            return Outcome.NoWebhook;
        }
        var report = await gate.RunAsync(_ => AlertEvaluator.EvaluateAsync(workspace, ct), ct).ConfigureAwait(false);
        if (report.Alerts.Count == 0 && report.QuietCustomers.Count == 0)
        {
            return Outcome.NothingFired;
        }
        var fingerprint = string.Join('\n', report.Alerts.Select(a => $"{a.Rule}|{a.Kpi}|{a.Day:yyyy-MM-dd}")
            .Concat(report.QuietCustomers.Select(q => "quiet|" + q.CustomerId)));
        if (fingerprint == _lastSent)
        {
            return Outcome.AlreadySent;
        }
        var status = await AlertWebhook.SendAsync(clients.CreateClient("alerts"), settings.WebhookUrl, report, ct).ConfigureAwait(false);
        if (status is < 200 or >= 300)
        {
            throw new SegmentaInputException($"alerts.webhook_url answered HTTP {status}");
        }
        _lastSent = fingerprint;
        return Outcome.Sent;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = workspace.Settings.Alerts.CheckIntervalMinutes;
        if (minutes <= 0 || workspace.Settings.Alerts.WebhookUrl.Length == 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (SegmentaInputException e)
            {
                // A receiver that is down must not stop the server; the next tick tries again.
                log.LogWarning("alert webhook: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
