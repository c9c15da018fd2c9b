using Segmenta.Core;
using Segmenta.Core.Rfm;
using Segmenta.Core.Segments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Metrics;
using Segmenta.Storage.Rfm;
using Segmenta.Storage.Segments;

namespace Segmenta.Engine.Segments;

/// <summary>RFM scoring and the segment rule table of segmenta.json, per as-of date.</summary>
public static class Segmentation
{
    /// <summary>Days after the as-of date over which segment conversion is backtested.</summary>
    public const int FollowDays = 30;

    /// <summary>The workspace's rule table (segmenta.json <c>segments</c>), validated: a bad rule names itself.</summary>
    public static SegmentRuleTable Rules(Workspace workspace)
    {
        try
        {
            return new SegmentRuleTable(workspace.Settings.Segments, FieldCatalog.Default);
        }
        catch (SegmentaInputException e)
        {
            throw new SegmentaInputException($"{Path.Combine(workspace.Directory, Workspace.SettingsFile)}: segments: {e.Message}", e);
        }
    }

    /// <summary>The basis to use: the requested one, else segmenta.json, where auto = visits when there are events.</summary>
    public static async Task<RfmBasis> BasisAsync(Workspace workspace, string? requested, CancellationToken ct)
    {
        var name = requested ?? workspace.Settings.Rfm.Basis;
        return name switch
        {
            "purchases" => RfmBasis.Purchases,
            "visits" => RfmBasis.Visits,
            "auto" => await workspace.Engine.ScalarAsync<long>("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)", null, ct).ConfigureAwait(false) > 0
                ? RfmBasis.Visits : RfmBasis.Purchases,
            _ => throw new SegmentaInputException($"RFM basis '{name}': expected purchases, visits or auto"),
        };
    }

    /// <summary>The default as-of date: the day after the last day with data (shop zone).</summary>
    public static async Task<DateOnly> DefaultAsOfAsync(Workspace workspace, CancellationToken ct)
    {
        var range = await MetricsQueries.DataRangeAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, ct).ConfigureAwait(false)
            ?? throw new SegmentaInputException("the workspace has no orders or events yet: import data or run `segmenta demo`");
        return range.To.AddDays(1);
    }

    /// <summary>Scores, assigns segments and measures them at <paramref name="asOf"/>.</summary>
    public static async Task<RfmRun> RunAsync(Workspace workspace, DateOnly? asOf, string? basis, int? windowDays, CancellationToken ct = default)
    {
        var rules = Rules(workspace);
        var day = asOf ?? await DefaultAsOfAsync(workspace, ct).ConfigureAwait(false);
        var chosen = await BasisAsync(workspace, basis, ct).ConfigureAwait(false);
        var window = windowDays ?? workspace.Settings.Rfm.WindowDays;
        if (window < 0)
        {
            throw new SegmentaInputException($"--window {window}: must be 0 (all history) or a positive number of days");
        }
        var zone = workspace.Settings.Shop.TimeZone;
        var engine = workspace.Engine;
        var scored = await RfmQueries.ScoreAsync(engine, new RfmRequest(day, chosen, window, workspace.Settings.Rfm.NewCustomerDays, zone), ct).ConfigureAwait(false);
        await SegmentQueries.AssignAsync(engine, zone, day, chosen, rules, ct).ConfigureAwait(false);
        var summary = await RfmQueries.SummaryAsync(engine, day, chosen, ct).ConfigureAwait(false);
        var performance = await SegmentQueries.PerformanceAsync(engine, zone, day, chosen, FollowDays, rules, ct).ConfigureAwait(false);
        string? note = null;
        if (scored == 0)
        {
            var range = await MetricsQueries.DataRangeAsync(engine, zone, ct).ConfigureAwait(false);
            note = range is { } r && day <= r.From
                ? $"nobody is scored: {day:yyyy-MM-dd} is on or before the first day with data ({r.From:yyyy-MM-dd}); choose a later --as-of"
                : "nobody had activity in the window before the as-of date";
        }
        return new RfmRun(day, chosen, window, scored, summary.ToDictionaries()[0], performance.ToDictionaries(), note);
    }
}
