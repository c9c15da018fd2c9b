namespace Segmenta.Core.Clustering;

/// <summary>The outcome of <see cref="ClusterQuality.ChooseK(FeatureMatrix, FeatureMatrix, int, int, KMeansOptions?, SilhouetteOptions?)"/>.</summary>
/// <param name="BestK">The k with the highest mean silhouette (the smaller k on a tie).</param>
/// <param name="Candidates">Every k tried, ascending, with inertia, silhouette and Davies–Bouldin.</param>
/// <param name="Best">The k-means result for <paramref name="BestK"/>.</param>
/// <param name="SilhouetteSampled">Whether the silhouettes were computed on a sample.</param>
public sealed record ChooseKResult(int BestK, IReadOnlyList<KCandidate> Candidates, KMeansResult Best, bool SilhouetteSampled);
