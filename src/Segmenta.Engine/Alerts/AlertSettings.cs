using Segmenta.Core.Segments;

namespace Segmenta.Engine.Alerts;

/// <summary>segmenta.json <c>alerts</c>: thresholds of the alert rules and where to send them (docs/dashboard.md#alerts).</summary>
public sealed record AlertSettings
{
    /// <summary>Where alerts are POSTed as JSON; empty = no webhook.</summary>
    public string WebhookUrl { get; init; } = "";

    /// <summary>A KPI's last 7 days falling by at least this fraction against the 7 days before raise an alert (default 0.2 = 20 %).</summary>
    public double WeekOverWeekDrop { get; init; } = 0.2;

    /// <summary>The last day's value this many standard deviations from the trailing days' mean raises an alert (default 3).</summary>
    public double ZScore { get; init; } = 3;

    /// <summary>Days before the last day that the z-score compares against (default 28).</summary>
    public int TrailingDays { get; init; } = 28;

    /// <summary>A valuable customer is quiet when days since the last order exceed their median purchase cycle × this (default 2).</summary>
    public double QuietCycleMultiple { get; init; } = 2;

    /// <summary>Segments whose members count as valuable (default vip and lapsing_vip).</summary>
    public IReadOnlyList<string> QuietSegments { get; init; } = [DefaultSegments.Vip, DefaultSegments.LapsingVip];

    /// <summary>At most this many quiet customers are listed, most valuable first (default 50).</summary>
    public int QuietLimit { get; init; } = 50;

    /// <summary>While <c>segmenta serve</c> runs, check the rules this often and send what is new to the webhook (default 60 minutes; 0 = only on demand).</summary>
    public double CheckIntervalMinutes { get; init; } = 60;
}
