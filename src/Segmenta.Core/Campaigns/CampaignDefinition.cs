using System.Globalization;
using Segmenta.Core.Segments;

namespace Segmenta.Core.Campaigns;

/// <summary>
/// A campaign (docs/campaigns.md §3): who (segment or condition, optionally a trigger), what (message and coupon),
/// how (channel and consent), when (once, daily, or triggered; send time) and the control group.
/// </summary>
public sealed record CampaignDefinition
{
    /// <summary>Campaign id (letters, digits, <c>_</c>, <c>-</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Audience: a segment id (or null when <see cref="Where"/> is given).</summary>
    public string? Segment { get; init; }

    /// <summary>Audience: a condition in the segment language (docs/segments.md §3), or null.</summary>
    public string? Where { get; init; }

    /// <summary>Coupon id issued with each message, or null.</summary>
    public string? CouponId { get; init; }

    /// <summary>Channel.</summary>
    public required CampaignChannel Channel { get; init; }

    /// <summary>Consent column that must be true: <c>email</c>, <c>sms</c> or <c>push</c> (default: sms for CSV, else email).</summary>
    public string? Consent { get; init; }

    /// <summary>Webhook URL (webhook channel).</summary>
    public string? Url { get; init; }

    /// <summary>Subject line template (e-mail; also in webhook payloads).</summary>
    public string Subject { get; init; } = "";

    /// <summary>Body template.</summary>
    public required string Body { get; init; }

    /// <summary><c>once</c> (one message per customer ever), <c>daily</c> (at most one per customer per day) or <c>trigger</c>.</summary>
    public string Schedule { get; init; } = "once";

    /// <summary>The trigger when <see cref="Schedule"/> is <c>trigger</c>.</summary>
    public CampaignTrigger? Trigger { get; init; }

    /// <summary>Percent of the audience held out as the control group (hash of customer id and campaign id), 0–90.</summary>
    public double HoldoutPercent { get; init; }

    /// <summary>Send each message at the customer's most active hour (fallback hour when unknown).</summary>
    public bool SendTimeOptimisation { get; init; }

    /// <summary>The occurrence day of a <c>once</c> campaign: its creation day (set when created).</summary>
    public DateOnly Created { get; init; }

    /// <summary>The consent column actually required.</summary>
    public string ConsentColumn => "consent_" + (Consent ?? (Channel == CampaignChannel.Csv ? "sms" : "email"));

    /// <summary>The audience condition text: the segment rule reference or the condition.</summary>
    public string AudienceCondition => Segment is { } s ? $"segment = '{s.Replace("'", "''", StringComparison.Ordinal)}'" : Where ?? "true";

    /// <summary>
    /// Checks every field and throws a <see cref="SegmentaInputException"/> naming the first problem: unknown audience
    /// fields, unknown segment, bad template field, missing URL, negative trigger delay, bad holdout.
    /// </summary>
    public CampaignDefinition Validate(IReadOnlyCollection<string> segmentIds, FieldCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(segmentIds);
        if (string.IsNullOrEmpty(Id) || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new SegmentaInputException($"campaign id '{Id}': use letters, digits, '_' or '-'");
        }
        if (Segment is not null && Where is not null)
        {
            throw new SegmentaInputException($"campaign {Id}: give the audience as a segment or a condition, not both");
        }
        if (Segment is { } seg && !segmentIds.Contains(seg))
        {
            throw new SegmentaInputException($"campaign {Id}: no segment '{seg}'; segments are: {string.Join(", ", segmentIds)}");
        }
        if (Where is { } where)
        {
            try
            {
                _ = SegmentCondition.Parse(where, catalog);
            }
            catch (SegmentaInputException e)
            {
                throw new SegmentaInputException($"campaign {Id}: audience condition: {e.Message}", e);
            }
        }
        if (Consent is not (null or "email" or "sms" or "push"))
        {
            throw new SegmentaInputException($"campaign {Id}: consent '{Consent}': expected email, sms or push");
        }
        if (Channel == CampaignChannel.Webhook && (Url is null || !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new SegmentaInputException($"campaign {Id}: the webhook channel needs an http(s) --url (got '{Url}')");
        }
        MessageTemplate.Validate(Subject, $"campaign {Id}: subject");
        MessageTemplate.Validate(Body, $"campaign {Id}: body");
        switch (Schedule)
        {
            case "once" or "daily" when Trigger is not null:
                throw new SegmentaInputException($"campaign {Id}: a trigger needs schedule 'trigger'");
            case "once" or "daily":
                break;
            case "trigger" when Trigger is null:
                throw new SegmentaInputException($"campaign {Id}: schedule 'trigger' needs a trigger");
            case "trigger":
                Trigger!.Validate();
                if (Trigger.Segment is { } ts && !segmentIds.Contains(ts))
                {
                    throw new SegmentaInputException($"campaign {Id}: trigger segment '{ts}' is not a segment ({string.Join(", ", segmentIds)})");
                }
                break;
            default:
                throw new SegmentaInputException($"campaign {Id}: schedule '{Schedule}': expected once, daily or trigger");
        }
        if (HoldoutPercent is < 0 or > 90 || double.IsNaN(HoldoutPercent))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"campaign {Id}: holdout {HoldoutPercent} % must be 0–90"));
        }
        return this;
    }

    /// <summary>The occurrence day a run on shop day <paramref name="today"/> plans for: the creation day for once, else today.</summary>
    public DateOnly Occurrence(DateOnly today) => Schedule == "once" ? Created : today;

    /// <summary>Parses a channel name.</summary>
    public static CampaignChannel ParseChannel(string name) => name switch
    {
        "webhook" => CampaignChannel.Webhook,
        "email" => CampaignChannel.Email,
        "csv" => CampaignChannel.Csv,
        _ => throw new SegmentaInputException($"channel '{name}': expected webhook, email or csv"),
    };
}
