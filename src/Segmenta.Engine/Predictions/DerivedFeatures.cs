using Segmenta.Core;
using Segmenta.Core.Lifetime;
using Segmenta.Core.Rfm;
using Segmenta.Storage.Features;

namespace Segmenta.Engine.Predictions;

/// <summary>
/// Features computed from the SQL features of one cutoff as a whole (docs/models.md#features):
/// RFM quintile scores among the people who had bought before T, and the BG/NBD P(alive) and
/// expected purchases in the horizon from a BG/NBD model fitted on those same buyers at T. Both are
/// population-relative, so they are recomputed at every cutoff from that cutoff's data only.
/// </summary>
internal static class DerivedFeatures
{
    /// <summary>Names appended after <see cref="PurchaseFeatures.Names"/>.</summary>
    public static readonly IReadOnlyList<string> Names = ["r_score", "f_score", "m_score", "bgnbd_p_alive", "bgnbd_expected_purchases"];

    private static readonly int DaysSinceOrder = Index("days_since_order");
    private static readonly int OrderTenure = Index("order_tenure_days");
    private static readonly int OrdersAll = Index("orders_all");
    private static readonly int AverageOrderValue = Index("average_order_value");

    /// <summary>All feature names in column order.</summary>
    public static IReadOnlyList<string> AllNames { get; } = [.. PurchaseFeatures.Names, .. Names];

    /// <summary>
    /// Fills the last <see cref="Names"/>.Count columns of every row (arrays sized for <see cref="AllNames"/>).
    /// Non-buyers get 0 for every derived feature.
    /// </summary>
    public static void Fill(IReadOnlyList<float[]> rows, int horizonDays)
    {
        var first = PurchaseFeatures.Names.Count;
        var buyers = rows.Where(r => r[OrdersAll] > 0).ToList();
        if (buyers.Count == 0)
        {
            return;
        }
        var r = RfmScorer.ScoreQuintiles(buyers.Select(b => (double)b[DaysSinceOrder]).ToList(), lowerIsBetter: true);
        var f = RfmScorer.ScoreQuintiles(buyers.Select(b => (double)b[OrdersAll]).ToList(), lowerIsBetter: false);
        var m = RfmScorer.ScoreQuintiles(buyers.Select(b => (double)b[OrdersAll] * b[AverageOrderValue]).ToList(), lowerIsBetter: false);
        // BG/NBD in days: x = repeat orders, t_x = first to last order, T = first order to the cutoff.
        var histories = buyers.Select(b => new CustomerHistory("", b[OrdersAll] - 1, b[OrderTenure] - b[DaysSinceOrder], b[OrderTenure])).ToList();
        var model = TryFit(histories);
        var cache = new Dictionary<CustomerHistory, (float Alive, float Expected)>();
        for (var i = 0; i < buyers.Count; i++)
        {
            var row = buyers[i];
            row[first] = r[i];
            row[first + 1] = f[i];
            row[first + 2] = m[i];
            if (model is null)
            {
                continue;
            }
            if (!cache.TryGetValue(histories[i], out var value))
            {
                value = Score(model, histories[i], horizonDays);
                cache[histories[i]] = value;
            }
            row[first + 3] = value.Alive;
            row[first + 4] = value.Expected;
        }
    }

    private static BetaGeoModel? TryFit(List<CustomerHistory> histories)
    {
        try
        {
            return BetaGeoModel.Fit(histories);
        }
        catch (SegmentaInputException)
        {
            return null; // no repeat buyers at this cutoff: the two BG/NBD features stay 0
        }
    }

    private static (float, float) Score(BetaGeoModel model, CustomerHistory history, int horizonDays)
    {
        try
        {
            return ((float)model.ProbabilityAlive(history), (float)model.ConditionalExpectedPurchases(horizonDays, history));
        }
        catch (SegmentaInputException)
        {
            return (0, 0); // a parameter region where the closed form is not finite (e.g. a ≤ 1)
        }
    }

    /// <summary>Column of a SQL feature (the same in <see cref="AllNames"/>, which starts with those).</summary>
    internal static int Index(string name)
    {
        for (var i = 0; i < PurchaseFeatures.Names.Count; i++)
        {
            if (PurchaseFeatures.Names[i] == name)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"feature {name} is missing from PurchaseFeatures.Names");
    }
}
