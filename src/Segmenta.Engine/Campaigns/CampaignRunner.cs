using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Segmenta.Core;
using Segmenta.Core.Campaigns;
using Segmenta.Core.Experiments;
using Segmenta.Core.Segments;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Campaigns;

namespace Segmenta.Engine.Campaigns;

/// <summary>
/// Creates and runs campaigns through the durable outbox (docs/campaigns.md §3). A run first <b>plans</b>: every
/// eligible customer gets one outbox row keyed by campaign | customer | occurrence day, written together with its
/// coupon code in one transaction, so planning twice adds nothing. Then it <b>delivers</b> the due pending rows one by
/// one, marking each sent right after the channel accepted it; a run killed mid-way leaves the rest pending for the next.
/// </summary>
public static class CampaignRunner
{
    /// <summary>Validates a campaign against the workspace (segments, fields, coupon) and stores it.</summary>
    public static async Task<CampaignDefinition> CreateAsync(Workspace workspace, CampaignDefinition campaign, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(campaign);
        var rules = Segmentation.Rules(workspace);
        campaign = campaign with { Created = ShopDay(workspace, now) };
        campaign.Validate(rules.Rules.Select(r => r.Id).ToList(), FieldCatalog.Default);
        if (campaign.CouponId is { } couponId)
        {
            await Coupons.LoadAsync(workspace, couponId, ct).ConfigureAwait(false);
        }
        await CampaignStore.SaveAsync(workspace.Engine, "campaign", campaign.Id, CampaignJson.Write(campaign), now, ct).ConfigureAwait(false);
        return campaign;
    }

    /// <summary>A stored campaign.</summary>
    public static async Task<CampaignDefinition> LoadAsync(Workspace workspace, string id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return CampaignJson.ReadCampaign(await CampaignStore.LoadAsync(workspace.Engine, "campaign", id, ct).ConfigureAwait(false));
    }

