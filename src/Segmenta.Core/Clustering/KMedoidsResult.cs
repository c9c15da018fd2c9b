namespace Segmenta.Core.Clustering;

/// <summary>The outcome of <see cref="KMedoids.Fit"/>.</summary>
/// <param name="Labels">Cluster of each point, 0..k−1 (the index of its nearest medoid).</param>
/// <param name="Medoids">Row index of each cluster's medoid (a real customer), in cluster order.</param>
/// <param name="Cost">Σ over all points of the Euclidean distance to the nearest medoid.</param>
/// <param name="Method">"pam" (all points) or "clara" (samples).</param>
/// <param name="Swaps">PAM swaps made (in the winning sample for CLARA).</param>
public sealed record KMedoidsResult(IReadOnlyList<int> Labels, IReadOnlyList<int> Medoids, double Cost, string Method, int Swaps)
{
    /// <summary>Number of clusters k.</summary>
    public int K => Medoids.Count;
}
