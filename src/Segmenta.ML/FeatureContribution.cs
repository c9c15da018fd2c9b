namespace Segmenta.ML;

/// <summary>One feature's push on one person's score: positive raises the probability, negative lowers it.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Contribution">Relative change in the tree score attributed to the feature, in [−1, 1].</param>
public sealed record FeatureContribution(string Feature, double Contribution);
