namespace Segmenta.Core.Clustering;

/// <summary>How <see cref="ClusterProfiler"/> words cluster names in the shop's language.</summary>
/// <param name="Words">Per feature, the words for a high and a low z-score (e.g. price_index → "dear products" / "cheap products").</param>
/// <param name="Unnamed">Features never used as name words (e.g. the sin/cos parts of an hour).</param>
/// <param name="Suffix">Optional last part computed from the cluster's features (e.g. "around 20:00"), or null.</param>
public sealed record ClusterNaming(
    IReadOnlyDictionary<string, (string High, string Low)> Words,
    IReadOnlySet<string> Unnamed,
    Func<IReadOnlyList<FeatureProfile>, string?>? Suffix = null);
