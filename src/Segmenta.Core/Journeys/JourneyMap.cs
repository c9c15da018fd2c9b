namespace Segmenta.Core.Journeys;

/// <summary>
/// The customer-journey maps and the default playbook (docs/campaigns.md §1). Every default segment and the
/// top/bottom purchase-probability band sit on one stage of each map with one suggested action.
/// </summary>
public static class JourneyMap
{
    /// <summary>Audience name of the top purchase-probability band.</summary>
    public const string HighBand = "band:high";

    /// <summary>Audience name of the bottom purchase-probability band.</summary>
    public const string LowBand = "band:low";

    /// <summary>The 3-stage map, in order.</summary>
    public static IReadOnlyList<string> ThreeStages { get; } = ["acquisition", "conversion", "retention"];

    /// <summary>The 5-stage map, in order.</summary>
    public static IReadOnlyList<string> FiveStages { get; } = ["awareness", "consideration", "decision", "retention", "advocacy"];

    /// <summary>The stages of a map by its name: <c>3</c> / <c>three_stage</c> or <c>5</c> / <c>five_stage</c>.</summary>
    public static IReadOnlyList<string> Stages(string map) => map switch
    {
        "3" or "three_stage" => ThreeStages,
        "5" or "five_stage" => FiveStages,
        _ => throw new SegmentaInputException($"journey map '{map}': expected 3 (three_stage) or 5 (five_stage)"),
    };

    /// <summary>The default playbook: the ten lifecycle segments, then the two bands.</summary>
    public static IReadOnlyList<JourneyStep> DefaultPlaybook { get; } =
    [
        new("new", "acquisition", "awareness", "Welcome coupon"),
        new("catch_now", "acquisition", "consideration", "Cart coupon or personalised recommendations"),
        new("needs_attention", "conversion", "decision", "Small coupon"),
        new("potential_vip", "conversion", "retention", "Category event, or invite them to follow a channel"),
        new("vip", "retention", "advocacy", "Exclusive reward, early access to new products or sales"),
        new("lapsing_vip", "retention", "retention", "Coupon tiered by purchase amount, plus a reminder"),
        new("at_risk", "retention", "retention", "Win-back message"),
        new("churned_vip", "retention", "retention", "Win-back offer with a VIP-level benefit"),
        new("churned_potential_vip", "retention", "retention", "Win-back offer"),
        new("churned", "retention", "retention", "Low-cost win-back offer"),
        new(HighBand, "conversion", "decision", "Time-limited offer"),
        new(LowBand, "acquisition", "consideration", "Relationship content, e.g. review events"),
    ];

    /// <summary>
    /// Checks a playbook against the known segments: every stage must be on its map, every audience a known
    /// segment or band and listed once. Errors name the entry (1-based) and the field.
    /// </summary>
    public static void Validate(IReadOnlyList<JourneyStep> playbook, IReadOnlyCollection<string> segmentIds)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(segmentIds);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < playbook.Count; i++)
        {
            var step = playbook[i];
            var where = $"journeys.playbook[{i + 1}]";
            if (string.IsNullOrWhiteSpace(step.Audience))
            {
                throw new SegmentaInputException($"{where}.audience is empty");
            }
            if (step.Audience is not (HighBand or LowBand) && !segmentIds.Contains(step.Audience))
            {
                throw new SegmentaInputException(
                    $"{where}.audience '{step.Audience}' is neither a segment ({string.Join(", ", segmentIds)}) nor {HighBand} / {LowBand}");
            }
            if (!seen.Add(step.Audience))
            {
                throw new SegmentaInputException($"{where}.audience '{step.Audience}' is listed twice");
            }
            if (!ThreeStages.Contains(step.ThreeStage))
            {
                throw new SegmentaInputException($"{where}.three_stage '{step.ThreeStage}' is not one of {string.Join(", ", ThreeStages)}");
            }
            if (!FiveStages.Contains(step.FiveStage))
            {
                throw new SegmentaInputException($"{where}.five_stage '{step.FiveStage}' is not one of {string.Join(", ", FiveStages)}");
            }
            if (string.IsNullOrWhiteSpace(step.Action))
            {
                throw new SegmentaInputException($"{where}.action is empty");
            }
        }
    }
}
