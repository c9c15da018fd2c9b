namespace Segmenta.Engine.Campaigns;

/// <summary>segmenta.json <c>campaigns</c>: delivery rules shared by every campaign (docs/campaigns.md §3).</summary>
public sealed record CampaignSettings
{
    /// <summary>First quiet hour of the shop's day (nothing is sent from here …).</summary>
    public int QuietStartHour { get; init; } = 21;

    /// <summary>… until this hour (excluded). Equal to the start = no quiet hours.</summary>
    public int QuietEndHour { get; init; } = 8;

    /// <summary>Send-time optimisation: the hour used for customers with no known activity hour.</summary>
    public int FallbackHour { get; init; } = 10;

    /// <summary>Frequency cap: at most this many messages per customer (all campaigns) …; 0 = no cap.</summary>
    public int FrequencyCapMessages { get; init; } = 3;

    /// <summary>… in this many days.</summary>
    public int FrequencyCapDays { get; init; } = 7;

    /// <summary>Webhook deliveries: attempts per message per run.</summary>
    public int WebhookMaxAttempts { get; init; } = 5;

    /// <summary>Webhook deliveries: wait after the first failure, milliseconds (doubles each retry).</summary>
    public int WebhookRetryBaseMs { get; init; } = 1000;

    /// <summary>HMAC-SHA256 secret for webhook signatures; <c>SEGMENTA_WEBHOOK_SECRET</c> overrides it.</summary>
    public string WebhookSecret { get; init; } = "";

    /// <summary>SMTP host for the e-mail channel.</summary>
    public string SmtpHost { get; init; } = "localhost";

    /// <summary>SMTP port.</summary>
    public int SmtpPort { get; init; } = 25;

    /// <summary>Sender address.</summary>
    public string SmtpFrom { get; init; } = "shop@example.com";

    /// <summary>Use TLS (STARTTLS).</summary>
    public bool SmtpTls { get; init; }

    /// <summary>SMTP user (password from <c>SEGMENTA_SMTP_PASSWORD</c>); empty = no authentication.</summary>
    public string SmtpUser { get; init; } = "";

    /// <summary>
    /// Global control group: this percentage of customers (by a stable hash of the id, the same for
    /// every campaign and every run) never receives any campaign, so the total effect of marketing can be
    /// measured against them; 0 = none.
    /// </summary>
    public double GlobalControlPercent { get; init; }

    /// <summary>Campaign results: gross margin as a share of revenue, for incremental margin.</summary>
    public double MarginRate { get; init; } = 0.3;

    /// <summary>Campaign results: cost of one message sent (shop currency).</summary>
    public double SendCost { get; init; } = 10;

    /// <summary>Campaign results: days after a send in which orders count.</summary>
    public int ResultDays { get; init; } = 14;
}
