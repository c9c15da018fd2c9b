namespace Segmenta.Core.Journeys;

/// <summary>
/// One line of the playbook: an audience (a segment id, or <c>band:high</c> / <c>band:low</c> for the
/// top and bottom purchase-probability bands), its stage on the 3-stage and the 5-stage map, and the suggested action.
/// </summary>
/// <param name="Audience">Segment id (e.g. <c>vip</c>) or <c>band:high</c> / <c>band:low</c>.</param>
/// <param name="ThreeStage">Stage on the 3-stage map: acquisition, conversion or retention.</param>
/// <param name="FiveStage">Stage on the 5-stage map: awareness, consideration, decision, retention or advocacy.</param>
/// <param name="Action">What to do for this audience, in the marketer's words.</param>
public sealed record JourneyStep(string Audience, string ThreeStage, string FiveStage, string Action);
