using Segmenta.Core.Campaigns;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Campaigns;

namespace Segmenta.Engine.Campaigns;

/// <summary>Coupon use cases: create, pool codes, status of issued codes and their redemptions (docs/campaigns.md §2).</summary>
public static class Coupons
{
    /// <summary>Validates and stores a coupon.</summary>
    public static async Task<Coupon> CreateAsync(Workspace workspace, Coupon coupon, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        coupon.Validate();
        await CampaignStore.SaveAsync(workspace.Engine, "coupon", coupon.Id, CampaignJson.Write(coupon), now, ct).ConfigureAwait(false);
        return coupon;
    }

    /// <summary>A stored coupon.</summary>
    public static async Task<Coupon> LoadAsync(Workspace workspace, string id, CancellationToken ct = default) =>
        CampaignJson.ReadCoupon(await CampaignStore.LoadAsync(workspace.Engine, "coupon", id, ct).ConfigureAwait(false));

    /// <summary>Adds <paramref name="count"/> unissued single-use codes to a coupon's pool and returns them.</summary>
    public static async Task<IReadOnlyList<string>> GeneratePoolAsync(Workspace workspace, string couponId, int count, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var coupon = await LoadAsync(workspace, couponId, ct).ConfigureAwait(false);
        var codes = CouponCodeGenerator.Generate(coupon.Id, count, await CampaignStore.CodesAsync(workspace.Engine, ct).ConfigureAwait(false));
        await CampaignStore.AddPoolCodesAsync(workspace.Engine, coupon.Id, codes, now, ct).ConfigureAwait(false);
        return codes;
    }

    /// <summary>The coupon's codes and redemptions at shop day <paramref name="today"/> (definitions in docs/campaigns.md §2).</summary>
    public static async Task<CouponStatus> StatusAsync(Workspace workspace, string couponId, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var coupon = await LoadAsync(workspace, couponId, ct).ConfigureAwait(false);
        var uses = await CouponQueries.UsesAsync(workspace.Engine, workspace.Settings.Shop.TimeZone, coupon, ct).ConfigureAwait(false);
        return CouponStatus.From(coupon, uses, today);
    }
}
