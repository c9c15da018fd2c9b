namespace Segmenta.Core.Segments;

/// <summary>
/// The ten default lifecycle segments, in priority order (first match wins). Over scores
/// r, f, m ∈ 1..5 and is_new ∈ {true, false} every one of the 250 combinations lands in exactly one
/// segment and every segment is reachable. Recency bands: r ≥ 4 active, r = 3 thinning, r = 2
/// declining, r = 1 gone. "VIP value" means f ≥ 4 and m ≥ 4.
/// </summary>
public static class DefaultSegments
{
    /// <summary>Id of the VIP segment.</summary>
    public const string Vip = "vip";

    /// <summary>Id of the lapsing VIP segment.</summary>
    public const string LapsingVip = "lapsing_vip";

    /// <summary>Id of the potential VIP segment.</summary>
    public const string PotentialVip = "potential_vip";

    /// <summary>Id of the new customer segment.</summary>
    public const string New = "new";

    /// <summary>Id of the catch-now segment.</summary>
    public const string CatchNow = "catch_now";

    /// <summary>Id of the needs-attention segment.</summary>
    public const string NeedsAttention = "needs_attention";

    /// <summary>Id of the at-risk segment.</summary>
    public const string AtRisk = "at_risk";

    /// <summary>Id of the churned VIP segment.</summary>
    public const string ChurnedVip = "churned_vip";

    /// <summary>Id of the churned potential VIP segment.</summary>
    public const string ChurnedPotentialVip = "churned_potential_vip";

    /// <summary>Id of the churned segment.</summary>
    public const string Churned = "churned";

    /// <summary>The ten rules in priority order.</summary>
    public static IReadOnlyList<SegmentRule> All { get; } =
    [
        new(Vip, "VIP", "VIP",
            "Buy often, spend the most and were active recently: your best customers.",
            "Exclusive reward and early access to new products or sales.",
            "r >= 4 and f >= 4 and m >= 4"),
        new(LapsingVip, "Lapsing VIP", "뜸한 VIP",
            "VIP-level frequency and spend, but their recent activity has thinned.",
            "Coupon tiered by purchase amount, plus a reminder of what they like.",
            "r between 2 and 3 and f >= 4 and m >= 4"),
        new(PotentialVip, "Potential VIP", "잠재 VIP",
            "Active recently and buying regularly, not yet at VIP spend: could become VIP.",
            "Invite to a category event or ask them to follow a channel (app, KakaoTalk, newsletter).",
            "r >= 4 and f >= 3 and m >= 2"),
        new(New, "New customer", "신규 고객",
            "Made their first visit or first purchase within the last 30 days.",
            "Welcome coupon.",
            "is_new"),
        new(CatchNow, "Catch now", "지금 잡아야 할 고객",
            "Visited recently but show little interest yet (few orders or visits).",
            "Cart coupon or personalised product recommendations.",
            "r >= 4"),
        new(NeedsAttention, "Needs attention", "신경 써야 할 고객",
            "Buy sometimes, visit sometimes; last seen a while ago. Can grow with a nudge.",
            "Small coupon.",
            "r = 3"),
        new(AtRisk, "At risk", "이탈 우려 고객",
            "Losing interest: activity is declining and it has been a long while.",
            "Win-back message.",
            "r = 2"),
        new(ChurnedVip, "Churned VIP", "이탈한 VIP",
            "Were VIP-level in frequency and spend, now inactive.",
            "Win-back offer with a VIP-level benefit.",
            "r = 1 and f >= 4 and m >= 4"),
        new(ChurnedPotentialVip, "Churned potential VIP", "이탈한 잠재 VIP",
            "Were buying regularly and looked promising, but have gone quiet.",
            "Win-back offer.",
            "r = 1 and f >= 3 and m >= 2"),
        new(Churned, "Churned", "이탈한 고객",
            "Almost no activity: one or two orders or visits, long ago.",
            "Low-cost win-back offer.",
            "r = 1"),
    ];
}
