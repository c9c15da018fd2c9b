namespace Segmenta.Core.Clustering;

/// <summary>The best of the k-means runs.</summary>
/// <param name="Labels">Cluster of each point, 0..k−1, in row order.</param>
/// <param name="Centroids">k centroids, each with one value per feature (in the units clustered).</param>
/// <param name="ClusterSizes">Number of points per cluster.</param>
/// <param name="Inertia">Within-cluster sum of squares: Σ over points of the squared Euclidean
/// distance to its centroid.</param>
/// <param name="Iterations">Lloyd iterations (assignment passes) of the winning run.</param>
/// <param name="Converged">Whether the winning run stopped by the tolerance rule rather than
/// <see cref="KMeansOptions.MaxIterations"/>.</param>
/// <param name="RestartInertias">Final inertia of every run, in run order.</param>
public sealed record KMeansResult(
    IReadOnlyList<int> Labels,
    IReadOnlyList<IReadOnlyList<double>> Centroids,
    IReadOnlyList<int> ClusterSizes,
    double Inertia,
    int Iterations,
    bool Converged,
    IReadOnlyList<double> RestartInertias)
{
    /// <summary>Number of clusters k.</summary>
    public int K => Centroids.Count;
}
