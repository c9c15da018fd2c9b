using Segmenta.Core.Journeys;

namespace Segmenta.Engine.Journeys;

/// <summary>segmenta.json <c>journeys</c>: the map <c>segmenta journey</c> shows by default and the playbook (docs/campaigns.md §1).</summary>
public sealed record JourneySettings
{
    /// <summary>Default map: <c>5</c> (awareness → advocacy) or <c>3</c> (acquisition → retention).</summary>
    public string Map { get; init; } = "5";

    /// <summary>Each segment and band on a stage of both maps, with its action (edit freely).</summary>
    public IReadOnlyList<JourneyStep> Playbook { get; init; } = JourneyMap.DefaultPlaybook;
}
