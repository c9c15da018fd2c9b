using System.Net.Http.Json;
using Segmenta.Core;
using Segmenta.Engine.Workspaces;

namespace Segmenta.Engine.Alerts;

/// <summary>POSTs an <see cref="AlertReport"/> as JSON (snake_case, like every Segmenta document) to the configured webhook.</summary>
public static class AlertWebhook
{
    /// <summary>Sends the report to <c>alerts.webhook_url</c>; returns the receiver's status code.</summary>
    /// <exception cref="SegmentaInputException">No webhook is configured, the URL is not absolute http(s), or the receiver cannot be reached.</exception>
    public static async Task<int> SendAsync(HttpClient http, string webhookUrl, AlertReport report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrWhiteSpace(webhookUrl))
        {
            throw new SegmentaInputException("alerts.webhook_url is not set in segmenta.json: nowhere to send alerts");
        }
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new SegmentaInputException($"alerts.webhook_url '{webhookUrl}' in segmenta.json is not an absolute http(s) URL");
        }
        try
        {
            using var response = await http.PostAsJsonAsync(uri, report, Workspace.JsonOptions, ct).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            throw new SegmentaInputException($"alerts.webhook_url {uri.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
    }
}
