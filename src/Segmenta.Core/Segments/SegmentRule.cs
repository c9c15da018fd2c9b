namespace Segmenta.Core.Segments;

/// <summary>A named customer segment and the condition that puts a customer in it.</summary>
/// <param name="Id">Stable identifier: lower-case letters, digits and underscores, e.g. <c>lapsing_vip</c>.</param>
/// <param name="Name">English display name.</param>
/// <param name="KoreanName">Korean display name.</param>
/// <param name="Description">Who is in the segment, in a marketer's words.</param>
/// <param name="SuggestedAction">What to do with the segment.</param>
/// <param name="Condition">The condition in the segment condition language, e.g. <c>r &gt;= 4 and f &gt;= 4 and m &gt;= 4</c>.</param>
public sealed record SegmentRule(
    string Id,
    string Name,
    string KoreanName,
    string Description,
    string SuggestedAction,
    string Condition);
