using Segmenta.Core;
using Segmenta.Core.Journeys;
using Segmenta.Engine.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;

namespace Segmenta.Engine.Journeys;

/// <summary>One audience on the map: its stage, size and suggested action.</summary>
/// <param name="Stage">Stage on the chosen map.</param>
/// <param name="Audience">Segment id or band name.</param>
/// <param name="Customers">People in the audience at the as-of day (segments) or in the band of the latest purchase predictions.</param>
/// <param name="Action">Suggested action.</param>
public sealed record JourneyCell(string Stage, string Audience, long Customers, string Action);

/// <summary>The journey map at a day: stages in order, each with its audiences (docs/campaigns.md §1).</summary>
/// <param name="Map">3 or 5.</param>
/// <param name="AsOf">Segment snapshot day.</param>
/// <param name="Stages">The map's stages, in order.</param>
/// <param name="Cells">Audiences by stage (stage order, then playbook order).</param>
/// <param name="StageTotals">Segment members per stage (bands are a second view of the same people, so not added).</param>
/// <param name="Note">A hint when bands are empty, else null.</param>
public sealed record JourneyView(string Map, DateOnly AsOf, IReadOnlyList<string> Stages, IReadOnlyList<JourneyCell> Cells,
    IReadOnlyDictionary<string, long> StageTotals, string? Note)
{
    /// <summary>Scores segments at <paramref name="asOf"/> (default: after the last data), counts bands, and lays them on the map.</summary>
    public static async Task<JourneyView> BuildAsync(Workspace workspace, string? map, DateOnly? asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var settings = workspace.Settings.Journeys;
        var chosen = map ?? settings.Map;
        var stages = JourneyMap.Stages(chosen);
        var rules = Segmentation.Rules(workspace);
        try
        {
            JourneyMap.Validate(settings.Playbook, rules.Rules.Select(r => r.Id).ToList());
        }
        catch (SegmentaInputException e)
        {
            throw new SegmentaInputException($"{Path.Combine(workspace.Directory, Workspace.SettingsFile)}: {e.Message}", e);
        }
        var run = await Segmentation.RunAsync(workspace, asOf, null, null, ct).ConfigureAwait(false);
        var sizes = run.Segments.ToDictionary(s => (string)s["segment"]!, s => ResultTable.Convert<long>(s["customers"]), StringComparer.Ordinal);
        var bands = await workspace.Engine.QueryAsync("""
            WITH latest AS (SELECT * FROM purchase_predictions WHERE as_of = (SELECT max(as_of) FROM purchase_predictions WHERE as_of <= $1))
            SELECT count(*) FILTER (WHERE band = (SELECT max(band) FROM latest)), count(*) FILTER (WHERE band = 1) FROM latest
            """, [run.AsOf.ToDateTime(TimeOnly.MinValue)], ct).ConfigureAwait(false);
        var high = ResultTable.Convert<long>(bands.Rows[0][0]);
        var low = ResultTable.Convert<long>(bands.Rows[0][1]);
        var five = stages.Count == 5;
        var cells = settings.Playbook
            .Select(s => new JourneyCell(five ? s.FiveStage : s.ThreeStage, s.Audience,
                s.Audience switch { JourneyMap.HighBand => high, JourneyMap.LowBand => low, _ => sizes.GetValueOrDefault(s.Audience) }, s.Action))
            .OrderBy(c => stages.ToList().IndexOf(c.Stage)).ToList();
        var totals = stages.ToDictionary(s => s, s => cells.Where(c => c.Stage == s && !c.Audience.StartsWith("band:", StringComparison.Ordinal)).Sum(c => c.Customers),
            StringComparer.Ordinal);
        return new JourneyView(five ? "5" : "3", run.AsOf, stages, cells, totals,
            high + low == 0 ? "no purchase-probability bands yet: run `segmenta predict train` to fill band:high and band:low" : null);
    }
}
