namespace Segmenta.Core.Clustering;

/// <summary>A description of one cluster against the whole population.</summary>
/// <param name="Cluster">The cluster label (−1 is DBSCAN noise).</param>
/// <param name="Name">Generated name, e.g. "high monetary · low frequency" (rule in <see cref="ClusterProfiler"/>).</param>
/// <param name="Size">Number of customers in the cluster.</param>
/// <param name="Share">Size / total customers.</param>
/// <param name="Features">Every feature, in column order.</param>
public sealed record ClusterProfile(int Cluster, string Name, int Size, double Share, IReadOnlyList<FeatureProfile> Features);
