using Segmenta.Core.Clustering;

namespace Segmenta.Engine.Segments;

/// <summary>The result of <see cref="BuyerClusters.RunAsync(Workspaces.Workspace, ClusterRequest, CancellationToken)"/>.</summary>
/// <param name="AsOf">Snapshot day.</param>
/// <param name="Algorithm">kmeans, kmedoids, dbscan or ward.</param>
/// <param name="Features">Features clustered, in order.</param>
/// <param name="Customers">Customers clustered.</param>
/// <param name="Excluded">Customers with activity before the day but without data for every feature (e.g. buyers who never visited), not clustered.</param>
/// <param name="K">Clusters (noise not counted).</param>
/// <param name="Silhouette">Mean silhouette (sampled above 2,000 customers; noise left out).</param>
/// <param name="DaviesBouldin">Davies–Bouldin index (lower is better; noise left out).</param>
/// <param name="Inertia">Within-cluster sum of squared distances to the cluster means (standardised units; noise left out).</param>
/// <param name="Noise">Customers labelled noise (DBSCAN), else 0.</param>
/// <param name="Eps">DBSCAN radius used, else null.</param>
/// <param name="Candidates">With k = auto: every k tried by k-means.</param>
/// <param name="Profiles">Per cluster: name, size, share, feature means and z-scores.</param>
/// <param name="Outcomes">Per cluster: revenue, repeat rate, retention.</param>
/// <param name="Segments">Customers per (cluster, RFM segment); "(none)" for customers the RFM snapshot does not segment.</param>
/// <param name="Note">What was sampled or left out, or null.</param>
public sealed record ClusterRun(
    DateOnly AsOf, string Algorithm, IReadOnlyList<string> Features, int Customers, int Excluded, int K,
    double Silhouette, double DaviesBouldin, double Inertia, int Noise, double? Eps,
    IReadOnlyList<KCandidate> Candidates, IReadOnlyList<ClusterProfile> Profiles, IReadOnlyList<ClusterOutcome> Outcomes,
    IReadOnlyList<ClusterSegmentCount> Segments, string? Note)
{
    /// <summary>Customers with fewer sessions than <see cref="ClusterRequest.MinSessions"/>: clustered (placed in the nearest cluster) but not used to fit the clusters or choose k; 0 when the rule does not apply.</summary>
    public int FewSessions { get; init; }
}
