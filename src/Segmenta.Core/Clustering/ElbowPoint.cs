namespace Segmenta.Core.Clustering;

/// <summary>One point of the elbow curve.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="Inertia">Within-cluster sum of squares of the best k-means run for this k.</param>
public sealed record ElbowPoint(int K, double Inertia);
