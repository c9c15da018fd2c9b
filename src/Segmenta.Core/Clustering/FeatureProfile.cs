namespace Segmenta.Core.Clustering;

/// <summary>One feature of one cluster.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Mean">Arithmetic mean of the feature over the cluster, in original units.</param>
/// <param name="OverallMean">Arithmetic mean over all customers, in original units.</param>
/// <param name="ZScore">Mean of the cluster's z-scores = (mean of x′ in the cluster − overall
/// mean of x′) / overall sd of x′, where x′ is the feature after the optional log(1 + x).</param>
public sealed record FeatureProfile(string Feature, double Mean, double OverallMean, double ZScore);
