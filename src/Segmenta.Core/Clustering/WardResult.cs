namespace Segmenta.Core.Clustering;

/// <summary>The outcome of <see cref="Ward.Fit"/>.</summary>
/// <param name="Labels">Cluster of each point, 0..k−1 (numbered in order of first appearance in the sample).</param>
/// <param name="Centroids">Mean of each cluster's sample points.</param>
/// <param name="SampleRows">Rows clustered hierarchically (all rows when n ≤ the sample size).</param>
/// <param name="MergeHeights">Heights of all merges of the sample tree, ascending (SciPy's convention:
/// √(2·nᵢ·nⱼ / (nᵢ + nⱼ)) × the distance between the two centroids; two single points merge at their distance).</param>
public sealed record WardResult(IReadOnlyList<int> Labels, IReadOnlyList<IReadOnlyList<double>> Centroids, int SampleRows, IReadOnlyList<double> MergeHeights)
{
    /// <summary>Number of clusters k.</summary>
    public int K => Centroids.Count;
}
