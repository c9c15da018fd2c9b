using Segmenta.Core;
using Segmenta.Core.Campaigns;
using Segmenta.Core.Experiments;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage;
using Segmenta.Storage.Campaigns;

namespace Segmenta.Engine.Campaigns;

/// <summary>One arm's outcomes in the result window.</summary>
/// <param name="Arm">treatment or control.</param>
/// <param name="Customers">Customers in the arm (treatment: messages sent).</param>
/// <param name="ConversionRate">Share with at least one order in the window.</param>
/// <param name="RepeatPurchaseRate">Share with two or more orders in the window.</param>
/// <param name="Revenue">Revenue of those orders.</param>
/// <param name="RevenuePerCustomer">Revenue / customers.</param>
public sealed record CampaignArmResult(string Arm, long Customers, double ConversionRate, double RepeatPurchaseRate, double Revenue, double RevenuePerCustomer);

/// <summary>Campaign results (docs/campaigns.md §4). Figures that need a control group are null without one.</summary>
/// <param name="CampaignId">Campaign.</param>
/// <param name="Days">Result window after each message's due time, days.</param>
/// <param name="Arms">Treatment and control.</param>
/// <param name="Sent">Messages sent.</param>
/// <param name="CodesIssued">Coupon codes the campaign issued.</param>
/// <param name="CodesRedeemed">Of those, redeemed.</param>
/// <param name="RedemptionRate">Redeemed / issued codes (null without codes).</param>
/// <param name="ConversionLift">Treatment minus control conversion rate.</param>
/// <param name="IncrementalRevenue">(revenue per treated − revenue per control) × treated.</param>
/// <param name="IncrementalMargin">Incremental revenue × margin rate.</param>
/// <param name="CouponCost">Discount given on the campaign's redeemed codes.</param>
/// <param name="SendCost">Messages sent × send cost.</param>
/// <param name="Roi">(incremental margin − coupon cost − send cost) / (coupon cost + send cost).</param>
public sealed record CampaignResults(
    string CampaignId, int Days, IReadOnlyList<CampaignArmResult> Arms, long Sent, long CodesIssued, long CodesRedeemed, double? RedemptionRate,
    double? ConversionLift, double? IncrementalRevenue, double? IncrementalMargin, double CouponCost, double SendCost, double? Roi)
{
    /// <summary>Measures a campaign from the outbox, its codes and the orders.</summary>
    public static async Task<CampaignResults> MeasureAsync(Workspace workspace, string campaignId, int? days, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var campaign = await CampaignRunner.LoadAsync(workspace, campaignId, ct).ConfigureAwait(false);
        var settings = workspace.Settings.Campaigns;
        var window = days ?? settings.ResultDays;
        if (window < 1)
        {
            throw new SegmentaInputException($"--days {window}: must be at least 1");
        }
        var table = await CampaignOutcomeQueries.ArmsAsync(workspace.Engine, campaign.Id, window, ct).ConfigureAwait(false);
        var arms = table.Rows.Select(r =>
        {
            var n = ResultTable.Convert<long>(r[1]);
            var revenue = ResultTable.Convert<double>(r[4]);
            return new CampaignArmResult((string)r[0]!, n, (double)ResultTable.Convert<long>(r[2]) / n, (double)ResultTable.Convert<long>(r[3]) / n, revenue, revenue / n);
        }).ToList();
        var treated = arms.FirstOrDefault(a => a.Arm == "treatment");
        var control = arms.FirstOrDefault(a => a.Arm == "control");
        long issued = 0, redeemed = 0;
        double couponCost = 0;
        if (campaign.CouponId is { } couponId)
        {
            var coupon = await Coupons.LoadAsync(workspace, couponId, ct).ConfigureAwait(false);
            var mine = await CampaignOutcomeQueries.CodesAsync(workspace.Engine, campaign.Id, ct).ConfigureAwait(false);
            var (codes, uses) = await CouponQueries.UsesAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, coupon, ct).ConfigureAwait(false);
            var (hits, _) = CouponLedger.Match(coupon, codes.Where(c => mine.Contains(c.Code)).ToList(), uses.Where(u => mine.Contains(u.Code)));
            issued = mine.Count;
            redeemed = hits.Count;
            couponCost = Math.Round(hits.Values.Sum(u => CouponLedger.Cost(coupon, u)), 2);
        }
        var sent = treated?.Customers ?? 0;
        var sendCost = sent * settings.SendCost;
        double? incremental = treated is not null && control is not null ? (treated.RevenuePerCustomer - control.RevenuePerCustomer) * treated.Customers : null;
        double? margin = incremental * settings.MarginRate;
        var cost = couponCost + sendCost;
        return new CampaignResults(campaign.Id, window, arms, sent, issued, redeemed, issued == 0 ? null : (double)redeemed / issued,
            treated is not null && control is not null ? treated.ConversionRate - control.ConversionRate : null,
            incremental, margin, couponCost, sendCost, margin is { } m && cost > 0 ? (m - cost) / cost : null);
    }

    /// <summary>
    /// The campaign as an A/B test of message vs control (docs/experiments.md): per-arm conversion and revenue over
    /// the result window, lift with 95 % intervals and p-values (two-proportion z-test, Welch, bootstrap; seeded).
    /// </summary>
    public static async Task<ExperimentAnalysis> AnalyseAsync(Workspace workspace, string campaignId, int? days, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var campaign = await CampaignRunner.LoadAsync(workspace, campaignId, ct).ConfigureAwait(false);
        var window = days ?? workspace.Settings.Campaigns.ResultDays;
        var rows = await CampaignOutcomeQueries.PerCustomerAsync(workspace.Engine, campaign.Id, window, ct).ConfigureAwait(false);
        var observations = rows.Rows.Select(r => new ExperimentObservation((string)r[0]!, r[1] is true, ResultTable.Convert<double>(r[2]))).ToList();
        if (!observations.Any(o => o.Arm == "control") || !observations.Any(o => o.Arm == "treatment"))
        {
            throw new SegmentaInputException($"campaign {campaign.Id} has no sent messages and control group to compare yet (create it with --holdout and run it)");
        }
        return ExperimentAnalyzer.Analyze(observations, new ExperimentAnalysisOptions { ControlArm = "control" }, new Random(1));
    }
}
