namespace Segmenta.Engine.Segments;

/// <summary>Buyers in one cluster and one RFM segment.</summary>
/// <param name="Cluster">Cluster label.</param>
/// <param name="Segment">RFM segment id.</param>
/// <param name="Customers">Buyers in both.</param>
public sealed record ClusterSegmentCount(int Cluster, string Segment, int Customers);
