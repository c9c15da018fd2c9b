namespace Segmenta.Core.Clustering;

/// <summary>The quality of k-means for one k, as evaluated by <see cref="ClusterQuality.ChooseK(FeatureMatrix, FeatureMatrix, int, int, KMeansOptions?, SilhouetteOptions?)"/>.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="Inertia">Within-cluster sum of squares (all points).</param>
/// <param name="Silhouette">Mean silhouette (on the sample when n is large; same sample for every k).</param>
/// <param name="DaviesBouldin">Davies–Bouldin index (all points; lower is better).</param>
public sealed record KCandidate(int K, double Inertia, double Silhouette, double DaviesBouldin);
