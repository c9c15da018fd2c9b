using System.Globalization;

namespace Segmenta.Core.Campaigns;

/// <summary>A trigger: its kind and delay (days or hours), or the segment watched for entry/exit.</summary>
public sealed record CampaignTrigger
{
    /// <summary>The kind of event.</summary>
    public required TriggerKind Kind { get; init; }

    /// <summary>Delay in shop days (days since last purchase, days before the predicted order, days since signup).</summary>
    public int Days { get; init; }

    /// <summary>Delay in hours (cart abandoned).</summary>
    public int Hours { get; init; }

    /// <summary>Segment id for entry/exit triggers.</summary>
    public string? Segment { get; init; }

    /// <summary>For band_change: only moves into this purchase-probability band (1 = lowest); null = any change.</summary>
    public int? Band { get; init; }

    /// <summary>Throws a <see cref="SegmentaInputException"/> for a negative delay or a missing segment.</summary>
    public CampaignTrigger Validate()
    {
        if (Days < 0)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"trigger {Name(Kind)}: delay {Days} days is negative; use 0 or more"));
        }
        if (Hours < 0)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"trigger {Name(Kind)}: delay {Hours} hours is negative; use 0 or more"));
        }
        if (Band is < 1)
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture, $"trigger {Name(Kind)}: band {Band} does not exist; bands count from 1 (lowest)"));
        }
        if (Kind is TriggerKind.SegmentEntry or TriggerKind.SegmentExit && string.IsNullOrWhiteSpace(Segment))
        {
            throw new SegmentaInputException($"trigger {Name(Kind)}: name the segment (--segment ID)");
        }
        return this;
    }

    /// <summary>Parses a trigger name as written on the command line and in JSON.</summary>
    public static TriggerKind Parse(string name) => name switch
    {
        "days_since_last_purchase" => TriggerKind.DaysSinceLastPurchase,
        "cart_abandoned" => TriggerKind.CartAbandoned,
        "before_predicted_order" => TriggerKind.BeforePredictedOrder,
        "segment_entry" => TriggerKind.SegmentEntry,
        "segment_exit" => TriggerKind.SegmentExit,
        "signup" => TriggerKind.Signup,
        "band_change" => TriggerKind.BandChange,
        _ => throw new SegmentaInputException(
            $"trigger '{name}': expected days_since_last_purchase, cart_abandoned, before_predicted_order, segment_entry, segment_exit, signup or band_change"),
    };

    /// <summary>The trigger's name.</summary>
    public static string Name(TriggerKind kind) => kind switch
    {
        TriggerKind.DaysSinceLastPurchase => "days_since_last_purchase",
        TriggerKind.CartAbandoned => "cart_abandoned",
        TriggerKind.BeforePredictedOrder => "before_predicted_order",
        TriggerKind.SegmentEntry => "segment_entry",
        TriggerKind.SegmentExit => "segment_exit",
        TriggerKind.BandChange => "band_change",
        _ => "signup",
    };
}
