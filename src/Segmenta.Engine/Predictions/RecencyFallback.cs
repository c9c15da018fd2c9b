using Segmenta.ML;

namespace Segmenta.Engine.Predictions;

/// <summary>
/// The small-shop fallback (docs/models.md#purchase-probability): the training conversion rate of
/// people in the same band of days since their last visit or order (0–7, 8–30, 31–90, 91–365, older
/// or never), with add-one smoothing. Transparent, and honest about knowing little.
/// </summary>
internal sealed class RecencyFallback
{
    private static readonly double[] Edges = [7, 30, 90, 365];
    private readonly double[] _rates;
    private readonly int _visit;
    private readonly int _order;

    private RecencyFallback(double[] rates, int visit, int order)
    {
        _rates = rates;
        _visit = visit;
        _order = order;
    }

    public static RecencyFallback Fit(IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> names)
    {
        var visit = names.ToList().IndexOf("days_since_visit");
        var order = names.ToList().IndexOf("days_since_order");
        var hits = new double[Edges.Length + 1];
        var counts = new double[Edges.Length + 1];
        foreach (var r in rows)
        {
            var b = Band(r, visit, order);
            counts[b]++;
            hits[b] += r.Label ? 1 : 0;
        }
        return new RecencyFallback(hits.Select((h, i) => (h + 1) / (counts[i] + 2)).ToArray(), visit, order);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<FeatureRow> rows) => rows.Select(r => _rates[Band(r, _visit, _order)]).ToList();

    private static int Band(FeatureRow r, int visit, int order)
    {
        var days = Math.Min(r.Features[visit], r.Features[order]);
        var b = 0;
        while (b < Edges.Length && days > Edges[b])
        {
            b++;
        }
        return b;
    }
}
