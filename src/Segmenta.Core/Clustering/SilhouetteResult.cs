namespace Segmenta.Core.Clustering;

/// <summary>The mean silhouette of a clustering.</summary>
/// <param name="Mean">Mean of s(i) = (b(i) − a(i)) / max(a(i), b(i)) over the points used, in [−1, 1];
/// s(i) = 0 for a point alone in its cluster.</param>
/// <param name="Sampled">Whether a sample was used instead of every point.</param>
/// <param name="PointsUsed">Number of points scored (n, or the sample size).</param>
public sealed record SilhouetteResult(double Mean, bool Sampled, int PointsUsed);
