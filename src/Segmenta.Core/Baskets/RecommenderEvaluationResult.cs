namespace Segmenta.Core.Baskets;

/// <summary>Offline top-k metrics of one recommender on a train/test split.</summary>
/// <param name="Recommender">The recommender's name.</param>
/// <param name="K">List length evaluated.</param>
/// <param name="CustomersEvaluated">Customers with training purchases and at least one test item they had not bought in training.</param>
/// <param name="CustomersWithHit">Evaluated customers with at least one such test item in their top k.</param>
/// <param name="HitRate">CustomersWithHit / CustomersEvaluated.</param>
/// <param name="Precision">Mean over evaluated customers of (hits in top k) / k.</param>
/// <param name="Recall">Mean over evaluated customers of (hits in top k) / (number of their new test items).</param>
/// <param name="DistinctItemsRecommended">Distinct items in all evaluated customers' top-k lists.</param>
/// <param name="CatalogueSize">Distinct items in the training purchases.</param>
/// <param name="Coverage">DistinctItemsRecommended / CatalogueSize.</param>
public sealed record RecommenderEvaluationResult(
    string Recommender,
    int K,
    int CustomersEvaluated,
    int CustomersWithHit,
    double HitRate,
    double Precision,
    double Recall,
    int DistinctItemsRecommended,
    int CatalogueSize,
    double Coverage);
