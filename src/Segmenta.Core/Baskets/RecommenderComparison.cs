namespace Segmenta.Core.Baskets;

/// <summary>The item-similarity recommender against the popularity baseline on the same split.</summary>
/// <param name="Model">Metrics of <see cref="ItemSimilarityRecommender"/>.</param>
/// <param name="Popularity">Metrics of <see cref="PopularityRecommender"/>.</param>
public sealed record RecommenderComparison(RecommenderEvaluationResult Model, RecommenderEvaluationResult Popularity)
{
    /// <summary>Model hit rate minus popularity hit rate.</summary>
    public double HitRateLift => Model.HitRate - Popularity.HitRate;
}
