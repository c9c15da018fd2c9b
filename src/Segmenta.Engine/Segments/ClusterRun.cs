using Segmenta.Core.Clustering;

namespace Segmenta.Engine.Segments;

/// <summary>The result of <see cref="BuyerClusters.RunAsync"/>.</summary>
/// <param name="AsOf">RFM snapshot day.</param>
/// <param name="Customers">Buyers clustered.</param>
/// <param name="K">Clusters.</param>
/// <param name="Silhouette">Mean silhouette (sampled above 2,000 buyers).</param>
/// <param name="DaviesBouldin">Davies–Bouldin index (lower is better).</param>
/// <param name="Inertia">Within-cluster sum of squares (standardised units).</param>
/// <param name="Candidates">With k = auto: every k tried.</param>
/// <param name="Profiles">Per cluster: name, size, share, feature means and z-scores.</param>
/// <param name="Segments">Buyers per (cluster, RFM segment).</param>
public sealed record ClusterRun(
    DateOnly AsOf, int Customers, int K, double Silhouette, double DaviesBouldin, double Inertia,
    IReadOnlyList<KCandidate> Candidates, IReadOnlyList<ClusterProfile> Profiles, IReadOnlyList<ClusterSegmentCount> Segments);
