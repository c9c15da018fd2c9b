namespace Segmenta.Core.Clustering;

/// <summary>The outcome of <see cref="Dbscan.Fit"/>.</summary>
/// <param name="Labels">Cluster of each point, 0..ClusterCount−1, or −1 for noise.</param>
/// <param name="ClusterCount">Number of clusters found.</param>
/// <param name="NoiseCount">Number of points labelled −1.</param>
/// <param name="CorePointCount">Number of core points.</param>
/// <param name="Eps">The radius used.</param>
/// <param name="EpsSuggested">Whether eps came from <see cref="Dbscan.SuggestEps"/>.</param>
public sealed record DbscanResult(
    IReadOnlyList<int> Labels,
    int ClusterCount,
    int NoiseCount,
    int CorePointCount,
    double Eps,
    bool EpsSuggested);
