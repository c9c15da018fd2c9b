namespace Segmenta.Core.Campaigns;

/// <summary>How a campaign's messages leave the shop.</summary>
public enum CampaignChannel
{
    /// <summary>An HTTP POST per message, signed, retried with backoff.</summary>
    Webhook,

    /// <summary>E-mail over SMTP.</summary>
    Email,

    /// <summary>A CSV file per run day for SMS / KakaoTalk tools.</summary>
    Csv,
}