    /// <summary>The shop day of a UTC instant.</summary>
    public static DateOnly ShopDay(Workspace workspace, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(workspace)));
    }

    private static TimeZoneInfo Zone(Workspace workspace) => TimeZoneInfo.FindSystemTimeZoneById(workspace.Settings.Shop.TimeZone);

    /// <summary>Plans the occurrence of <paramref name="now"/> and delivers every due message.</summary>
    public static async Task<CampaignRunResult> RunAsync(Workspace workspace, string campaignId, DateTime now, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        now = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        var campaign = await LoadAsync(workspace, campaignId, ct).ConfigureAwait(false);
        var settings = workspace.Settings.Campaigns;
        var quiet = new QuietHours(settings.QuietStartHour, settings.QuietEndHour).Validate();
        if (settings.FallbackHour is < 0 or > 23)
        {
            throw new SegmentaInputException(FormattableString.Invariant($"segmenta.json: campaigns.fallback_hour {settings.FallbackHour} must be 0–23"));
        }
        var zone = Zone(workspace);
        var today = ShopDay(workspace, now);
        var occurrence = campaign.Occurrence(today);
        var coupon = campaign.CouponId is { } cid ? await Coupons.LoadAsync(workspace, cid, ct).ConfigureAwait(false) : null;
        if (coupon is not null && coupon.IsExpiredOn(today))
        {
            throw new SegmentaInputException($"campaign {campaign.Id}: coupon {coupon.Id} expired on {coupon.ValidTo:yyyy-MM-dd}; nothing was planned or sent");
        }

        progress?.Report($"scoring segments as of {occurrence:yyyy-MM-dd}");
        var run = await Segmentation.RunAsync(workspace, occurrence, null, null, ct).ConfigureAwait(false);
        var condition = SegmentCondition.Parse(campaign.AudienceCondition, FieldCatalog.Default);
        var audience = await CampaignStore.AudienceAsync(workspace.Engine, new AudienceRequest(campaign.Id, workspace.Settings.Shop.TimeZone, occurrence, now,
            run.Basis, condition, campaign.Trigger, campaign.ConsentColumn, settings.FrequencyCapMessages, settings.FrequencyCapDays), ct).ConfigureAwait(false);

        var issued = coupon is null ? null : await CampaignStore.IssuedPerCustomerAsync(workspace.Engine, coupon.Id, ct).ConfigureAwait(false);
        var hours = campaign.SendTimeOptimisation
            ? await CampaignStore.ActivityHoursAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, now, ct).ConfigureAwait(false)
            : null;
        if (settings.GlobalControlPercent is < 0 or >= 100)
        {
            throw new SegmentaInputException(FormattableString.Invariant($"segmenta.json: campaigns.global_control_percent {settings.GlobalControlPercent} must be 0 or more and below 100"));
        }
        var globalControl = audience.Count(m => !m.Planned && m.Consented && !m.Capped && InGlobalControl(settings, m.CustomerId));
        var eligible = audience.Where(m => !m.Planned && m.Consented && !m.Capped && !InGlobalControl(settings, m.CustomerId)
            && (issued is null || issued.GetValueOrDefault(m.CustomerId) < coupon!.PerCustomerLimit)).ToList();
        var control = eligible.Where(m => InControl(campaign, m.CustomerId)).Select(m => m.CustomerId).ToHashSet(StringComparer.Ordinal);
        var codes = coupon is null ? [] : CouponCodeGenerator.Generate(coupon.Id, eligible.Count - control.Count,
            await CampaignStore.CodesAsync(workspace.Engine, ct).ConfigureAwait(false));
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(now, zone);
        var rows = new List<OutboxRow>(eligible.Count);
        var nextCode = 0;
        foreach (var m in eligible)
        {
            var isControl = control.Contains(m.CustomerId);
            var code = isControl || coupon is null ? null : codes[nextCode++];
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["customer_id"] = m.CustomerId, ["email"] = m.Email, ["segment"] = m.Segment, ["coupon_code"] = code,
                ["coupon_valid_to"] = coupon?.ValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["days_since_last_order"] = m.DaysSinceLastOrder?.ToString(CultureInfo.InvariantCulture), ["shop_name"] = workspace.Settings.Shop.Name,
            };
            int? hour = hours is null ? null : SendTimePlanner.MostActiveHour(hours.GetValueOrDefault(m.CustomerId) ?? new long[24]) ?? settings.FallbackHour;
            var dueLocal = SendTimePlanner.Due(localNow, hour, quiet);
            if (zone.IsInvalidTime(dueLocal))
            {
                dueLocal = dueLocal.AddHours(1);
            }
            var recipient = campaign.Channel switch
            {
                CampaignChannel.Email => m.Email,
                CampaignChannel.Csv => m.Phone ?? m.Email,
                _ => m.CustomerId,
            };
            rows.Add(new OutboxRow(MessageTemplate.IdempotencyKey(campaign.Id, m.CustomerId, occurrence), campaign.Id, m.CustomerId, occurrence,
                isControl ? "control" : "treatment", recipient, MessageTemplate.Render(campaign.Subject, values), MessageTemplate.Render(campaign.Body, values),
                code, TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(dueLocal, DateTimeKind.Unspecified), zone), 0));
        }
        var planned = await CampaignStore.PlanAsync(workspace.Engine, ChannelName(campaign.Channel), coupon?.Id, rows, now, ct).ConfigureAwait(false);
        progress?.Report($"planned {planned:N0} new messages; delivering the due ones");

        var due = await CampaignStore.DueAsync(workspace.Engine, campaign.Id, now, ct).ConfigureAwait(false);
        var (sent, failed, output) = campaign.Channel switch
        {
            CampaignChannel.Webhook => await DeliverWebhookAsync(workspace, campaign, due, now, ct).ConfigureAwait(false),
            CampaignChannel.Email => await DeliverEmailAsync(workspace, due, now, ct).ConfigureAwait(false),
            _ => await DeliverCsvAsync(workspace, campaign, due, now, ct).ConfigureAwait(false),
        };
        var counts = await CampaignStore.StatusCountsAsync(workspace.Engine, campaign.Id, ct).ConfigureAwait(false);
        return new CampaignRunResult(campaign.Id, occurrence, now, audience.Count, audience.Count(m => !m.Planned && !m.Consented),
            audience.Count(m => !m.Planned && m.Consented && m.Capped),
            audience.Count(m => !m.Planned && m.Consented && !m.Capped) - eligible.Count - globalControl, audience.Count(m => m.Planned),
            planned, rows.Count(r => r.Arm == "control"), sent, failed, counts.GetValueOrDefault("pending") - failed, output)
        {
            GlobalControl = globalControl,
        };
    }

    /// <summary>Global control group: <c>StableHash.Unit("global-control", customer) &lt; percent / 100</c>, for every campaign.</summary>
    public static bool InGlobalControl(CampaignSettings settings, string customerId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.GlobalControlPercent > 0 && StableHash.Unit("global-control", customerId) < settings.GlobalControlPercent / 100;
    }

    /// <summary>Control group: <c>StableHash.Unit("campaign:" + id, customer) &lt; holdout / 100</c> (same customers every run).</summary>
    public static bool InControl(CampaignDefinition campaign, string customerId)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.HoldoutPercent > 0 && StableHash.Unit("campaign:" + campaign.Id, customerId) < campaign.HoldoutPercent / 100;
    }

    private static string ChannelName(CampaignChannel channel) => channel switch
    {
        CampaignChannel.Webhook => "webhook",
        CampaignChannel.Email => "email",
        _ => "csv",
    };

    private static async Task<(long, long, string?)> DeliverWebhookAsync(Workspace workspace, CampaignDefinition campaign, IReadOnlyList<OutboxRow> due, DateTime now, CancellationToken ct)
    {
        var settings = workspace.Settings.Campaigns;
        var secret = Environment.GetEnvironmentVariable("SEGMENTA_WEBHOOK_SECRET") is { Length: > 0 } s ? s : settings.WebhookSecret;
        var policy = new RetryPolicy(Math.Max(1, settings.WebhookMaxAttempts), TimeSpan.FromMilliseconds(Math.Max(0, settings.WebhookRetryBaseMs)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        long sent = 0, failed = 0;
        foreach (var row in due)
        {
            var body = JsonSerializer.Serialize(new
            {
                idempotency_key = row.Key, campaign_id = row.CampaignId, customer_id = row.CustomerId,
                occurrence = row.Occurrence.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), subject = row.Subject, body = row.Body, coupon_code = row.CouponCode,
            });
            string? error = null;
            var attempt = 0;
            while (attempt < policy.MaxAttempts)
            {
                attempt++;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, campaign.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.Add("Idempotency-Key", row.Key);
                    request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
                    using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        error = null;
                        break;
                    }
                    error = FormattableString.Invariant($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }
                catch (HttpRequestException e)
                {
                    error = e.Message;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    error = "timed out";
                }
                if (attempt < policy.MaxAttempts)
                {
                    await Task.Delay(policy.DelayAfter(attempt), ct).ConfigureAwait(false);
                }
            }
            if (error is null)
            {
                await CampaignStore.MarkSentAsync(workspace.Engine, [row.Key], attempt, DateTime.UtcNow, ct).ConfigureAwait(false);
                sent++;
            }
            else
            {
                await CampaignStore.MarkFailedAsync(workspace.Engine, row.Key, attempt, error, ct).ConfigureAwait(false);
                failed++;
            }
        }
        _ = now;
        return (sent, failed, null);
    }

    private static async Task<(long, long, string?)> DeliverEmailAsync(Workspace workspace, IReadOnlyList<OutboxRow> due, DateTime now, CancellationToken ct)
    {
        if (due.Count == 0)
        {
            return (0, 0, null);
        }
        var settings = workspace.Settings.Campaigns;
        // Check the server answers before the first message, so an unreachable server fails the run with nothing sent.
        try
        {
            using var probe = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await probe.ConnectAsync(settings.SmtpHost, settings.SmtpPort, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new SegmentaInputException(FormattableString.Invariant(
                $"cannot reach the SMTP server {settings.SmtpHost}:{settings.SmtpPort} (segmenta.json campaigns.smtp_host / smtp_port): {e.Message}; nothing was sent, {due.Count} messages stay pending in the outbox"), e);
        }
#pragma warning disable CA2000 // disposed below
        using var smtp = new System.Net.Mail.SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpTls };
#pragma warning restore CA2000
        if (settings.SmtpUser.Length > 0)
        {
            smtp.Credentials = new System.Net.NetworkCredential(settings.SmtpUser, Environment.GetEnvironmentVariable("SEGMENTA_SMTP_PASSWORD") ?? "");
        }
        long sent = 0;
        foreach (var row in due)
        {
            if (string.IsNullOrEmpty(row.Recipient) || row.Recipient.StartsWith("sha256:", StringComparison.Ordinal))
            {
                await CampaignStore.MarkFailedAsync(workspace.Engine, row.Key, 1, "no usable e-mail address (missing or pseudonymised)", ct).ConfigureAwait(false);
                continue;
            }
            using var message = new System.Net.Mail.MailMessage(settings.SmtpFrom, row.Recipient, row.Subject, row.Body);
            // The outbox key as Message-ID lets a mail system drop a resend of the same message.
            message.Headers.Add("Message-ID", $"<{Uri.EscapeDataString(row.Key)}@segmenta>");
            try
            {
                await smtp.SendMailAsync(message, ct).ConfigureAwait(false);
            }
            catch (System.Net.Mail.SmtpException e)
            {
                await CampaignStore.MarkFailedAsync(workspace.Engine, row.Key, 1, e.Message, ct).ConfigureAwait(false);
                throw new SegmentaInputException($"SMTP server {settings.SmtpHost}:{settings.SmtpPort} refused the message to {row.Recipient}: {e.Message}; {sent} messages were sent and marked, the rest stay pending", e);
            }
            await CampaignStore.MarkSentAsync(workspace.Engine, [row.Key], 1, DateTime.UtcNow, ct).ConfigureAwait(false);
            sent++;
        }
        _ = now;
        return (sent, due.Count - sent, null);
    }

    private static async Task<(long, long, string?)> DeliverCsvAsync(Workspace workspace, CampaignDefinition campaign, IReadOnlyList<OutboxRow> due, DateTime now, CancellationToken ct)
    {
        string? last = null;
        foreach (var day in due.Select(r => r.Occurrence).Distinct().Order())
        {
            // The file of an occurrence is rewritten whole (sent + newly due rows), then the rows are marked: a rerun after a
            // crash between the two rewrites the same rows, so the file never holds a message twice.
            var rows = await CampaignStore.OccurrenceAsync(workspace.Engine, campaign.Id, day, now, ct).ConfigureAwait(false);
            var file = Path.Combine(workspace.ReportsDirectory, $"campaign-{campaign.Id}-{day:yyyy-MM-dd}.csv");
            var text = new StringBuilder("idempotency_key,customer_id,recipient,subject,body,coupon_code\n");
            foreach (var r in rows.Where(r => r.Arm == "treatment"))
            {
                text.AppendJoin(',', new[] { r.Key, r.CustomerId, r.Recipient, r.Subject, r.Body, r.CouponCode }.Select(Csv)).Append('\n');
            }
            Directory.CreateDirectory(workspace.ReportsDirectory);
            var temp = file + ".tmp";
            await File.WriteAllTextAsync(temp, text.ToString(), new UTF8Encoding(false), ct).ConfigureAwait(false);
            File.Move(temp, file, overwrite: true);
            await CampaignStore.MarkSentAsync(workspace.Engine, due.Where(r => r.Occurrence == day).Select(r => r.Key).ToList(), 1, DateTime.UtcNow, ct).ConfigureAwait(false);
            last = file;
        }
        return (due.Count, 0, last);
    }

    private static string Csv(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
